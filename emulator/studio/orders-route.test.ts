import { describe, expect, it } from 'vitest';
import { TraceStore } from '../core/trace';
import { ordersPage } from './orders-route';

/** A store with `n` orders, each an entry and a matched rule; order i is `o-i`. */
function storeWith(n: number): TraceStore {
  const store = new TraceStore(1000);
  for (let i = 0; i < n; i++) {
    const entry = store.begin();
    const detailType = i % 2 ? 'Order Notification' : 'Order Dispatched';
    store.add({ id: entry.id, traceId: entry.traceId, kind: 'put-events-entry', service: 'events', name: `PutEvents ${detailType}`, start: 1000 + i, status: 'ok', eventId: `e-${i}`, orderId: `o-${i}`, detailType, data: {} });
    const rule = store.begin(entry.header);
    store.add({ id: rule.id, traceId: rule.traceId, parentId: rule.parentId, kind: 'rule-evaluation', service: 'events', name: i % 3 ? 'USOrdertoAPI' : 'EUOrdertoStepFunctions', start: 1000 + i, status: 'ok', data: { matched: true } });
  }
  return store;
}

const page = (store: TraceStore, query: string) => ordersPage(store, new URLSearchParams(query));

describe("the studio's list of orders", () => {
  it('pages newest first', () => {
    const store = storeWith(120);
    const first = page(store, 'limit=50');
    expect(first.total).toBe(120);
    expect(first.orders.map((o) => o.orderIds[0])).toEqual(Array.from({ length: 50 }, (_, i) => `o-${119 - i}`));
    expect(page(store, 'offset=100&limit=50').orders.map((o) => o.orderIds[0])).toEqual(Array.from({ length: 20 }, (_, i) => `o-${19 - i}`));
  });

  it('searches by order id, event id, rule and detail-type, ignoring case', () => {
    const store = storeWith(30);
    expect(page(store, 'q=o-17').orders.map((o) => o.orderIds[0])).toEqual(['o-17']);
    expect(page(store, 'q=E-5').orders.map((o) => o.eventIds[0])).toEqual(['e-5']);
    expect(page(store, 'q=eUoRdErtostep').total).toBe(10);
    expect(page(store, 'q=order dispatched').total).toBe(15);
  });

  it('refuses an unknown parameter or a bad number, naming it', () => {
    const store = storeWith(1);
    expect(() => page(store, 'order=1')).toThrow('Unknown parameter "order"; the parameters are q, offset, limit.');
    expect(() => page(store, 'limit=ten')).toThrow('limit must be a whole number of 0 or more, got "ten".');
  });
});
