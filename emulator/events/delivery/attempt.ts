import { AwsError } from '../../core/aws-error';
import type { RequestContext } from '../../core/request-context';
import type { Span } from '../../core/trace';
import type { PendingHandle } from '../../core/settle';
import type { IngestedEvent } from '../put-events';
import type { Target } from '../store';

/** One delivery of one event to one target of one rule. */
export interface DeliveryJob {
  ingested: IngestedEvent;
  ruleName: string;
  ruleArn: string;
  target: Target;
  /** What the target receives: the event, or its Input/InputPath/InputTransformer result. */
  body: string;
  /** The rule's account and region. */
  ctx: RequestContext;
  /** The trace header of the rule's evaluation, when traced: each attempt continues it. */
  ruleTrace?: string;
  /** The attempt under way: its header goes to the target (Lambda, Step Functions, HTTP). */
  span?: Span;
  /** Set while the job is pending work (an attempt under way or a retry waiting). */
  pending?: PendingHandle;
}

export type AttemptResult =
  | {
      ok: true;
      status?: number | string;
      /** Settles when the target has done with the event (an execution that ends); a state folder keeps the event until then. */
      settled?: Promise<unknown>;
    }
  | {
      ok: false;
      /** Whether another attempt could succeed (throttling, 5xx, network); false sends the event straight to the DLQ. */
      retryable: boolean;
      status?: number | string;
      errorCode?: string;
      reason: string;
      /** From `Retry-After`: the least time before the next attempt. */
      retryAfterMs?: number;
      /** A negative `Retry-After`: AWS stops retrying the event. */
      stopRetrying?: boolean;
    };

/** Delivers one attempt; returns synchronously when it can, so cheap targets stay cheap. */
export type Deliverer = (job: DeliveryJob, attempt: number, signal: AbortSignal) => AttemptResult | Promise<AttemptResult>;

const RETRYABLE_CODES = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'EC2ThrottledException',
  'ResourceConflictException',
]);

/**
 * A failed call into another service, classified as EventBridge does: throttling and service
 * faults are retried; a missing resource or a refused request is not. A service the emulator
 * has not got yet (`NotImplemented`) can never succeed, so it is not retried either.
 */
export function failureFromError(err: unknown): AttemptResult {
  if (err instanceof AwsError) {
    const retryable = err.code !== 'NotImplemented' && (err.statusCode >= 500 || err.statusCode === 429 || RETRYABLE_CODES.has(err.code));
    return { ok: false, retryable, status: err.code, errorCode: err.code, reason: err.message || err.code };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, retryable: false, status: 'InternalFailure', errorCode: 'InternalFailure', reason: message };
}
