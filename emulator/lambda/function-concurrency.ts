import type { RequestContext } from '../core/request-context';
import { integer, required, type InputOf } from '../protocol/validation';
import { invalidParameter } from './errors';
import { FUNCTION_NAME } from './shapes';
import { parseFunctionRef } from './function-name';
import type { LambdaState } from './state';

/** AWS's default account concurrency and the part of it that must stay unreserved. */
const ACCOUNT_CONCURRENCY = 1000;
const MINIMUM_UNRESERVED = 100;

/** PutFunctionConcurrency: reserved concurrency caps the function's concurrent executions. */
export const PutFunctionConcurrencyInput = { FunctionName: required(FUNCTION_NAME), ReservedConcurrentExecutions: required(integer({ min: 0 })) };
export const FunctionConcurrencyInput = { FunctionName: required(FUNCTION_NAME) };

export function putFunctionConcurrency(state: LambdaState, input: InputOf<typeof PutFunctionConcurrencyInput>, ctx: RequestContext): Record<string, unknown> {
  const ref = parseFunctionRef(input.FunctionName, ctx, 'read');
  if (ref.qualifier) {
    throw invalidParameter('This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.');
  }
  const fn = state.functions.get(ref, '$LATEST');
  const reserved = input.ReservedConcurrentExecutions;
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
export function getFunctionConcurrency(state: LambdaState, input: InputOf<typeof FunctionConcurrencyInput>, ctx: RequestContext): Record<string, unknown> {
  const fn = state.functions.get(parseFunctionRef(input.FunctionName, ctx, 'read'));
  return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
}

/** DeleteFunctionConcurrency: back to the unreserved pool. */
export function deleteFunctionConcurrency(state: LambdaState, input: InputOf<typeof FunctionConcurrencyInput>, ctx: RequestContext): void {
  const fn = state.functions.get(parseFunctionRef(input.FunctionName, ctx, 'read'));
  fn.reservedConcurrency = undefined;
  state.runtime.changed(fn);
}
