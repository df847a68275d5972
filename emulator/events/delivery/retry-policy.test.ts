import { describe, expect, it } from 'vitest';
import { backoffMs, retryPolicyOf } from './retry-policy';

describe('retry policy', () => {
  it("defaults to AWS's 185 retries within 24 hours", () => {
    expect(retryPolicyOf({ Id: 't', Arn: 'arn:aws:sqs:us-east-1:1:q' })).toEqual({ maximumRetryAttempts: 185, maximumEventAgeMs: 86_400_000 });
    expect(retryPolicyOf({ Id: 't', Arn: 'a', RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 } })).toEqual({ maximumRetryAttempts: 0, maximumEventAgeMs: 60_000 });
  });

  it('backs off exponentially with jitter, up to five minutes', () => {
    expect(backoffMs(1, () => 0)).toBe(500);
    expect(backoffMs(1, () => 1)).toBe(1000);
    expect(backoffMs(4, () => 1)).toBe(8000);
    expect(backoffMs(30, () => 1)).toBe(300_000);
    expect(backoffMs(30, () => 0)).toBe(150_000);
  });
});
