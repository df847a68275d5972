import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { parseStatesArn } from './arns';
import type { Execution } from './execution';
import type { StateMachineRecord, StepFunctionsBackend } from './store';

export function findStateMachine(backend: StepFunctionsBackend, ctx: RequestContext, arn: string): StateMachineRecord {
  parseStatesArn(arn, 'stateMachine');
  const machine = backend.regions.get(ctx.accountId, ctx.region).stateMachines.get(arn);
  if (!machine) throw new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  return machine;
}

/** Standard executions only: AWS keeps no describable record of Express ones. */
export function findExecution(backend: StepFunctionsBackend, ctx: RequestContext, arn: string): Execution {
  parseStatesArn(arn, 'execution');
  const execution = backend.regions.get(ctx.accountId, ctx.region).executions.get(arn);
  if (!execution) throw new AwsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  return execution;
}
