import type { RequestContext } from '../core/request-context';
import { findExecution } from './lookup';
import { required, string, type InputOf } from '../protocol/validation';
import { epochSeconds } from './request';
import type { StepFunctionsBackend } from './store';

export const StopExecutionInput = { executionArn: required(string()), error: string(), cause: string() };

/** StopExecution: a running execution becomes ABORTED; a finished one is left as it is. */
export function stopExecution(backend: StepFunctionsBackend, input: InputOf<typeof StopExecutionInput>, ctx: RequestContext) {
  const execution = findExecution(backend, ctx, input.executionArn);
  const stopDate = execution.stop(input.error, input.cause);
  return { stopDate: epochSeconds(stopDate) };
}
