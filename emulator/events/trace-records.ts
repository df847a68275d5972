import type { Hub } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { orderIdOf, type Span } from '../core/trace';
import type { AttemptResult, DeliveryJob } from './delivery/attempt';
import { explainMismatch } from './pattern';
import type { IngestedEvent } from './put-events';
import type { EventBus } from './store';

/**
 * EventBridge's records for the trace (see core/trace): each PutEvents entry, the evaluation of
 * every rule of the bus against each event, and each delivery attempt. The call sites in
 * put-events and delivery stay one line each.
 */

/** An accepted or refused PutEvents entry, with the event and who published it. */
export function traceEntry(
  hub: Hub,
  ctx: RequestContext,
  span: Span,
  entry: Record<string, any>,
  outcome: { eventId: string; event?: unknown; bus: string } | { errorCode: string; reason: string; bus: string },
): void {
  if (!hub.trace.enabled) return;
  const event = 'eventId' in outcome ? outcome.event : undefined;
  hub.trace.add({
    id: span.id,
    traceId: span.traceId,
    parentId: span.parentId,
    kind: 'put-events-entry',
    service: 'events',
    name: `PutEvents ${entry.DetailType ?? ''}`.trim(),
    start: span.start,
    status: 'eventId' in outcome && event ? 'ok' : 'error',
    eventId: 'eventId' in outcome ? outcome.eventId : undefined,
    orderId: orderIdOf((event as { detail?: unknown } | undefined)?.detail),
    detailType: entry.DetailType,
    data: {
      bus: outcome.bus,
      source: entry.Source,
      caller: { accountId: ctx.accountId, region: ctx.region, traceHeader: ctx.traceHeader ?? entry.TraceHeader },
      ...(event ? { event } : { entry }),
      ...('errorCode' in outcome ? { errorCode: outcome.errorCode, reason: outcome.reason } : {}),
    },
  });
}

/**
 * Every rule of the bus against one event: matched or not, and why not. The reason is worked out
 * when the record is first read, from the rule's pattern as it was when the event was routed.
 */
export function traceRules(hub: Hub, event: IngestedEvent, bus: EventBus, matched: readonly string[]): Map<string, string> {
  const spans = new Map<string, string>();
  if (!hub.trace.enabled || !event.trace) return spans;
  const { envelope } = event;
  const orderId = orderIdOf(envelope.detail);
  for (const rule of bus.rules.values()) {
    if (rule.compiled === undefined) continue; // scheduled rules never see events
    const span = hub.trace.child(event.trace);
    // A few names at most: a scan costs less than a set per event.
    const patternMatched = matched.includes(rule.name);
    const isMatch = patternMatched && rule.state !== 'DISABLED';
    spans.set(rule.name, span.header);
    const compiled = rule.compiled;
    const state = rule.state;
    hub.trace.add({
      id: span.id,
      traceId: span.traceId,
      parentId: span.parentId,
      kind: 'rule-evaluation',
      service: 'events',
      name: rule.name,
      start: span.start,
      status: 'ok',
      eventId: envelope.id,
      orderId,
      detailType: envelope['detail-type'],
      data: { rule: rule.name, bus: bus.name, matched: isMatch, pattern: compiled.source, targets: isMatch ? [...rule.targets.keys()] : [] },
      lazy: isMatch ? undefined : () => ({ reason: state === 'DISABLED' && patternMatched ? 'the rule is DISABLED' : explainMismatch(compiled, envelope) }),
    });
  }
  return spans;
}

/** One delivery attempt: its request, its answer, its latency, and what happens next. */
export function traceAttempt(
  hub: Hub,
  job: DeliveryJob,
  attempt: number,
  result: AttemptResult,
  latencyMs: number,
  outcome: 'succeeded' | 'failed' | 'failed-final',
  deadLetter?: { arn?: string; reason: string },
): void {
  const span = job.span;
  if (!hub.trace.enabled || !span) return;
  const { envelope } = job.ingested;
  hub.trace.add({
    id: span.id,
    traceId: span.traceId,
    parentId: span.parentId,
    kind: 'delivery-attempt',
    service: 'events',
    name: `${targetLabel(job.target.Arn)} (attempt ${attempt})`,
    start: span.start,
    durationMs: Math.round(latencyMs * 1000) / 1000,
    status: result.ok ? 'ok' : 'error',
    eventId: envelope.id,
    orderId: orderIdOf(envelope.detail),
    detailType: envelope['detail-type'],
    data: {
      rule: job.ruleName,
      targetId: job.target.Id,
      targetArn: job.target.Arn,
      attempt,
      outcome,
      statusCode: result.status,
      request: job.body,
      ...(result.ok ? {} : { reason: result.reason, willRetry: outcome === 'failed' }),
      ...(deadLetter ? { deadLetter: deadLetter.arn ?? null, finalReason: deadLetter.reason } : {}),
    },
  });
}

/** The HTTP request an API destination sent and what came back (no answer: the connection failed). */
export function traceHttpExchange(
  hub: Hub,
  job: DeliveryJob,
  span: Span,
  request: { method: string; url: string; headers: Record<string, string>; body?: string },
  reply: { status: number; body: string } | undefined,
): void {
  if (!hub.trace.enabled) return;
  const { envelope } = job.ingested;
  // Credentials stay out of the record.
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, k.toLowerCase() === 'authorization' ? `${v.split(' ')[0]} ***` : v]));
  hub.trace.add({
    id: span.id,
    traceId: span.traceId,
    parentId: span.parentId,
    kind: 'http-exchange',
    service: 'events',
    name: `${request.method} ${request.url}`,
    start: span.start,
    durationMs: Date.now() - span.start,
    status: reply && reply.status < 400 ? 'ok' : 'error',
    eventId: envelope.id,
    orderId: orderIdOf(envelope.detail),
    data: { request: { ...request, headers }, response: reply ? { statusCode: reply.status, body: reply.body.slice(0, 4096) } : null },
  });
}

/** `function:ProcessedOrder`, `log-group:/aws/events/orders`, `api-destination/OrdersConsumerDestination`: the ARN's resource. */
function targetLabel(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.replace(/^(api-destination\/[^/]+)\/.*$/, '$1').replace(/:\*$/, '') || arn;
}
