/**
 * The one bounded wait: polls `check` until it returns a value (anything but undefined) and
 * returns it, or fails after `timeoutMs` naming what it waited for. Polls start at 10 ms and
 * back off to 100 ms; there is no fixed sleep. Tests, benchmarks and the deployer's providers
 * (waiting for a resource to become ready) share it.
 */
export async function waitFor<T>(what: string | (() => string), check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}.`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 100);
  }
}
