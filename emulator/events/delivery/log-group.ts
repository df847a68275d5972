import type { Hub } from '../../core/hub';
import { internalContext } from '../../core/request-context';
import { logGroupNameFrom, parseArn } from '../arns';
import { failureFromError, type AttemptResult, type DeliveryJob } from './attempt';

/**
 * CloudWatch Logs target: the event JSON (or the transformed input) becomes one log event in a
 * stream named after the event id, timestamped with the delivery time (an event's own `time` may
 * be older than CloudWatch Logs accepts). A log group that does not
 * exist is a failure that no retry can fix. An InputTransformer result of the form
 * `{"timestamp": ..., "message": ...}` sets the log event's own fields, as AWS documents for
 * this target.
 */
export function logGroupDeliverer(hub: Hub) {
  return (job: DeliveryJob): AttemptResult => {
    const name = logGroupNameFrom(job.target.Arn);
    if (!name) return { ok: false, retryable: false, status: 'ValidationException', errorCode: 'ValidationException', reason: `${job.target.Arn} is not a log group ARN.` };
    const arn = parseArn(job.target.Arn);
    const ctx = internalContext(arn?.accountId || job.ctx.accountId, arn?.region || job.ctx.region);
    try {
      if (!hub.logs.hasLogGroup(ctx, name)) {
        return { ok: false, retryable: false, status: 'ResourceNotFoundException', errorCode: 'ResourceNotFoundException', reason: `The specified log group does not exist: ${name}` };
      }
      const event = job.ingested.envelope;
      const { timestamp, message } = logFields(job.target.InputTransformer ? job.body : undefined) ?? { timestamp: Date.now(), message: job.body };
      hub.logs.appendEvents(ctx, name, event.id, [{ timestamp, message }]);
      return { ok: true };
    } catch (err) {
      return failureFromError(err);
    }
  };
}

function logFields(body: string | undefined): { timestamp: number; message: string } | undefined {
  if (body === undefined || !body.startsWith('{')) return undefined;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!('timestamp' in parsed) || !('message' in parsed)) return undefined;
  const raw = parsed.timestamp;
  const timestamp = typeof raw === 'number' ? raw : Date.parse(String(raw));
  if (Number.isNaN(timestamp)) return undefined;
  const message = typeof parsed.message === 'string' ? parsed.message : JSON.stringify(parsed.message);
  return { timestamp, message };
}
