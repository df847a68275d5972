import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { findStateMachine } from './lookup';
import { epochSeconds, requireString } from './request';
import { beginExecution } from './start-execution';
import type { StepFunctionsBackend } from './store';

/**
 * StartSyncExecution: runs an EXPRESS execution and answers when it ends. A STANDARD machine is
 * AWS's StateMachineTypeNotSupported.
 */
export async function startSyncExecution(backend: StepFunctionsBackend, input: Record<string, unknown>, ctx: RequestContext) {
  const machine = findStateMachine(backend, ctx, requireString(input, 'stateMachineArn'));
  if (machine.type !== 'EXPRESS') throw new AwsError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
  const { execution } = beginExecution(backend, input, ctx);
  await execution.finished;
  return {
    executionArn: execution.arn,
    stateMachineArn: machine.arn,
    name: execution.name,
    startDate: epochSeconds(execution.startDate),
    stopDate: epochSeconds(execution.stopDate ?? new Date()),
    status: execution.status,
    input: execution.input,
    inputDetails: { included: true },
    ...(execution.output !== undefined ? { output: execution.output, outputDetails: { included: true } } : {}),
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
    billingDetails: { billedDurationInMilliseconds: Math.max(100, Math.ceil(((execution.stopDate ?? new Date()).getTime() - execution.startDate.getTime()) / 100) * 100), billedMemoryUsedInMB: 64 },
  };
}
