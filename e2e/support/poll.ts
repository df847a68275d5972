/**
 * Bounded polling: the one way the suites and the scenario runner wait for an asynchronous
 * effect. `check` returns the value once it is there, or undefined to try again; when the deadline
 * passes, the error says what was expected, what was seen last and where to look.
 */
export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** What should become true, e.g. "the order's item in OrderDetails". */
  expected: string;
  /** Where a person should look when it never does. */
  whereToLook?: string;
}

export class PollTimeoutError extends Error {
  constructor(
    readonly expected: string,
    readonly lastSeen: string,
    readonly whereToLook: string | undefined,
    timeoutMs: number,
  ) {
    super(
      [
        `Expected ${expected} within ${timeoutMs} ms.`,
        `Last seen: ${lastSeen}.`,
        whereToLook ? `Where to look: ${whereToLook}.` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    this.name = 'PollTimeoutError';
  }
}

export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  describeLast: () => string,
  { timeoutMs = 30_000, intervalMs = 50, expected, whereToLook }: PollOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new PollTimeoutError(expected, describeLast(), whereToLook, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
