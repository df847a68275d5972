import { AwsError, validationError } from '../core/aws-error';

const DEFAULT_PAGE_SIZE = 100;

/**
 * Validates `maxResults` (0 to 1000; 0 or absent means the default of 100) and the length of
 * `nextToken` as AWS's model does, and returns the page size.
 */
export function pageSize(input: { maxResults?: unknown; nextToken?: unknown }, tokenLimit: number): number {
  const violations: string[] = [];
  const max = input.maxResults;
  if (max !== undefined && max !== null) {
    if (typeof max !== 'number' || !Number.isInteger(max)) throw new AwsError('SerializationException', 'NUMBER_VALUE can not be converted to an Integer');
    if (max > 1000) violations.push(`Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`);
    if (max < 0) violations.push(`Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0`);
  }
  const token = input.nextToken;
  if (typeof token === 'string' && token.length > tokenLimit) {
    violations.push(`Value '${token}' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to ${tokenLimit}`);
  }
  if (violations.length > 0) throw validationError(violations);
  return typeof max === 'number' && max > 0 ? max : DEFAULT_PAGE_SIZE;
}

/**
 * One page of an ordered list. The token names the last item returned, so items added or removed
 * before it do not shift the next page.
 */
export function paginate<T>(items: T[], keyOf: (item: T) => string, size: number, nextToken?: unknown): { page: T[]; nextToken?: string } {
  let start = 0;
  if (typeof nextToken === 'string' && nextToken.length > 0) {
    const after = decodeToken(nextToken);
    const index = after === undefined ? -1 : items.findIndex((item) => keyOf(item) === after);
    if (index < 0) throw new AwsError('InvalidToken', "Invalid Token: 'Invalid token'");
    start = index + 1;
  }
  const page = items.slice(start, start + size);
  const more = start + size < items.length;
  return { page, nextToken: more ? encodeToken(keyOf(page[page.length - 1]!)) : undefined };
}

function encodeToken(key: string): string {
  return Buffer.from(JSON.stringify({ after: key })).toString('base64url');
}

function decodeToken(token: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    return typeof parsed.after === 'string' ? parsed.after : undefined;
  } catch {
    return undefined;
  }
}
