import type { RequestContext } from '../core/request-context';
import { required, type InputOf } from '../protocol/validation';
import { FUNCTION_NAME, QUALIFIER } from './shapes';
import { parseFunctionRef, withQualifier } from './function-name';
import { functionConfiguration } from './function-configuration';
import type { LambdaFunction } from './model';
import type { LambdaState } from './state';

/** GetFunction: the configuration, where the code can be downloaded, tags and reserved concurrency. */
export const GetFunctionInput = { FunctionName: required(FUNCTION_NAME), Qualifier: QUALIFIER };

export function getFunction(state: LambdaState, input: InputOf<typeof GetFunctionInput>, ctx: RequestContext): Record<string, unknown> {
  const fn = state.functions.get(withQualifier(parseFunctionRef(input.FunctionName, ctx, 'read'), input.Qualifier));
  const out: Record<string, unknown> = {
    Configuration: functionConfiguration(fn, 'read'),
    Code: { RepositoryType: 'S3', Location: codeLocation(state, fn) },
  };
  if (Object.keys(fn.tags).length > 0) out.Tags = fn.tags;
  if (fn.reservedConcurrency !== undefined) out.Concurrency = { ReservedConcurrentExecutions: fn.reservedConcurrency };
  return out;
}

/** GetFunctionConfiguration. */
export function getFunctionConfiguration(state: LambdaState, input: InputOf<typeof GetFunctionInput>, ctx: RequestContext): Record<string, unknown> {
  const fn = state.functions.get(withQualifier(parseFunctionRef(input.FunctionName, ctx, 'read'), input.Qualifier));
  return functionConfiguration(fn, 'read');
}

/**
 * AWS answers a presigned S3 URL to the zip; the emulator serves the uploaded zip itself, and
 * names the directory of hot-reloaded code as LocalStack does.
 */
function codeLocation(state: LambdaState, fn: LambdaFunction): string {
  if (fn.code.hotReload) return `file://${fn.code.dir}`;
  return `${state.hub.endpoint}${codePath(fn.accountId, fn.region, fn.name)}`;
}

export function codePath(accountId: string, region: string, name: string): string {
  return `/_testbed/lambda/code/${accountId}/${region}/${encodeURIComponent(name)}.zip`;
}
