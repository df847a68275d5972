import type { RequestContext } from '../core/request-context';
import type { Execution } from './execution';
import { findExecution } from './lookup';
import { required, string, type InputOf } from '../protocol/validation';
import { epochSeconds } from './request';
import type { StepFunctionsBackend } from './store';

export const ExecutionArnInput = { executionArn: required(string()) };

export function describeExecution(backend: StepFunctionsBackend, input: InputOf<typeof ExecutionArnInput>, ctx: RequestContext) {
  const execution = findExecution(backend, ctx, input.executionArn);
  return {
    executionArn: execution.arn,
    stateMachineArn: execution.stateMachine.arn,
    name: execution.name,
    status: execution.status,
    startDate: epochSeconds(execution.startDate),
    ...(execution.stopDate ? { stopDate: epochSeconds(execution.stopDate) } : {}),
    input: execution.input,
    inputDetails: { included: true },
    ...(execution.output !== undefined ? { output: execution.output, outputDetails: { included: true } } : {}),
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
    redriveCount: 0,
    ...redriveStatus(execution),
  };
}

/** Running and succeeded executions cannot be redriven; failed, aborted and timed-out ones can on AWS. */
function redriveStatus(execution: Execution) {
  if (execution.status === 'RUNNING' || execution.status === 'SUCCEEDED') {
    return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: `Execution is ${execution.status} and cannot be redriven` };
  }
  return { redriveStatus: 'REDRIVABLE' };
}
