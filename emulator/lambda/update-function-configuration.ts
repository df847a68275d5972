import type { RequestContext } from '../core/request-context';
import { integer, map, required, string, structure, type InputOf } from '../protocol/validation';
import { parseFunctionRef } from './function-name';
import { functionConfiguration } from './function-configuration';
import type { LambdaState } from './state';
import { checkRevision, touch } from './update-function-code';
import { checkEnvironment, checkRuntime, DESCRIPTION, FUNCTION_NAME, HANDLER, MEMORY_SIZE, REVISION_ID, ROLE, TIMEOUT } from './shapes';

/** UpdateFunctionConfiguration's members, in the model's order. */
export const UpdateFunctionConfigurationInput = {
  FunctionName: required(FUNCTION_NAME),
  Role: ROLE,
  Handler: HANDLER,
  Description: DESCRIPTION,
  Timeout: TIMEOUT,
  MemorySize: MEMORY_SIZE,
  Environment: structure({ Variables: map() }),
  Runtime: string(),
  DeadLetterConfig: structure({ TargetArn: string() }),
  RevisionId: REVISION_ID,
  TracingConfig: structure({ Mode: string() }),
  EphemeralStorage: structure({ Size: integer() }),
  LoggingConfig: structure({ LogFormat: string(), LogGroup: string() }),
};

/**
 * UpdateFunctionConfiguration: the members given replace the current ones (Environment as a
 * whole, as on AWS); new environments start with the new settings.
 */
export function updateFunctionConfiguration(state: LambdaState, input: InputOf<typeof UpdateFunctionConfigurationInput>, ctx: RequestContext): Record<string, unknown> {
  const fn = state.functions.get(parseFunctionRef(input.FunctionName, ctx, 'read'));
  checkRevision(fn, input.RevisionId);
  checkRuntime(input.Runtime);
  if (input.Environment) checkEnvironment(input.Environment.Variables);
  const s = fn.settings;
  if (input.Role !== undefined) state.hub.iam.passRole(ctx, (s.role = input.Role), 'lambda.amazonaws.com', 'UpdateFunctionConfiguration');
  if (input.Handler !== undefined) s.handler = input.Handler;
  if (input.Description !== undefined) s.description = input.Description;
  if (input.Timeout !== undefined) s.timeout = input.Timeout;
  if (input.MemorySize !== undefined) s.memorySize = input.MemorySize;
  if (input.Environment !== undefined) s.environment = { ...(input.Environment.Variables ?? {}) };
  if (input.Runtime !== undefined) s.runtime = input.Runtime;
  if (input.DeadLetterConfig !== undefined) s.deadLetterTargetArn = input.DeadLetterConfig.TargetArn || undefined;
  if (input.TracingConfig?.Mode !== undefined) s.tracingMode = input.TracingConfig.Mode;
  if (input.EphemeralStorage?.Size !== undefined) s.ephemeralStorageSize = input.EphemeralStorage.Size;
  if (input.LoggingConfig?.LogFormat !== undefined) s.logFormat = input.LoggingConfig.LogFormat;
  if (input.LoggingConfig?.LogGroup !== undefined) s.logGroup = input.LoggingConfig.LogGroup;
  touch(fn);
  state.runtime.changed(fn);
  return functionConfiguration(fn, 'update');
}
