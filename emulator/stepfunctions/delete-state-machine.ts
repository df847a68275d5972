import type { RequestContext } from '../core/request-context';
import { parseStatesArn } from './arns';
import { required, string, type InputOf } from '../protocol/validation';
import type { StepFunctionsBackend } from './store';

export const StateMachineArnInput = { stateMachineArn: required(string()) };

/**
 * DeleteStateMachine: succeeds whether or not the state machine exists, as on AWS. Its running
 * executions run to the end and stay describable; no new ones can start.
 */
export function deleteStateMachine(backend: StepFunctionsBackend, { stateMachineArn: arn }: InputOf<typeof StateMachineArnInput>, ctx: RequestContext) {
  parseStatesArn(arn, 'stateMachine');
  backend.regions.get(ctx.accountId, ctx.region).stateMachines.delete(arn);
  return {};
}
