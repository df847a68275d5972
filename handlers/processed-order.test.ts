import type { AddressInfo } from 'node:net';
import type { EventBridgeEvent } from 'aws-lambda';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import dynalite from 'dynalite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECORD_DECISION_UPDATE } from '../stack/eu-order-workflow';
import type { OrderDetail } from './order';

// DynamoDB is dynalite in this process, so every condition expression is evaluated for real;
// EventBridge is a mock, so each dispatch can be counted and made to fail.
const TABLE = 'OrderDetails';
const database = dynalite({ createTableMs: 0 });
await new Promise<void>((resolve) => database.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(database.address() as AddressInfo).port}`;
Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL_DYNAMODB: endpoint,
  TABLE_NAME: TABLE,
  EVENT_BUS_NAME: 'Orders',
  DISPATCH_CLAIM_SECONDS: '10',
});
// Imported after the environment is set: the handler creates its clients when loaded.
const { handler, DISPATCH_STATE } = await import('./processed-order');

const eventBridge = mockClient(EventBridgeClient);
const table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));

beforeAll(async () => {
  await table.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});
afterAll(async () => {
  eventBridge.restore();
  await new Promise((resolve) => database.close(resolve));
});

let dispatchIds = 0;
beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake(() => ({ FailedEntryCount: 0, Entries: [{ EventId: `dispatch-${++dispatchIds}` }] }));
  for (const method of ['log', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

let orders = 0;
function orderEvent(overrides: Partial<OrderDetail> = {}, eventId = `event-${++orders}`): EventBridgeEvent<'Order Notification', OrderDetail> {
  return {
    version: '0',
    id: eventId,
    'detail-type': 'Order Notification',
    source: 'com.aws.orders',
    account: '000000000000',
    time: '2025-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { orderId: `order-${orders}-${Date.now()}`, category: 'books', value: 25, location: 'us-east', createdAt: '2025-01-01T00:00:00.000Z', ...overrides },
  };
}

const item = async (orderId: string) => (await table.send(new GetCommand({ TableName: TABLE, Key: { orderId }, ConsistentRead: true }))).Item;
const dispatches = () => eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries![0]!);

/** What EUOrderWorkflow's RecordDecision task sends, with the same expression. */
function recordDecision(orderId: string, decision: string, decidedAt: string) {
  return table.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: { orderId },
      UpdateExpression: RECORD_DECISION_UPDATE,
      ExpressionAttributeNames: { '#decision': 'decision', '#decidedAt': 'decidedAt' },
      ExpressionAttributeValues: { ':decision': decision, ':decidedAt': decidedAt },
    }),
  );
}

describe('ProcessedOrder', () => {
  it('records the order and publishes one Order Dispatched', async () => {
    const event = orderEvent({ location: 'eu-west' });
    await handler(event);
    const [dispatch] = dispatches();
    expect(dispatches()).toHaveLength(1);
    expect(dispatch).toMatchObject({ Source: 'com.aws.orders.fulfillment', DetailType: 'Order Dispatched', EventBusName: 'Orders' });
    const detail = JSON.parse(dispatch!.Detail!);
    expect(detail).toEqual({ orderId: event.detail.orderId, location: 'eu-west', dispatchedAt: expect.any(String) });
    expect(await item(event.detail.orderId)).toEqual({
      orderId: event.detail.orderId,
      category: 'books',
      value: 25,
      location: 'eu-west',
      createdAt: event.detail.createdAt,
      orderEventId: event.id,
      recordedAt: expect.any(String),
      dispatchState: DISPATCH_STATE.dispatched,
      dispatchedAt: detail.dispatchedAt,
      dispatchedEventId: `dispatch-${dispatchIds}`,
    });
  });

  it('changes nothing and dispatches nothing on a duplicate delivery', async () => {
    const event = orderEvent();
    await handler(event);
    const before = await item(event.detail.orderId);
    await handler(event);
    expect(dispatches()).toHaveLength(1);
    expect(await item(event.detail.orderId)).toEqual(before);
  });

  it('dispatches once per order even when another event repeats the orderId', async () => {
    const first = orderEvent({ value: 10 });
    await handler(first);
    await handler(orderEvent({ orderId: first.detail.orderId, value: 99, category: 'other' }));
    expect(dispatches()).toHaveLength(1);
    expect(await item(first.detail.orderId)).toMatchObject({ value: 10, category: 'books', orderEventId: first.id });
  });

  it('publishes once when two deliveries of the same event race', async () => {
    const event = orderEvent();
    const results = await Promise.allSettled([handler(event), handler(event)]);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    // A loser that saw the live claim fails, so EventBridge retries it: by then it finds DISPATCHED.
    for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/claimed by another invocation/);
    await handler(event);
    expect(dispatches()).toHaveLength(1);
    expect((await item(event.detail.orderId))?.dispatchState).toBe(DISPATCH_STATE.dispatched);
  });

  it('throws when publishing fails between the write and the dispatch, and the retry publishes', async () => {
    const event = orderEvent();
    eventBridge.on(PutEventsCommand).rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(handler(event)).rejects.toThrow('throttled');
    const recorded = await item(event.detail.orderId);
    expect(recorded).toMatchObject({ category: 'books', value: 25 });
    expect(recorded?.dispatchState).toBeUndefined();

    eventBridge.on(PutEventsCommand).callsFake(() => ({ FailedEntryCount: 0, Entries: [{ EventId: 'dispatch-retry' }] }));
    await handler(event);
    expect(dispatches()).toHaveLength(2);
    expect(await item(event.detail.orderId)).toMatchObject({ dispatchState: DISPATCH_STATE.dispatched, dispatchedEventId: 'dispatch-retry' });
  });

  it('treats a failed PutEvents entry as a failure to retry', async () => {
    const event = orderEvent();
    eventBridge.on(PutEventsCommand).resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'retry' }] });
    await expect(handler(event)).rejects.toThrow(/InternalFailure/);
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'dispatch-after-entry-failure' }] });
    await handler(event);
    expect(await item(event.detail.orderId)).toMatchObject({ dispatchState: DISPATCH_STATE.dispatched, dispatchedEventId: 'dispatch-after-entry-failure' });
  });

  it('takes over a claim left by an invocation that ended without releasing it, and publishes', async () => {
    const event = orderEvent();
    await table.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { orderId: event.detail.orderId },
        UpdateExpression: 'SET dispatchState = :claimed, claimToken = :token, claimExpiresAt = :expired',
        ExpressionAttributeValues: { ':claimed': DISPATCH_STATE.claimed, ':token': 'crashed-invocation', ':expired': Date.now() - 1 },
      }),
    );
    await handler(event);
    expect(dispatches()).toHaveLength(1);
    const after = await item(event.detail.orderId);
    expect(after).toMatchObject({ dispatchState: DISPATCH_STATE.dispatched, category: 'books' });
    expect(after?.claimToken).toBeUndefined();
  });

  it('fails without publishing while another invocation holds a live claim', async () => {
    const event = orderEvent();
    await table.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { orderId: event.detail.orderId },
        UpdateExpression: 'SET dispatchState = :claimed, claimToken = :token, claimExpiresAt = :live',
        ExpressionAttributeValues: { ':claimed': DISPATCH_STATE.claimed, ':token': 'running-invocation', ':live': Date.now() + 60_000 },
      }),
    );
    await expect(handler(event)).rejects.toThrow(/claimed by another invocation/);
    expect(dispatches()).toHaveLength(0);
    expect((await item(event.detail.orderId))?.claimToken).toBe('running-invocation');
  });

  it('commutes with the workflow write, in either order, and keeps the first decision', async () => {
    const workflowFirst = orderEvent();
    await recordDecision(workflowFirst.detail.orderId, 'REVIEW', '2025-01-01T00:00:01Z');
    await handler(workflowFirst);

    const handlerFirst = orderEvent();
    await handler(handlerFirst);
    await recordDecision(handlerFirst.detail.orderId, 'REVIEW', '2025-01-01T00:00:01Z');
    // A redelivered event starts a second execution: its write changes nothing.
    await recordDecision(handlerFirst.detail.orderId, 'APPROVED', '2025-01-01T00:09:00Z');

    const a = await item(workflowFirst.detail.orderId);
    const b = await item(handlerFirst.detail.orderId);
    const stable = (x: Record<string, unknown> | undefined) => {
      const { orderId, orderEventId, recordedAt, dispatchedAt, dispatchedEventId, ...rest } = x ?? {};
      return rest;
    };
    expect(stable(a)).toEqual(stable(b));
    expect(stable(b)).toEqual({
      category: 'books',
      value: 25,
      location: 'us-east',
      createdAt: '2025-01-01T00:00:00.000Z',
      dispatchState: DISPATCH_STATE.dispatched,
      decision: 'REVIEW',
      decidedAt: '2025-01-01T00:00:01Z',
    });
  });

  it('records and dispatches an order another publisher sent with a location the producer API would refuse', async () => {
    // Only the producer API restricts locations; the bus routes `EU-west` as "other", and it is still an order.
    const event = orderEvent({ location: 'EU-west' });
    await handler(event);
    expect(dispatches()).toHaveLength(1);
    expect(await item(event.detail.orderId)).toMatchObject({ location: 'EU-west', dispatchState: DISPATCH_STATE.dispatched });
  });

  it('drops an event whose detail is not an order, without writing or publishing', async () => {
    const event = orderEvent({ value: -1 });
    await handler(event);
    expect(dispatches()).toHaveLength(0);
    expect(await item(event.detail.orderId)).toBeUndefined();
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('"field":"value"'));
  });
});
