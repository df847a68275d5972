import { validation } from './validation';

/**
 * `NextToken` paging over a list sorted by name. The token is opaque to callers and names the
 * last item returned, so a page stays right when items are added or removed between calls.
 */
export function paginate<T>(items: T[], keyOf: (item: T) => string, nextToken: string | undefined, limit: number | undefined, pageMax = 100): { page: T[]; nextToken?: string } {
  const size = limit ?? pageMax;
  let start = 0;
  if (nextToken !== undefined) {
    const after = decodeToken(nextToken);
    start = items.findIndex((item) => keyOf(item) > after);
    if (start === -1) start = items.length;
  }
  const page = items.slice(start, start + size);
  const more = start + size < items.length;
  return more ? { page, nextToken: encodeToken(keyOf(page[page.length - 1]!)) } : { page };
}

function encodeToken(key: string): string {
  return Buffer.from(JSON.stringify({ after: key }), 'utf8').toString('base64');
}

function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // falls through to the error below
  }
  throw validation('The nextToken provided is invalid.');
}

export function byName<T extends { name: string }>(items: Iterable<T>, prefix?: string): T[] {
  const list: T[] = [];
  for (const item of items) if (prefix === undefined || item.name.startsWith(prefix)) list.push(item);
  return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
