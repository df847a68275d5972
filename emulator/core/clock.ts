/**
 * Time-scaled waits. Retry back-off and similar delays are multiplied by the scale so a test can
 * run a 24-hour retry policy in seconds; 1 (real time) is the default.
 * `TESTBED_TIME_SCALE=0.001` makes every such wait a thousand times shorter.
 */
export function timeScaleFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TESTBED_TIME_SCALE;
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale < 0) {
    throw new Error(`TESTBED_TIME_SCALE must be a number of 0 or more, got "${raw}".`);
  }
  return scale;
}

export class Clock {
  constructor(readonly scale = 1) {}

  /** Waits `ms` of emulated time, i.e. `ms * scale` of real time. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const real = Math.max(0, ms * this.scale);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, real);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
