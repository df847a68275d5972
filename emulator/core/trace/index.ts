import { AsyncLocalStorage } from 'node:async_hooks';

export { TraceStore, DEFAULT_TRACE_LIMIT, TRACE_KINDS, view, orderIdOf } from './trace-store';
export type { TraceKind, TraceRecord, NewTraceRecord, TraceNode, TraceSummary, TraceView, Span } from './trace-store';
export { parseTraceHeader, traceHeader, newTraceId, newSpanId } from './trace-header';

/**
 * The trace header of the step running now, for work that calls out through an SDK client (a
 * Step Functions task writing to DynamoDB): the client's middleware reads it, as the SDK in a
 * Lambda handler reads `_X_AMZN_TRACE_ID`.
 */
export const activeTraceHeader = new AsyncLocalStorage<string>();
