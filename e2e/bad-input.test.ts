import { randomUUID } from 'node:crypto';
import { PutEventsCommand, type PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postRaw, publishViaApi, type OrderInput } from '../testbed/orders-api';
import { describeProblems, RoutingObserver, type TrackedOrder } from '../testbed/observer';
import { NO_ROUTE } from '../testbed/routes';
import { connect } from '../testbed/connect';

const tb = connect(inject('testbed'));
const observer = new RoutingObserver(tb, Date.now() - 5_000);
afterAll(() => tb.destroy());

/** Every order id a refused request carried: none may reach the bus or the table. */
const refused: TrackedOrder[] = [];
const id = () => `bad-${randomUUID()}`;
const good = () => ({ orderId: id(), location: 'us-east', category: 'books', value: 10 });

type Case = [description: string, request: 'GET' | 'POST', fields: Record<string, unknown>, field: string];
const CASES: Case[] = [
  ['a missing location', 'POST', { location: undefined }, 'location'],
  ['an upper-case location', 'POST', { location: 'EU-west' }, 'location'],
  ['a one-character location', 'GET', { location: 'u' }, 'location'],
  ['a location with spaces', 'GET', { location: 'us east' }, 'location'],
  ['a 33-character location', 'POST', { location: 'u'.repeat(33) }, 'location'],
  ['a missing category', 'POST', { category: undefined }, 'category'],
  ['an empty category', 'GET', { category: '' }, 'category'],
  ['a 65-character category', 'POST', { category: 'c'.repeat(65) }, 'category'],
  ['a category with a control character', 'POST', { category: 'bo\u0007oks' }, 'category'],
  ['a missing value', 'POST', { value: undefined }, 'value'],
  ['a value that is not a number', 'GET', { value: 'abc' }, 'value'],
  ['a zero value', 'POST', { value: 0 }, 'value'],
  ['a negative value', 'GET', { value: '-5' }, 'value'],
  ['a value above 1,000,000', 'POST', { value: 1_000_001 }, 'value'],
  ['a value of the wrong type', 'POST', { value: true }, 'value'],
  ['an order id with spaces', 'POST', { orderId: `bad id ${randomUUID()}` }, 'orderId'],
  ['a 65-character order id', 'GET', { orderId: `bad-${randomUUID()}`.padEnd(65, 'x') }, 'orderId'],
];

describe('the OrderProducer API refuses bad input and publishes nothing', () => {
  it.each(CASES)('answers 400 naming the field for %s', async (_description, method, fields, field) => {
    const order = { ...good(), ...fields };
    const sent = Object.fromEntries(Object.entries(order).filter(([, v]) => v !== undefined));
    const answer =
      // Deliberately not an OrderInput: the fields are what a careless client sends.
      method === 'GET' ? await publishViaApi(tb, sent as unknown as OrderInput, 'GET') : await postRaw(tb, JSON.stringify(sent));
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.message).toEqual(expect.any(String));
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    refused.push({ orderId: String(order.orderId), location: 'us-east', value: 10, publishedAt: Date.now(), expect: NO_ROUTE });
  });

  it('names every problem of an order with several', async () => {
    const answer = await postRaw(tb, JSON.stringify({ orderId: id(), location: 'X', category: '', value: -1 }));
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['category', 'location', 'value']);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const orderId = id();
    const answer = await postRaw(tb, `{"orderId":"${orderId}","location":"us-east",`);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/json/i);
    refused.push({ orderId, location: 'us-east', value: 10, publishedAt: Date.now(), expect: NO_ROUTE });
  });

  it('answers 413 to a body over 16 KB', async () => {
    const orderId = id();
    const answer = await postRaw(tb, JSON.stringify({ ...good(), orderId, note: 'x'.repeat(17 * 1024) }));
    expect(answer.status).toBe(413);
    refused.push({ orderId, location: 'us-east', value: 10, publishedAt: Date.now(), expect: NO_ROUTE });
  });

  it('published and stored none of the refused orders', async () => {
    // A good order sent after the refused ones: once it is fully routed, anything published
    // before it would have been routed too.
    const answer = await publishViaApi(tb, good(), 'POST');
    expect(answer.status).toBe(202);
    const sentinel = { ...good(), orderId: answer.body.orderId, publishedAt: answer.sentAt, acceptedAt: answer.answeredAt };
    expect(refused.length).toBeGreaterThanOrEqual(CASES.length);
    const outcomes = await observer.awaitOrders([sentinel, ...refused]);
    expect(describeProblems(outcomes)).toBe('');
  });
});

describe('the Orders bus refuses bad entries one by one', () => {
  let result: PutEventsCommandOutput;
  const accepted = { ...good(), location: 'eu-west-1' };

  beforeAll(async () => {
    const base = { EventBusName: tb.output('BusName'), Source: 'com.aws.orders', DetailType: 'Order Notification' };
    result = await tb.events.send(
      new PutEventsCommand({
        Entries: [
          { ...base, Detail: JSON.stringify({ ...accepted, createdAt: new Date().toISOString() }) },
          { ...base, Detail: '{"orderId": "not json' },
          { ...base, Detail: '["an", "array"]' },
          { ...base, Source: undefined, Detail: JSON.stringify(good()) },
        ],
      }),
    );
  });

  it('reports each failed entry with its own error and routes the good one', async () => {
    expect(result.FailedEntryCount).toBe(3);
    expect(result.Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(result.Entries?.slice(1).map((e) => [e.EventId, e.ErrorCode])).toEqual([
      [undefined, 'MalformedDetail'],
      [undefined, 'MalformedDetail'],
      [undefined, 'InvalidArgument'],
    ]);
    const outcomes = await observer.awaitOrders([{ ...accepted, publishedAt: Date.now() }]);
    expect(describeProblems(outcomes)).toBe('');
  });

  it('refuses a call of more than 10 entries as a whole', async () => {
    const entries = Array.from({ length: 11 }, () => ({ EventBusName: tb.output('BusName'), Source: 'com.aws.orders', DetailType: 'Order Notification', Detail: JSON.stringify(good()) }));
    await expect(tb.events.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('the OrderConsumer API', () => {
  it.each([
    ['no credentials', undefined],
    ['wrong credentials', `Basic ${Buffer.from('myUsername:not-the-password').toString('base64')}`],
    ['a malformed header', 'Bearer abc'],
  ])('answers 401 to %s', async (_d, authorization) => {
    const res = await fetch(tb.apiUrl('Consumer', 'orders'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ detail: good() }),
    });
    expect(res.status).toBe(401);
  });
});
