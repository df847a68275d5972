/**
 * Paging over a list in a stable order. The token names the last item returned (not an offset),
 * so a page stays right when items are added or removed between calls. Tokens are opaque to
 * callers: base64url JSON.
 *
 * Services differ in what a token naming a vanished item means, and each keeps AWS's answer:
 * - `after`: the next page starts at the first item ordered after the named key, whether or not
 *   that item still exists (EventBridge's List*, CloudWatch Logs' DescribeLogGroups, Lambda's
 *   ListFunctions);
 * - `exact`: the named item must still be there, or the token is refused (Step Functions,
 *   whose tokens AWS invalidates).
 */
export function pageAfter<T>(
  sorted: readonly T[],
  keyOf: (item: T) => string,
  after: string | undefined,
  size: number,
  mode: 'after' | 'exact' = 'after',
): { page: T[]; last?: string } | undefined {
  let start = 0;
  if (after !== undefined) {
    if (mode === 'exact') {
      const index = sorted.findIndex((item) => keyOf(item) === after);
      if (index < 0) return undefined;
      start = index + 1;
    } else {
      start = sorted.findIndex((item) => keyOf(item) > after);
      if (start === -1) start = sorted.length;
    }
  }
  const page = sorted.slice(start, start + size);
  return start + size < sorted.length ? { page, last: keyOf(page[page.length - 1]!) } : { page };
}

export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** The token's value when it decodes and passes `check`; undefined otherwise (each service words its own error). */
export function decodeToken<T>(token: string, check: (value: any) => value is T): T | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return check(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Sorts by the key in code-unit (ASCII) order, the order AWS lists names in. */
export function sortByKey<T>(items: Iterable<T>, keyOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
