import type { Hub } from '../../core/hub';
import type { Span } from '../../core/trace';
import type { LambdaFunction } from '../model';
import type { PoolInvocation, PoolOutcome } from './environment-pool';

/** Kept of a payload or a result in the trace. */
const KEPT_PAYLOAD = 16 * 1024;

/** One invocation as a step of the trace: start, duration, error, payloads and its log lines. */
export function traceInvocation(hub: Hub, fn: LambdaFunction, span: Span, call: PoolInvocation, mode: 'sync' | 'async', outcome: PoolOutcome): void {
  if (!hub.trace.enabled) return;
  hub.trace.add({
    id: span.id,
    traceId: span.traceId,
    parentId: span.parentId,
    kind: 'lambda-invocation',
    service: 'lambda',
    name: fn.name,
    start: span.start,
    durationMs: Date.now() - span.start,
    status: outcome.error ? 'error' : 'ok',
    data: {
      functionArn: fn.arn,
      requestId: call.requestId,
      invocationType: mode === 'sync' ? 'RequestResponse' : 'Event',
      payload: call.payload.toString('utf8', 0, KEPT_PAYLOAD),
      result: outcome.body.toString('utf8', 0, KEPT_PAYLOAD),
      logGroup: fn.settings.logGroup,
      logLines: outcome.logLines.map((line) => line.replace(/\n$/, '')),
    },
  });
}
