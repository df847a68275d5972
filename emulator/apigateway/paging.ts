import { badRequest } from './errors';

/**
 * `position`/`limit` paging as API Gateway's Get* list operations do it: at most `limit` items
 * (25 by default, 500 at most) and an opaque position for the next page while more remain.
 */
export function page<T>(items: T[], position: string | undefined, limit: number | undefined): { items: T[]; position?: string } {
  const start = position ? decodePosition(position) : 0;
  const size = Math.min(Math.max(limit ?? 25, 1), 500);
  const slice = items.slice(start, start + size);
  const next = start + size;
  return next < items.length ? { items: slice, position: encodePosition(next) } : { items: slice };
}

function encodePosition(index: number): string {
  return Buffer.from(JSON.stringify({ i: index })).toString('base64url');
}

function decodePosition(position: string): number {
  try {
    const i = (JSON.parse(Buffer.from(position, 'base64url').toString('utf8')) as { i?: unknown }).i;
    if (typeof i === 'number' && Number.isInteger(i) && i >= 0) return i;
  } catch {
    // fall through to the error below
  }
  throw badRequest('Invalid position parameter');
}
