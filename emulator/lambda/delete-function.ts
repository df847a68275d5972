import type { RequestContext } from '../core/request-context';
import { required, type InputOf } from '../protocol/validation';
import { FUNCTION_NAME, QUALIFIER } from './shapes';
import { parseFunctionRef, withQualifier } from './function-name';
import type { LambdaState } from './state';

/** DeleteFunction: the function goes, and with it every execution environment (busy ones finish first). */
export const DeleteFunctionInput = { FunctionName: required(FUNCTION_NAME), Qualifier: QUALIFIER };

export function deleteFunction(state: LambdaState, input: InputOf<typeof DeleteFunctionInput>, ctx: RequestContext): void {
  const fn = state.functions.get(withQualifier(parseFunctionRef(input.FunctionName, ctx, 'delete'), input.Qualifier));
  state.functions.remove(fn);
  state.hotReload.forget(fn);
  state.runtime.removed(fn);
}
