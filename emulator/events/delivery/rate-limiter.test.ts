import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces requests 1/rate seconds apart, in arrival order', async () => {
    const limiter = new RateLimiter();
    const signal = new AbortController().signal;
    const passed: number[] = [];
    const all = [0, 1, 2].map((i) => limiter.acquire(10, signal).then(() => passed.push(i)));
    await vi.advanceTimersByTimeAsync(0);
    expect(passed).toEqual([0]);
    await vi.advanceTimersByTimeAsync(99);
    expect(passed).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(passed).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(100);
    expect(passed).toEqual([0, 1, 2]);
    await Promise.all(all);
  });

  it('lets a request through at once when the rate allows it', async () => {
    const limiter = new RateLimiter();
    const signal = new AbortController().signal;
    await limiter.acquire(300, signal);
    await vi.advanceTimersByTimeAsync(1000);
    let passed = false;
    void limiter.acquire(300, signal).then(() => (passed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(passed).toBe(true);
  });
});
