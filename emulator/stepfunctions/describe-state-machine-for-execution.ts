import type { RequestContext } from '../core/request-context';
import { findExecution } from './lookup';
import type { InputOf } from '../protocol/validation';
import type { ExecutionArnInput } from './describe-execution';
import { epochSeconds } from './request';
import type { StepFunctionsBackend } from './store';

/** DescribeStateMachineForExecution: the state machine as the execution ran it. */
export function describeStateMachineForExecution(backend: StepFunctionsBackend, input: InputOf<typeof ExecutionArnInput>, ctx: RequestContext) {
  const machine = findExecution(backend, ctx, input.executionArn).stateMachine;
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    definition: machine.definition,
    roleArn: machine.roleArn,
    updateDate: epochSeconds(machine.updateDate ?? machine.creationDate),
    loggingConfiguration: machine.loggingConfiguration,
    tracingConfiguration: machine.tracingConfiguration,
    ...(machine.revisionId ? { revisionId: machine.revisionId } : {}),
  };
}
