import type { Hub } from '../../core/hub';
import { internalContext } from '../../core/request-context';
import { parseArn } from '../arns';
import { failureFromError, type AttemptResult, type DeliveryJob } from './attempt';

/**
 * Lambda target: an asynchronous (`Event`) invocation with the event or the transformed input.
 * Once Lambda has accepted it, Lambda's own asynchronous retries apply; EventBridge retries only
 * when Lambda does not accept it.
 */
export function lambdaDeliverer(hub: Hub) {
  return async (job: DeliveryJob): Promise<AttemptResult> => {
    const arn = parseArn(job.target.Arn);
    const ctx = { ...internalContext(arn?.accountId || job.ctx.accountId, arn?.region || job.ctx.region), traceHeader: job.span?.header };
    try {
      const result = await hub.lambda.invoke(ctx, job.target.Arn, Buffer.from(job.body, 'utf8'), 'Event', { source: 'events' });
      return result.statusCode < 300 ? { ok: true, status: result.statusCode } : { ok: false, retryable: result.statusCode >= 500 || result.statusCode === 429, status: result.statusCode, reason: `Lambda answered ${result.statusCode}` };
    } catch (err) {
      return failureFromError(err);
    }
  };
}
