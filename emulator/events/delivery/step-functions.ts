import type { Hub } from '../../core/hub';
import { internalContext } from '../../core/request-context';
import { parseArn } from '../arns';
import { failureFromError, type AttemptResult, type DeliveryJob } from './attempt';

/**
 * Step Functions target: StartExecution with the event (or the transformed input) as input,
 * the execution named after the event id as EventBridge names it, so the execution of an event
 * can be found from the event.
 */
export function stepFunctionsDeliverer(hub: Hub) {
  return async (job: DeliveryJob): Promise<AttemptResult> => {
    const arn = parseArn(job.target.Arn);
    const ctx = { ...internalContext(arn?.accountId || job.ctx.accountId, arn?.region || job.ctx.region), traceHeader: job.span?.header };
    try {
      const { finished } = await hub.stepfunctions.startExecution(ctx, { stateMachineArn: job.target.Arn, name: job.ingested.envelope.id, input: job.body });
      return { ok: true, settled: finished };
    } catch (err) {
      return failureFromError(err);
    }
  };
}
