import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { publishDirect, publishViaApi } from '../testbed/orders-api';
import { describeProblems, RoutingObserver, type TrackedOrder } from '../testbed/observer';
import { connect } from '../testbed/connect';

const tb = connect(inject('testbed'));
const observer = new RoutingObserver(tb, Date.now() - 5_000);
afterAll(() => tb.destroy());

/** Two locations per route of the routing table (docs/testbed.md): `us-*`, `eu-*` and other. */
const ORDERS = [
  { location: 'us-east', category: 'office-supplies', value: 300 },
  { location: 'us-west-2', category: 'electronics', value: 1500 },
  { location: 'eu-west-1', category: 'furniture', value: 700 },
  { location: 'eu-central-1', category: 'electronics', value: 2500 },
  { location: 'ca-central', category: 'books', value: 90 },
  { location: 'ap-southeast-2', category: 'garden', value: 45.5 },
];

describe.concurrent.each(['GET', 'POST'] as const)('orders published through the OrderProducer API with %s', (method) => {
  it.each(ORDERS)('routes an order from $location', async (order) => {
    const answer = await publishViaApi(tb, order, method);
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    expect(answer.body.orderId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(answer.body.eventId).toEqual(expect.any(String));

    const [outcome] = await observer.awaitOrders([{ ...order, orderId: answer.body.orderId, publishedAt: answer.sentAt, acceptedAt: answer.answeredAt }]);
    expect(describeProblems([outcome!])).toBe('');
  });
});

describe('orders published straight onto the bus with PutEvents', () => {
  it('routes each entry of one call by its location', async () => {
    const orders = ORDERS.map((o) => ({ ...o, orderId: `direct-${randomUUID()}` }));
    const { result, sentAt, answeredAt } = await publishDirect(tb, orders);
    expect(result.FailedEntryCount).toBe(0);
    const outcomes = await observer.awaitOrders(orders.map((o): TrackedOrder => ({ ...o, publishedAt: sentAt, acceptedAt: answeredAt })));
    expect(describeProblems(outcomes)).toBe('');
  });
});
