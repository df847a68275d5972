import { setTimeout as sleep } from 'node:timers/promises';

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
    if (slot > now) await sleep(slot - now, undefined, { signal });
  }
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
