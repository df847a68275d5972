import type { RequestContext } from '../core/request-context';
import { findStateMachine } from './lookup';
import type { InputOf } from '../protocol/validation';
import type { StateMachineArnInput } from './delete-state-machine';
import { epochSeconds } from './request';
import type { StateMachineRecord, StepFunctionsBackend } from './store';

export function describeStateMachine(backend: StepFunctionsBackend, input: InputOf<typeof StateMachineArnInput>, ctx: RequestContext) {
  return describeStateMachineRecord(findStateMachine(backend, ctx, input.stateMachineArn));
}

/** DescribeStateMachine's output; also DescribeStateMachineForExecution's, from the execution's snapshot. */
export function describeStateMachineRecord(machine: Omit<StateMachineRecord, 'tags'>) {
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    status: 'ACTIVE',
    definition: machine.definition,
    roleArn: machine.roleArn,
    type: machine.type,
    creationDate: epochSeconds(machine.creationDate),
    loggingConfiguration: machine.loggingConfiguration,
    tracingConfiguration: machine.tracingConfiguration,
    ...(machine.revisionId ? { revisionId: machine.revisionId } : {}),
  };
}
