import { randomBytes } from 'node:crypto';

/**
 * The AWS X-Ray trace header, `X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1`,
 * as services pass it along: on HTTP requests, as a PutEvents entry's `TraceHeader`, and to a
 * Lambda handler as `_X_AMZN_TRACE_ID` (which the AWS SDK in the handler copies onto its own
 * requests). `Root` names the trace; `Parent` the step that made the call.
 */
export interface TraceContext {
  traceId: string;
  parentId?: string;
}

export function parseTraceHeader(header: string | undefined): TraceContext | undefined {
  if (!header) return undefined;
  let traceId: string | undefined;
  let parentId: string | undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    if (key === 'Root') traceId = part.slice(eq + 1).trim();
    else if (key === 'Parent') parentId = part.slice(eq + 1).trim();
  }
  return traceId ? { traceId, parentId } : undefined;
}

/** The header a step passes to what it calls: the same trace, itself as the parent. */
export function traceHeader(traceId: string, spanId: string): string {
  return `Root=${traceId};Parent=${spanId};Sampled=1`;
}

/** A new X-Ray trace id: version 1, the epoch seconds in hex, 96 random bits. */
export function newTraceId(now = Date.now()): string {
  return `1-${Math.floor(now / 1000).toString(16).padStart(8, '0')}-${randomHex(12)}`;
}

/** A new segment id (16 hex digits). */
export function newSpanId(): string {
  return randomHex(8);
}

// Every request makes several ids; one call to randomBytes per id would cost more than the rest
// of a PutEvents entry, so the bytes come from a pooled buffer, refilled when used up.
let pool = Buffer.alloc(0);
let poolAt = 0;

function randomHex(bytes: number): string {
  if (poolAt + bytes > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  const hex = pool.toString('hex', poolAt, poolAt + bytes);
  poolAt += bytes;
  return hex;
}
