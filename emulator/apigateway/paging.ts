import { decodeToken, encodeToken } from '../core/paging';
import { badRequest } from './errors';

/**
 * `position`/`limit` paging as API Gateway's Get* list operations do it: at most `limit` items
 * (25 by default, 500 at most) and an opaque position for the next page while more remain. The
 * position is the index of the next item (API Gateway lists in creation order, not by a key).
 */
export function page<T>(items: T[], position: string | undefined, limit: number | undefined): { items: T[]; position?: string } {
  const start = position ? decodePosition(position) : 0;
  const size = Math.min(Math.max(limit ?? 25, 1), 500);
  const slice = items.slice(start, start + size);
  const next = start + size;
  return next < items.length ? { items: slice, position: encodeToken({ i: next }) } : { items: slice };
}

const isPosition = (value: any): value is { i: number } => Number.isInteger(value?.i) && value.i >= 0;

function decodePosition(position: string): number {
  const decoded = decodeToken(position, isPosition);
  if (!decoded) throw badRequest('Invalid position parameter');
  return decoded.i;
}
