import type { Hub } from '../../core/hub';
import type { AttemptResult, DeliveryJob } from './attempt';

/**
 * Sends an event that could not be delivered to its target's dead-letter queue, as EventBridge
 * does: the original event as the message body, and message attributes that say which rule and
 * target failed and why. `EXHAUSTED_RETRY_CONDITION` is present only when the retry policy ran
 * out; `RETRY_ATTEMPTS` counts the retries (attempts after the first).
 */
export function sendToDeadLetterQueue(
  hub: Hub,
  job: DeliveryJob,
  attempts: number,
  result: Extract<AttemptResult, { ok: false }>,
  exhausted: string | undefined,
): { delivered: true; messageId: string } | { delivered: false; error: string } {
  const queueArn = job.target.DeadLetterConfig!.Arn!;
  const text = (value: string) => ({ DataType: 'String', StringValue: value });
  const attributes = {
    RULE_ARN: text(job.ruleArn),
    TARGET_ARN: text(job.target.Arn),
    ERROR_CODE: text(errorCodeOf(result)),
    ERROR_MESSAGE: text(result.reason || errorCodeOf(result)),
    RETRY_ATTEMPTS: text(String(Math.max(0, attempts - 1))),
    ...(exhausted ? { EXHAUSTED_RETRY_CONDITION: text(exhausted) } : {}),
  };
  try {
    const { messageId } = hub.sqs.sendToArn(queueArn, JSON.stringify(job.ingested.envelope), attributes);
    return { delivered: true, messageId };
  } catch (err) {
    return { delivered: false, error: err instanceof Error ? err.message : String(err) };
  }
}

const MISSING_RESOURCE = new Set(['ResourceNotFoundException', 'StateMachineDoesNotExist']);

/** A target that no longer exists is `NO_RESOURCE`, as EventBridge reports it; otherwise the failure's own code. */
function errorCodeOf(result: Extract<AttemptResult, { ok: false }>): string {
  if (result.errorCode && MISSING_RESOURCE.has(result.errorCode)) return 'NO_RESOURCE';
  return result.errorCode ?? String(result.status ?? 'ERROR');
}
