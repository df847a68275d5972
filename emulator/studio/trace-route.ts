import type { TraceNode, TraceStore, TraceSummary } from '../core/trace';
import { BadInput } from './explain-route';

/** `GET /_testbed/trace?eventId=…`, `?orderId=…` or `?traceId=…`: the whole tree of each trace. */
export const TRACE_PATH = '/_testbed/trace';

const KEYS = ['eventId', 'orderId', 'traceId'];

export interface TraceAnswer {
  /** Records pushed out of the store so far: a missing step may be one of them. */
  evicted: number;
  limit: number;
  traces: Array<{ traceId: string; summary: TraceSummary; roots: TraceNode[] }>;
}

/** The trees asked for; BadInput for an unknown or missing parameter. An unknown id finds no trace. */
export function traceAnswer(store: TraceStore, params: URLSearchParams): TraceAnswer {
  for (const name of params.keys()) if (!KEYS.includes(name)) throw new BadInput(`Unknown parameter "${name}"; ask with one of ${KEYS.join(', ')}.`);
  const given = KEYS.filter((k) => params.has(k));
  if (given.length !== 1) throw new BadInput(`Ask with exactly one of ${KEYS.join(', ')}.`);
  const value = params.get(given[0]!)!;
  let ids: string[];
  if (given[0] === 'eventId') {
    const id = store.traceOfEvent(value);
    ids = id ? [id] : [];
  } else if (given[0] === 'orderId') ids = store.tracesOfOrder(value);
  else ids = store.summary(value) ? [value] : [];
  return {
    evicted: store.evicted,
    limit: store.limit,
    traces: ids.map((traceId) => ({ traceId, summary: store.summary(traceId)!, roots: store.tree(traceId) })),
  };
}
