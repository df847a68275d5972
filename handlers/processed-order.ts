import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { requireEnv } from './env';
import { DISPATCH_DETAIL_TYPE, DISPATCH_SOURCE, orderDetailSchema, parseWith, type DispatchDetail, type OrderDetail } from './order';

/**
 * The dispatch state machine kept on the order's item:
 * (absent) --claim--> CLAIMED --publish, mark--> DISPATCHED.
 * A claim carries a token and an expiry; a claim that outlived the function timeout belongs to an
 * invocation that can no longer be running, so a retry may take it over and publish again.
 */
export const DISPATCH_STATE = { claimed: 'CLAIMED', dispatched: 'DISPATCHED' } as const;

/**
 * SDK attempts per call. Throttling (DynamoDB's ProvisionedThroughputExceededException, a
 * throttled PutEvents) and service faults are retried with the SDK's back-off; more attempts than
 * its default 3 because a failure between the dispatch and its mark leaves a claim that only
 * expires after the function timeout.
 */
const SDK_ATTEMPTS = 6;

// Created once per execution environment so warm invocations reuse their connections.
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: SDK_ATTEMPTS }));
const eventBridge = new EventBridgeClient({ maxAttempts: SDK_ATTEMPTS });

interface Settings {
  tableName: string;
  eventBusName: string;
  claimMillis: number;
}

/**
 * ProcessedOrder, the target of `ProcessedOrderstoLambda` (asynchronous invocation). Records the
 * order in OrderDetails and publishes `Order Dispatched` once per order. Any failure throws, so
 * Lambda's asynchronous retries deliver the event again; the dispatch state makes that safe.
 */
export async function handler(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const parsed = parseWith(orderDetailSchema, event.detail);
  if (!parsed.ok) {
    // A malformed event would fail the same way on every retry: report it and drop it.
    console.error(JSON.stringify({ message: 'order event ignored: invalid detail', eventId: event.id, errors: parsed.problems }));
    return;
  }
  const order = parsed.value;
  const settings: Settings = {
    tableName: requireEnv('TABLE_NAME'),
    eventBusName: requireEnv('EVENT_BUS_NAME'),
    claimMillis: Number(requireEnv('DISPATCH_CLAIM_SECONDS')) * 1000,
  };
  const claimToken = randomUUID();

  if (!(await recordAndClaim(order, event.id, claimToken, settings))) return;

  let dispatch: { eventId: string; dispatchedAt: string };
  try {
    dispatch = await publishDispatch(order, settings);
  } catch (error) {
    // Give the claim back so the retry of this event can publish straight away.
    await releaseClaim(order.orderId, claimToken, settings);
    throw error;
  }
  await markDispatched(order.orderId, claimToken, dispatch, settings);
}

/**
 * Records the order and claims its dispatch in one conditional UpdateItem. Order attributes are
 * set with if_not_exists and the workflow's attributes are never touched, so this write commutes
 * with EUOrderWorkflow's. Returns false when the order was already dispatched (a duplicate).
 */
