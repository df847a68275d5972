import type { RequestContext } from '../core/request-context';
import { parseFunctionRef, withQualifier } from './function-name';
import type { LambdaState } from './state';

/** DeleteFunction: the function goes, and with it every execution environment (busy ones finish first). */
export function deleteFunction(state: LambdaState, ctx: RequestContext, name: string, qualifier: string | null): void {
  const fn = state.functions.get(withQualifier(parseFunctionRef(name, ctx, 'delete'), qualifier));
  state.functions.remove(fn);
  state.hotReload.forget(fn);
  state.runtime.removed(fn);
}
