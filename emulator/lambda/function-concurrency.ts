import type { RequestContext } from '../core/request-context';
import { invalidParameter, validationException } from './errors';
import { parseFunctionRef } from './function-name';
import type { LambdaState } from './state';

/** AWS's default account concurrency and the part of it that must stay unreserved. */
const ACCOUNT_CONCURRENCY = 1000;
const MINIMUM_UNRESERVED = 100;

/** PutFunctionConcurrency: reserved concurrency caps the function's concurrent executions. */
export function putFunctionConcurrency(state: LambdaState, ctx: RequestContext, name: string, input: { ReservedConcurrentExecutions?: number }): Record<string, unknown> {
  const ref = parseFunctionRef(name, ctx, 'read');
  if (ref.qualifier) {
    throw invalidParameter('This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.');
  }
  const fn = state.functions.get(ref, '$LATEST');
  const reserved = input.ReservedConcurrentExecutions;
  if (reserved === undefined || reserved === null) {
    throw validationException([`Value null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null`]);
  }
  if (!Number.isInteger(reserved) || reserved < 0) {
    throw validationException([`Value '${reserved}' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0`]);
  }
  const reservedElsewhere = state.functions
    .list(fn.accountId, fn.region)
    .filter((other) => other !== fn)
    .reduce((sum, other) => sum + (other.reservedConcurrency ?? 0), 0);
  if (ACCOUNT_CONCURRENCY - reservedElsewhere - reserved < MINIMUM_UNRESERVED) {
    throw invalidParameter(`Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MINIMUM_UNRESERVED}].`);
  }
  fn.reservedConcurrency = reserved;
  state.runtime.changed(fn);
  return { ReservedConcurrentExecutions: reserved };
}

/** GetFunctionConcurrency: `{}` when none is reserved. */
export function getFunctionConcurrency(state: LambdaState, ctx: RequestContext, name: string): Record<string, unknown> {
  const fn = state.functions.get(parseFunctionRef(name, ctx, 'read'));
  return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
}

/** DeleteFunctionConcurrency: back to the unreserved pool. */
export function deleteFunctionConcurrency(state: LambdaState, ctx: RequestContext, name: string): void {
  const fn = state.functions.get(parseFunctionRef(name, ctx, 'read'));
  fn.reservedConcurrency = undefined;
  state.runtime.changed(fn);
}
