import type { TraceStore, TraceSummary } from '../core/trace';
import { BadInput } from './explain-route';

/** How many orders a page of the list holds at most. */
export const MAX_PAGE = 500;

export interface OrdersPage {
  /** Traces that pass the search, of which this page is `offset`..`offset + orders.length`. */
  total: number;
  offset: number;
  evicted: number;
  orders: TraceSummary[];
}

/**
 * A page of the list of traces, newest first, that started with an order (an API request or a
 * PutEvents entry). `q` keeps those whose order id, event id, matched rule or detail-type
 * contains it, ignoring case.
 */
export function ordersPage(store: TraceStore, params: URLSearchParams): OrdersPage {
  for (const name of params.keys()) if (!['q', 'offset', 'limit'].includes(name)) throw new BadInput(`Unknown parameter "${name}"; the parameters are q, offset, limit.`);
  const offset = whole(params.get('offset'), 'offset', 0);
  const limit = Math.min(whole(params.get('limit'), 'limit', 100), MAX_PAGE);
  const q = (params.get('q') ?? '').trim().toLowerCase();
  const all = store.summaries().filter((s) => s.root !== undefined && (q === '' || matchesSearch(s, q)));
  return { total: all.length, offset, evicted: store.evicted, orders: all.slice(offset, offset + limit) };
}

function matchesSearch(s: TraceSummary, q: string): boolean {
  const has = (xs: string[]) => xs.some((x) => x.toLowerCase().includes(q));
  return has(s.orderIds) || has(s.eventIds) || has(s.rules) || has(s.detailTypes) || s.traceId.toLowerCase().includes(q);
}

function whole(raw: string | null, name: string, fallback: number): number {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (raw === '' || !Number.isInteger(n) || n < 0) throw new BadInput(`${name} must be a whole number of 0 or more, got "${raw}".`);
  return n;
}
