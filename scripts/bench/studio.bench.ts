import { randomUUID } from 'node:crypto';
import { TraceStore } from '../../emulator/core/trace';
import { ordersPage } from '../../emulator/studio/orders-route';
import { sandbox } from '../../emulator/studio/sandbox-route';

/**
 * The Event Studio with 10,000 orders in the trace store (20 steps each, the default limit):
 * what a page of the list, a search, a tree and the pattern sandbox take to answer.
 */
export async function run(): Promise<void> {
  const store = new TraceStore();
  const started = performance.now();
  const orderIds: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const orderId = randomUUID();
    orderIds.push(orderId);
    const entry = store.begin();
    const event = { id: randomUUID(), 'detail-type': 'Order Notification', source: 'com.aws.orders', detail: { orderId, location: i % 2 ? 'us-east' : 'eu-west' } };
    store.add({ id: entry.id, traceId: entry.traceId, kind: 'put-events-entry', service: 'events', name: 'PutEvents Order Notification', start: Date.now(), status: 'ok', eventId: event.id, orderId, detailType: 'Order Notification', data: { event } });
    for (let j = 0; j < 19; j++) {
      const step = store.begin(entry.header);
      store.add({ id: step.id, traceId: step.traceId, parentId: step.parentId, kind: 'rule-evaluation', service: 'events', name: `rule-${j % 4}`, start: Date.now(), status: 'ok', orderId, data: { rule: `rule-${j % 4}`, matched: j % 2 === 0 } });
    }
  }
  console.log(`10,000 orders, ${store.total} records stored in ${Math.round(performance.now() - started)} ms (evicted ${store.evicted})`);
  const time = (what: string, fn: () => unknown, rounds = 20) => {
    const t = performance.now();
    for (let i = 0; i < rounds; i++) fn();
    console.log(`${what}: ${((performance.now() - t) / rounds).toFixed(2)} ms`);
  };
  time('first page of the list (50 orders)', () => ordersPage(store, new URLSearchParams('limit=50')));
  time('last page of the list', () => ordersPage(store, new URLSearchParams('offset=9950&limit=50')));
  time('search by order id', () => ordersPage(store, new URLSearchParams(`q=${orderIds[1234]}`)));
  time('one order\'s tree', () => store.tree(store.tracesOfOrder(orderIds[5678]!)[0]!));
  time('pattern sandbox over the newest 200 events', () => sandbox(store, JSON.stringify({ pattern: { detail: { location: [{ prefix: 'us-' }] } } })), 5);
}
