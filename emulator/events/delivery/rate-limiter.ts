/**
 * An API destination's invocation rate limit: requests are spaced at least 1/rate seconds apart
 * in real time (the limit protects the endpoint, so it is not time-scaled). Waiting requests
 * queue in arrival order.
 */
export class RateLimiter {
  private nextSlot = 0;

  async acquire(ratePerSecond: number, signal: AbortSignal): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / ratePerSecond;
    if (slot > now) await wait(slot - now, signal);
  }
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** One limiter per API destination ARN. */
export class RateLimiters {
  private readonly byArn = new Map<string, RateLimiter>();

  for(arn: string): RateLimiter {
    let limiter = this.byArn.get(arn);
    if (!limiter) this.byArn.set(arn, (limiter = new RateLimiter()));
    return limiter;
  }
}
