import type { RequestContext } from '../core/request-context';
import { findExecution } from './lookup';
import { epochSeconds, optionalString, requireString } from './request';
import type { StepFunctionsBackend } from './store';

/** StopExecution: a running execution becomes ABORTED; a finished one is left as it is. */
export function stopExecution(backend: StepFunctionsBackend, input: Record<string, unknown>, ctx: RequestContext) {
  const execution = findExecution(backend, ctx, requireString(input, 'executionArn'));
  const stopDate = execution.stop(optionalString(input, 'error'), optionalString(input, 'cause'));
  return { stopDate: epochSeconds(stopDate) };
}
