import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { findStateMachine } from './lookup';
import { enumOf, string, validationError, type InputOf } from '../protocol/validation';
import { epochSeconds } from './request';
import { integerMaxResults, MAX_RESULTS, nextToken, pageOf } from './shapes';
import type { StepFunctionsBackend } from './store';

const STATUSES = ['SUCCEEDED', 'TIMED_OUT', 'PENDING_REDRIVE', 'ABORTED', 'FAILED', 'RUNNING'] as const;

export const ListExecutionsInput = {
  stateMachineArn: string(),
  statusFilter: enumOf(STATUSES),
  maxResults: MAX_RESULTS,
  nextToken: nextToken(3096),
};

/** Ahead of the model's constraints: a state machine ARN (the emulator has no Map Runs), and a whole-number page size. */
export function beforeListExecutions(input: Record<string, any>): void {
  if (input.stateMachineArn === undefined || input.stateMachineArn === null) throw validationError(['Must provide a StateMachine ARN or MapRun ARN']);
  integerMaxResults(input);
}

/** ListExecutions: a STANDARD state machine's executions, newest first, optionally of one status, paged. */
export function listExecutions(backend: StepFunctionsBackend, input: InputOf<typeof ListExecutionsInput>, ctx: RequestContext) {
  const arn = input.stateMachineArn!;
  const machine = findStateMachine(backend, ctx, arn);
  if (machine.type !== 'STANDARD') {
    throw new AwsError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
  }
  const executions = [...backend.regions.get(ctx.accountId, ctx.region).executions.values()]
    .filter((e) => e.stateMachine.arn === arn && (input.statusFilter === undefined || e.status === input.statusFilter))
    // Map order is start order: reversed, it is newest first even within one millisecond.
    .reverse();
  const { page, nextToken } = pageOf(executions, (e) => e.arn, input);
  return {
    executions: page.map((e) => ({
      executionArn: e.arn,
      stateMachineArn: e.stateMachine.arn,
      name: e.name,
      status: e.status,
      startDate: epochSeconds(e.startDate),
      ...(e.stopDate ? { stopDate: epochSeconds(e.stopDate) } : {}),
      redriveCount: 0,
    })),
    ...(nextToken ? { nextToken } : {}),
  };
}
