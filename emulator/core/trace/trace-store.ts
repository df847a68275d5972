import { newSpanId, newTraceId, parseTraceHeader, traceHeader } from './trace-header';

/**
 * One trace model for every service: each step an order takes (the API request, a Lambda
 * invocation, a PutEvents entry, the evaluation of each rule, each delivery attempt, an HTTP
 * exchange, a Step Functions execution, a DynamoDB write) is a record with the trace it belongs
 * to, the step that caused it (its parent) and its time. Steps are joined through the X-Ray trace
 * header the services pass along, so one order is one tree.
 *
 * Records live in a bounded ring (`--trace-limit`); the oldest fall out first and are counted.
 */

export type TraceKind =
  | 'api-request'
  | 'lambda-invocation'
  | 'put-events-entry'
  | 'rule-evaluation'
  | 'delivery-attempt'
  | 'http-exchange'
  | 'execution'
  | 'dynamodb-write';

export const TRACE_KINDS: readonly TraceKind[] = ['api-request', 'lambda-invocation', 'put-events-entry', 'rule-evaluation', 'delivery-attempt', 'http-exchange', 'execution', 'dynamodb-write'];

/** Enough for 10,000 orders through the stack (about 16 records each). */
export const DEFAULT_TRACE_LIMIT = 200_000;

export interface TraceRecord {
  seq: number;
  /** This step's segment id, the `Parent` of what it calls. */
  id: string;
  traceId: string;
  parentId?: string;
  kind: TraceKind;
  service: string;
  /** A short label: `POST /orders`, `ProduceOrder`, the rule's or the target's name, ... */
  name: string;
  /** Epoch milliseconds when the step started. */
  start: number;
  durationMs?: number;
  status: 'ok' | 'error';
  eventId?: string;
  orderId?: string;
  detailType?: string;
  /** What the kind records: the payload, the status, the log lines, the rule's verdict. */
  data: Record<string, unknown>;
  /** Worked out when first read (a rule's reason for not matching), so recording stays cheap. */
  lazy?: () => Record<string, unknown>;
}

export type NewTraceRecord = Omit<TraceRecord, 'seq'>;

/** A record as the API answers it: the lazy part resolved, the time in ISO form. */
export type TraceView = Omit<TraceRecord, 'lazy' | 'data' | 'start'> & { time: string; start: number } & Record<string, unknown>;

export interface TraceNode extends TraceView {
  children: TraceNode[];
}

/** What the list of orders shows of one trace, kept up to date as records arrive. */
export interface TraceSummary {
  traceId: string;
  start: number;
  end: number;
  records: number;
  errors: number;
  orderIds: string[];
  eventIds: string[];
  detailTypes: string[];
  /** Rules that matched an event of the trace. */
  rules: string[];
  /** The first API request or PutEvents entry: what started it. */
  root?: string;
}

interface TraceEntry {
  records: TraceRecord[];
  summary: TraceSummary;
}

/** A step begun: its ids, and the header to hand to what it calls. */
export interface Span {
  id: string;
  traceId: string;
  parentId?: string;
  header: string;
  start: number;
}

export class TraceStore {
  private readonly ring: (TraceRecord | undefined)[];
  private next = 0;
  private seq = 0;
  /** Records pushed out of the ring by newer ones. */
  evicted = 0;
  private readonly traces = new Map<string, TraceEntry>();
  private readonly events = new Map<string, TraceRecord>();
  /** The traces of each order, in arrival order; a set, as one order id may start many traces. */
  private readonly orders = new Map<string, Set<string>>();
  private readonly listeners = new Set<(record: TraceRecord) => void>();