async function recordAndClaim(order: OrderDetail, eventId: string, claimToken: string, settings: Settings): Promise<boolean> {
  const now = Date.now();
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: settings.tableName,
        Key: { orderId: order.orderId },
        UpdateExpression:
          'SET #category = if_not_exists(#category, :category), #value = if_not_exists(#value, :value), ' +
          '#location = if_not_exists(#location, :location), #createdAt = if_not_exists(#createdAt, :createdAt), ' +
          '#orderEventId = if_not_exists(#orderEventId, :eventId), #recordedAt = if_not_exists(#recordedAt, :now), ' +
          '#dispatchState = :claimed, #claimToken = :token, #claimExpiresAt = :expiresAt',
        ConditionExpression: 'attribute_not_exists(#dispatchState) OR (#dispatchState = :claimed AND #claimExpiresAt < :nowMillis)',
        ExpressionAttributeNames: {
          '#category': 'category',
          '#value': 'value',
          '#location': 'location',
          '#createdAt': 'createdAt',
          '#orderEventId': 'orderEventId',
          '#recordedAt': 'recordedAt',
          '#dispatchState': 'dispatchState',
          '#claimToken': 'claimToken',
          '#claimExpiresAt': 'claimExpiresAt',
        },
        ExpressionAttributeValues: {
          ':category': order.category,
          ':value': order.value,
          ':location': order.location,
          ':createdAt': order.createdAt,
          ':eventId': eventId,
          ':now': new Date(now).toISOString(),
          ':claimed': DISPATCH_STATE.claimed,
          ':token': claimToken,
          ':expiresAt': now + settings.claimMillis,
          ':nowMillis': now,
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
  const { Item } = await dynamo.send(new GetCommand({ TableName: settings.tableName, Key: { orderId: order.orderId }, ConsistentRead: true }));
  if (Item?.dispatchState === DISPATCH_STATE.dispatched) {
    console.log(JSON.stringify({ message: 'order already dispatched', orderId: order.orderId, eventId, dispatchedEventId: Item.dispatchedEventId }));
    return false;
  }
  // Another invocation holds a live claim: fail so this event is retried after that claim settles.
  throw new Error(`The dispatch of order ${order.orderId} is claimed by another invocation; retry later`);
}

async function publishDispatch(order: OrderDetail, settings: Settings): Promise<{ eventId: string; dispatchedAt: string }> {
  const detail: DispatchDetail = { orderId: order.orderId, location: order.location, dispatchedAt: new Date().toISOString() };
  const result = await eventBridge.send(
    new PutEventsCommand({
      Entries: [{ Source: DISPATCH_SOURCE, DetailType: DISPATCH_DETAIL_TYPE, EventBusName: settings.eventBusName, Detail: JSON.stringify(detail) }],
    }),
  );
  const entry = result.Entries?.[0];
  if (!entry?.EventId || entry.ErrorCode) {
    throw new Error(`Publishing Order Dispatched for order ${order.orderId} failed: ${entry?.ErrorCode ?? 'no EventId'} ${entry?.ErrorMessage ?? ''}`.trim());
  }
  return { eventId: entry.EventId, dispatchedAt: detail.dispatchedAt };
}

async function releaseClaim(orderId: string, claimToken: string, settings: Settings): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: settings.tableName,
        Key: { orderId },
        UpdateExpression: 'REMOVE #dispatchState, #claimToken, #claimExpiresAt',
        ConditionExpression: '#claimToken = :token',
        ExpressionAttributeNames: { '#dispatchState': 'dispatchState', '#claimToken': 'claimToken', '#claimExpiresAt': 'claimExpiresAt' },
        ExpressionAttributeValues: { ':token': claimToken },
      }),
    );
  } catch (error) {
    // The claim then expires on its own; the original failure is the one worth throwing.
    console.error(JSON.stringify({ message: 'releasing the dispatch claim failed', orderId, error: (error as Error).name }));
  }
}

async function markDispatched(orderId: string, claimToken: string, dispatch: { eventId: string; dispatchedAt: string }, settings: Settings): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: settings.tableName,
        Key: { orderId },
        UpdateExpression: 'SET #dispatchState = :dispatched, #dispatchedAt = :dispatchedAt, #dispatchedEventId = :eventId REMOVE #claimToken, #claimExpiresAt',
        ConditionExpression: '#claimToken = :token',
        ExpressionAttributeNames: {
          '#dispatchState': 'dispatchState',
          '#dispatchedAt': 'dispatchedAt',
          '#dispatchedEventId': 'dispatchedEventId',
          '#claimToken': 'claimToken',
          '#claimExpiresAt': 'claimExpiresAt',
        },
        ExpressionAttributeValues: { ':dispatched': DISPATCH_STATE.dispatched, ':dispatchedAt': dispatch.dispatchedAt, ':eventId': dispatch.eventId, ':token': claimToken },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    // Our claim expired and another invocation took it over: it publishes too (at least once).
    console.warn(JSON.stringify({ message: 'dispatch claim lost before it was marked', orderId, dispatchEventId: dispatch.eventId }));
    return;
  }
  console.log(JSON.stringify({ message: 'order dispatched', orderId, dispatchEventId: dispatch.eventId }));
}
