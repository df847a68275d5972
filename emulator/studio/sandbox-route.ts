import { AwsError } from '../core/aws-error';
import type { TraceStore } from '../core/trace';
import { compilePattern, explainMismatch } from '../events/pattern';
import { BadInput } from './explain-route';

/** How many of the newest events the sandbox tries a pattern on. */
export const SANDBOX_EVENTS = 200;

export interface SandboxResult {
  eventId: string;
  orderId?: string;
  detailType?: string;
  time: string;
  matched: boolean;
  reason?: string;
}

/**
 * The pattern sandbox: a pattern (as EventBridge would accept it at PutRule) tried on the newest
 * events published, with the reason for each that does not match.
 */
export function sandbox(store: TraceStore, body: string): { tried: number; matched: number; results: SandboxResult[] } {
  let pattern: unknown;
  try {
    pattern = (JSON.parse(body) as { pattern?: unknown }).pattern;
  } catch {
    throw new BadInput('The body must be a JSON object { "pattern": ... }.');
  }
  if (pattern === undefined) throw new BadInput('pattern is missing.');
  let compiled;
  try {
    compiled = compilePattern(typeof pattern === 'string' ? pattern : JSON.stringify(pattern));
  } catch (err) {
    if (err instanceof AwsError) throw new BadInput(`pattern: ${err.message}`);
    throw err;
  }
  const events: SandboxResult[] = [];
  const newest: { eventId: string; orderId?: string; detailType?: string; start: number; event: unknown }[] = [];
  for (const r of store.all()) {
    if (r.kind === 'put-events-entry' && r.eventId && r.data.event) newest.push({ eventId: r.eventId, orderId: r.orderId, detailType: r.detailType, start: r.start, event: r.data.event });
    if (newest.length > SANDBOX_EVENTS) newest.shift();
  }
  for (const e of newest.reverse()) {
    const reason = explainMismatch(compiled, e.event);
    events.push({ eventId: e.eventId, orderId: e.orderId, detailType: e.detailType, time: new Date(e.start).toISOString(), matched: reason === undefined, ...(reason === undefined ? {} : { reason }) });
  }
  return { tried: events.length, matched: events.filter((e) => e.matched).length, results: events };
}
