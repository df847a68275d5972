import { describe, expect, it } from 'vitest';
import { TraceStore, type NewTraceRecord } from './trace-store';

/** One order's steps: an entry with a rule under it, joined by the header each step passes on. */
function order(store: TraceStore, orderId: string, matched = true): string {
  const entry = store.begin();
  store.add(record(entry, 'put-events-entry', { eventId: `e-${orderId}`, orderId, detailType: 'Order Notification' }));
  const rule = store.begin(entry.header);
  store.add(record(rule, 'rule-evaluation', { orderId, name: 'US', data: { rule: 'US', matched } }));
  return entry.traceId;
}

function record(span: ReturnType<TraceStore['begin']>, kind: NewTraceRecord['kind'], extra: Partial<NewTraceRecord> = {}): NewTraceRecord {
  return { id: span.id, traceId: span.traceId, parentId: span.parentId, kind, service: 'events', name: kind, start: span.start, status: 'ok', data: {}, ...extra };
}

describe('the trace store', () => {
  it('continues the trace named by an X-Ray header, with the caller as parent', () => {
    const store = new TraceStore(10);
    const span = store.begin('Root=1-6b11a000-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1');
    expect(span).toMatchObject({ traceId: '1-6b11a000-0123456789abcdef01234567', parentId: '53995c3f42cd8ad8' });
    expect(span.header).toBe(`Root=1-6b11a000-0123456789abcdef01234567;Parent=${span.id};Sampled=1`);
    expect(store.begin().traceId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('builds each trace as a tree and finds it by event and by order', () => {
    const store = new TraceStore(10);
    const traceId = order(store, 'o-1');
    expect(store.traceOfEvent('e-o-1')).toBe(traceId);
    expect(store.tracesOfOrder('o-1')).toEqual([traceId]);
    const [root] = store.tree(traceId);
    expect(root).toMatchObject({ kind: 'put-events-entry', children: [expect.objectContaining({ kind: 'rule-evaluation', rule: 'US', matched: true, children: [] })] });
    expect(store.summary(traceId)).toMatchObject({ orderIds: ['o-1'], eventIds: ['e-o-1'], rules: ['US'], records: 2, root: 'PutEvents Order Notification' });
  });

  it('keeps at most its limit, counts what it evicts, and forgets evicted orders', () => {
    const store = new TraceStore(5);
    const first = order(store, 'o-1');
    order(store, 'o-2');
    order(store, 'o-3');
    expect(store.evicted).toBe(1);
    // The first trace lost its entry: its rule is a root now, and the event is no longer found.
    expect(store.traceOfEvent('e-o-1')).toBeUndefined();
    expect(store.tree(first).map((n) => n.kind)).toEqual(['rule-evaluation']);
    order(store, 'o-4');
    expect(store.evicted).toBe(3);
    expect(store.tracesOfOrder('o-1')).toEqual([]);
    expect(store.summaries().map((s) => s.orderIds[0])).toEqual(['o-4', 'o-3', 'o-2']);
    expect([...store.all()]).toHaveLength(5);
  });

  it('resolves a rule reason only when read', () => {
    const store = new TraceStore(5);
    let worked = 0;
    const span = store.begin();
    store.add({ ...record(span, 'rule-evaluation'), data: { rule: 'EU', matched: false }, lazy: () => ({ reason: `worked ${++worked}` }) });
    expect(worked).toBe(0);
    expect(store.tree(span.traceId)[0]).toMatchObject({ rule: 'EU', matched: false, reason: 'worked 1' });
    expect(store.tree(span.traceId)[0]!.reason).toBe('worked 1');
  });

  it('records nothing when off', () => {
    const store = new TraceStore(5, false);
    order(store, 'o-1');
    expect(store.total).toBe(0);
    expect(store.summaries()).toEqual([]);
  });
});
