import { AwsError } from '../core/aws-error';
import { decodeToken, encodeToken, pageAfter } from '../core/paging';
import { boolean, enumOf, integer, list, string, structure, type Dialect } from '../protocol/validation';

/**
 * Shapes several Step Functions operations share, with the constraints of AWS's model that the
 * emulator checks, and Step Functions' paging.
 */

/** Step Functions answers a member of the wrong JSON type as one more violation ("Member must be a string"). */
export const STEP_FUNCTIONS_DIALECT: Dialect = { exception: 'ValidationException', wrongType: 'violation' };

/** State machine and execution names: 1 to 80 characters (the characters AWS forbids are `InvalidName`, checked in the handler). */
export const NAME = string({ min: 1, max: 80 });

export const STATE_MACHINE_TYPES = ['STANDARD', 'EXPRESS'] as const;
const LOG_LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'] as const;

export const LOGGING_CONFIGURATION = structure({
  level: enumOf(LOG_LEVELS),
  includeExecutionData: boolean(),
  destinations: list(undefined),
});
export const TRACING_CONFIGURATION = structure({ enabled: boolean() });
export const TAGS = list(structure({ key: string(), value: string() }));

/** `maxResults`: 0 to 1000; 0 or absent means the default page of 100. */
export const MAX_RESULTS = integer({ min: 0, max: 1000 });
/** `nextToken`: AWS's model bounds its length (1024 for state machines, 3096 for executions and history). */
export const nextToken = (max: number) => string({ max });

/**
 * A `maxResults` that is not a whole number fails when the request is read, before any constraint
 * is checked: a SerializationException, as the service answers it.
 */
export function integerMaxResults(input: Record<string, any>): void {
  const max = input.maxResults;
  if (max !== undefined && max !== null && (typeof max !== 'number' || !Number.isInteger(max))) {
    throw new AwsError('SerializationException', 'NUMBER_VALUE can not be converted to an Integer');
  }
}

const DEFAULT_PAGE_SIZE = 100;
const isAfter = (value: any): value is { after: string } => typeof value?.after === 'string';

/**
 * One page of an ordered list. The token names the last item returned, so items added or removed
 * before it do not shift the next page; a token whose item has gone is refused, as AWS refuses it.
 */
export function pageOf<T>(items: readonly T[], keyOf: (item: T) => string, input: { maxResults?: number; nextToken?: string }): { page: T[]; nextToken?: string } {
  const size = input.maxResults || DEFAULT_PAGE_SIZE;
  const after = input.nextToken ? decodeToken(input.nextToken, isAfter)?.after : undefined;
  const result = after === undefined && input.nextToken ? undefined : pageAfter(items, keyOf, after, size, 'exact');
  if (!result) throw new AwsError('InvalidToken', "Invalid Token: 'Invalid token'");
  return { page: result.page, ...(result.last !== undefined ? { nextToken: encodeToken({ after: result.last }) } : {}) };
}