  constructor(
    readonly limit = DEFAULT_TRACE_LIMIT,
    /** Off, nothing is recorded: the benchmark's baseline for what tracing costs. */
    readonly enabled = true,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`The trace limit must be a whole number of 1 or more, got ${limit}.`);
    this.ring = new Array(limit);
  }

  /** Begins a step under the caller named by `incoming` (an X-Ray header), or a new trace. */
  begin(incoming?: string): Span {
    const start = Date.now();
    const parsed = parseTraceHeader(incoming);
    const traceId = parsed?.traceId ?? newTraceId(start);
    const id = newSpanId();
    return { id, traceId, parentId: parsed?.parentId, header: traceHeader(traceId, id), start };
  }

  /** Begins a step called by `parent`: what `begin(parent.header)` answers, without parsing the header. */
  child(parent: Span): Span {
    const id = newSpanId();
    return { id, traceId: parent.traceId, parentId: parent.id, header: traceHeader(parent.traceId, id), start: Date.now() };
  }

  add(record: NewTraceRecord): void {
    if (!this.enabled) return;
    const full = record as TraceRecord;
    full.seq = ++this.seq;
    const old = this.ring[this.next];
    if (old) this.evict(old);
    this.ring[this.next] = full;
    this.next = (this.next + 1) % this.limit;
    this.index(full);
    for (const listener of this.listeners) listener(full);
  }

  get total(): number {
    return this.seq;
  }

  /** Calls `listener` with every new record until the returned function is called. */
  subscribe(listener: (record: TraceRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every record still held, oldest first. */
  *all(): Iterable<TraceRecord> {
    for (let i = 0; i < this.limit; i++) {
      const r = this.ring[(this.next + i) % this.limit];
      if (r) yield r;
    }
  }

  traceOfEvent(eventId: string): string | undefined {
    return this.events.get(eventId)?.traceId;
  }

  tracesOfOrder(orderId: string): string[] {
    const traces = this.orders.get(orderId);
    return traces ? [...traces] : [];
  }

  summary(traceId: string): TraceSummary | undefined {
    return this.traces.get(traceId)?.summary;
  }

  /** Summaries, newest trace first. */
  summaries(): TraceSummary[] {
    const out: TraceSummary[] = [];
    for (const entry of this.traces.values()) out.push(entry.summary);
    return out.reverse();
  }

  /** One trace as a tree: each record under its parent; a record whose parent is not held is a root. */
  tree(traceId: string): TraceNode[] {
    const records = this.traces.get(traceId)?.records ?? [];
    const nodes = new Map<string, TraceNode>();
    for (const r of records) nodes.set(r.id, { ...view(r), children: [] });
    const roots: TraceNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId === undefined ? undefined : nodes.get(node.parentId);
      if (parent && parent !== node) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.traces.clear();
    this.events.clear();
    this.orders.clear();
  }

  private index(r: TraceRecord): void {
    let entry = this.traces.get(r.traceId);
    if (!entry) {
      entry = { records: [], summary: { traceId: r.traceId, start: r.start, end: r.start, records: 0, errors: 0, orderIds: [], eventIds: [], detailTypes: [], rules: [] } };
      this.traces.set(r.traceId, entry);
    }
    entry.records.push(r);
    const s = entry.summary;
    s.records++;
    s.start = Math.min(s.start, r.start);
    s.end = Math.max(s.end, r.start + (r.durationMs ?? 0));
    if (r.status === 'error') s.errors++;
    if (r.kind === 'put-events-entry' && r.eventId) {
      this.events.set(r.eventId, r);
      s.eventIds.push(r.eventId);
      s.root ??= `PutEvents ${r.detailType ?? ''}`;
    }
    // The request that started the trace (the client's, not one made further down) names it.
    if (r.kind === 'api-request' && r.parentId === undefined) s.root = r.name;
    if (r.detailType && !s.detailTypes.includes(r.detailType)) s.detailTypes.push(r.detailType);
    if (r.kind === 'rule-evaluation' && r.data.matched === true && !s.rules.includes(r.name)) s.rules.push(r.name);
    if (r.orderId && !s.orderIds.includes(r.orderId)) {
      s.orderIds.push(r.orderId);
      const traces = this.orders.get(r.orderId);
      if (!traces) this.orders.set(r.orderId, new Set([r.traceId]));
      else traces.add(r.traceId);
    }
  }

  private evict(r: TraceRecord): void {
    this.evicted++;
    if (r.eventId && this.events.get(r.eventId) === r) this.events.delete(r.eventId);
    const entry = this.traces.get(r.traceId);
    if (!entry) return;
    // Records of a trace are in arrival order, so the evicted one is its first.
    if (entry.records[0] === r) entry.records.shift();
    else entry.records.splice(entry.records.indexOf(r), 1);
    if (entry.records.length > 0) return;
    this.traces.delete(r.traceId);
    for (const orderId of entry.summary.orderIds) {
      const traces = this.orders.get(orderId);
      traces?.delete(r.traceId);
      if (traces?.size === 0) this.orders.delete(orderId);
    }
  }
}

/** The record as JSON: kind-specific fields at the top level, the lazy part resolved once. */
export function view(r: TraceRecord): TraceView {
  if (r.lazy) {
    Object.assign(r.data, r.lazy());
    r.lazy = undefined;
  }
  const { lazy: _lazy, data, ...rest } = r;
  return { ...rest, time: new Date(r.start).toISOString(), ...data };
}

/** The order id of an event's detail, when it has one: how records are found by order. */
export function orderIdOf(detail: unknown): string | undefined {
  const id = (detail as { orderId?: unknown } | null)?.orderId;
  return typeof id === 'string' ? id : undefined;
}
