import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { publishDirect, publishViaApi, type OrderInput } from '../testbed/orders-api';
import { describeProblems, RoutingObserver, type TrackedOrder } from '../testbed/observer';
import { REVIEW_THRESHOLD } from '../testbed/routes';
import { connect } from '../testbed/connect';

const tb = connect(inject('testbed'));
const observer = new RoutingObserver(tb, Date.now() - 5_000);
afterAll(() => tb.destroy());

async function publish(order: OrderInput, publishes = 1): Promise<TrackedOrder> {
  let answer;
  for (let i = 0; i < publishes; i++) {
    answer = await publishViaApi(tb, order, 'POST');
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  }
  return { ...order, orderId: answer!.body.orderId, publishedAt: answer!.sentAt, acceptedAt: answer!.answeredAt, publishes };
}

describe.concurrent('routing edges', () => {
  it.each(['usa', 'usa-east', 'europe', 'euro-west', 'us', 'eu'])('treats "%s", which only looks like a route, as another region', async (location) => {
    const order = await publish({ location, category: 'toys', value: 10 });
    const outcomes = await observer.awaitOrders([order]);
    expect(describeProblems(outcomes)).toBe('');
  });

  // The producer API accepts lower-case locations only; upper-case look-alikes can still reach the
  // bus from other publishers, and the rules match case-sensitively.
  it('routes upper-case look-alikes published straight onto the bus as other regions', async () => {
    const orders = ['EU-west', 'US-east', 'Eu-central-1'].map((location) => ({ location, category: 'toys', value: 5, orderId: `case-${randomUUID()}` }));
    const { result, sentAt, answeredAt } = await publishDirect(tb, orders);
    expect(result.FailedEntryCount).toBe(0);
    const outcomes = await observer.awaitOrders(orders.map((o) => ({ ...o, publishedAt: sentAt, acceptedAt: answeredAt })));
    expect(describeProblems(outcomes)).toBe('');
  });

  it.each([
    [REVIEW_THRESHOLD, 'APPROVED'],
    [REVIEW_THRESHOLD + 0.01, 'REVIEW'],
    [REVIEW_THRESHOLD + 1, 'REVIEW'],
  ])('decides an EU order of value %d as %s', async (value) => {
    // The observer checks the decision against the threshold rule and reports a mismatch.
    const order = await publish({ location: 'eu-west-1', category: 'furniture', value });
    const outcomes = await observer.awaitOrders([order]);
    expect(describeProblems(outcomes)).toBe('');
  });

  it('records and dispatches an order published twice under one id exactly once', async () => {
    const orderId = `dup-${randomUUID()}`;
    const order = await publish({ orderId, location: 'eu-central-1', category: 'books', value: 20 }, 2);
    expect(order.orderId).toBe(orderId);
    // Both notifications must reach the log group; the observer fails on a second dispatch seen
    // once the target has settled after both arrived (off the embedded target: within 1 s).
    const outcomes = await observer.awaitOrders([order], { settleMs: 1_000 });
    expect(describeProblems(outcomes)).toBe('');
    expect(outcomes[0]!.seen.log.count).toBe(2);
    expect(outcomes[0]!.seen.dispatch.count).toBe(1);
  });

  it('routes a batch of 10 entries published in one PutEvents call', async () => {
    const locations = ['us-east', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ca-central', 'ap-southeast-2', 'us-east', 'eu-west-1', 'sa-east-1', 'me-south-1'];
    const orders = locations.map((location, i) => ({ location, category: 'batch', value: 100 * (i + 1), orderId: `batch-${randomUUID()}` }));
    const { result, sentAt, answeredAt } = await publishDirect(tb, orders);
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries).toHaveLength(10);
    const outcomes = await observer.awaitOrders(orders.map((o) => ({ ...o, publishedAt: sentAt, acceptedAt: answeredAt })));
    expect(describeProblems(outcomes)).toBe('');
  });
});

describe('load', () => {
  it('accounts for every one of 200 orders published concurrently', async () => {
    const locations = ['us-east', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ca-central', 'ap-southeast-2'];
    const orders = await Promise.all(
      Array.from({ length: 200 }, (_, i) => publish({ location: locations[i % locations.length]!, category: 'load', value: 1 + ((i * 37) % 2000) })),
    );
    expect(new Set(orders.map((o) => o.orderId)).size).toBe(200);
    const outcomes = await observer.awaitOrders(orders, { timeoutMs: 60_000 });
    expect(describeProblems(outcomes)).toBe('');
  });
});
