import type { Target } from '../store';

/** AWS's defaults when a target has no RetryPolicy: 185 retries within 24 hours. */
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;

/** The first retry waits about a second; each later one twice as long, up to five minutes. */
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 5 * 60 * 1000;

export interface RetryPolicy {
  maximumRetryAttempts: number;
  maximumEventAgeMs: number;
}

export function retryPolicyOf(target: Target): RetryPolicy {
  return {
    maximumRetryAttempts: target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS,
    maximumEventAgeMs: (target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS) * 1000,
  };
}

/**
 * Exponential back-off with jitter (half fixed, half random), as AWS describes its retries, in
 * emulated milliseconds: the clock's time scale turns it into real time.
 */
export function backoffMs(failedAttempts: number, random = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failedAttempts - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}
