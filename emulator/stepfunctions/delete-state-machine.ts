import type { RequestContext } from '../core/request-context';
import { parseStatesArn } from './arns';
import { requireString } from './request';
import type { StepFunctionsBackend } from './store';

/**
 * DeleteStateMachine: succeeds whether or not the state machine exists, as on AWS. Its running
 * executions run to the end and stay describable; no new ones can start.
 */
export function deleteStateMachine(backend: StepFunctionsBackend, input: Record<string, unknown>, ctx: RequestContext) {
  const arn = requireString(input, 'stateMachineArn');
  parseStatesArn(arn, 'stateMachine');
  backend.regions.get(ctx.accountId, ctx.region).stateMachines.delete(arn);
  return {};
}
