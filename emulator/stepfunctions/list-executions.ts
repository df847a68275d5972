import { AwsError, validationError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { findStateMachine } from './lookup';
import { pageSize, paginate } from './pagination';
import { checkEnum, epochSeconds, optionalString } from './request';
import type { StepFunctionsBackend } from './store';

const STATUSES = ['SUCCEEDED', 'TIMED_OUT', 'PENDING_REDRIVE', 'ABORTED', 'FAILED', 'RUNNING'] as const;

/** ListExecutions: a STANDARD state machine's executions, newest first, optionally of one status, paged. */
export function listExecutions(backend: StepFunctionsBackend, input: Record<string, unknown>, ctx: RequestContext) {
  const arn = optionalString(input, 'stateMachineArn');
  if (arn === undefined) throw validationError(['Must provide a StateMachine ARN or MapRun ARN']);
  checkEnum(input.statusFilter, 'statusFilter', STATUSES);
  const size = pageSize(input, 3096);
  const machine = findStateMachine(backend, ctx, arn);
  if (machine.type !== 'STANDARD') {
    throw new AwsError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
  }
  const executions = [...backend.regions.get(ctx.accountId, ctx.region).executions.values()]
    .filter((e) => e.stateMachine.arn === arn && (input.statusFilter === undefined || e.status === input.statusFilter))
    // Map order is start order: reversed, it is newest first even within one millisecond.
    .reverse();
  const { page, nextToken } = paginate(executions, (e) => e.arn, size, input.nextToken);
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
