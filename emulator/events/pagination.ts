import { decodeToken, encodeToken, pageAfter, sortByKey } from '../core/paging';
import { validation } from './shapes';

const isAfter = (v: any): v is { after: string } => typeof v === 'object' && v !== null && typeof v.after === 'string';

/**
 * `NextToken` paging over a list sorted by name. The token names the last item returned; the
 * next page starts after that name even if the item has gone since.
 */
export function paginate<T>(items: T[], keyOf: (item: T) => string, nextToken: string | undefined, limit: number | undefined, pageMax = 100): { page: T[]; nextToken?: string } {
  let after: string | undefined;
  if (nextToken !== undefined) {
    after = decodeToken(nextToken, isAfter)?.after;
    if (after === undefined) throw validation('The nextToken provided is invalid.');
  }
  const { page, last } = pageAfter(items, keyOf, after, limit ?? pageMax)!;
  return last !== undefined ? { page, nextToken: encodeToken({ after: last }) } : { page };
}

export function byName<T extends { name: string }>(items: Iterable<T>, prefix?: string): T[] {
  const list: T[] = [];
  for (const item of items) if (prefix === undefined || item.name.startsWith(prefix)) list.push(item);
  return sortByKey(list, (item) => item.name);
}
