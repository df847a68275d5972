import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** What the services say happened to each order, read through their APIs. */
export interface Seen {
  /** Order Notification events in the log group, per order. */
  log: Map<string, number>;
  /** Order Dispatched events in the log group, per order: how often each event id arrived (a redelivery repeats one). */
  dispatch: Map<string, Map<string, number>>;
  /** When each Order Dispatched event was published (its `time`, to the second), by event id. */
  dispatchTime: Map<string, number>;
  /** The Order Dispatched event id each OrderDetails item was marked with, per order. */
  marked: Map<string, string>;
  /** `order received` lines of ConsumeOrder, per order (the API target). */
  api: Map<string, number>;
  /** OrderDetails items: recorded (dispatched) and decided (the workflow's decision). */
  dispatched: Set<string>;
  decided: Set<string>;
}

export async function observe(logs: CloudWatchLogsClient, dynamodb: DynamoDBClient, table: string, logGroup: string): Promise<Seen> {
  const seen: Seen = { log: new Map(), dispatch: new Map(), dispatchTime: new Map(), marked: new Map(), api: new Map(), dispatched: new Set(), decided: new Set() };
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const message of await allMessages(logs, logGroup)) {
    const event = parse(message) as { id?: string; time?: string; 'detail-type'?: string; detail?: { orderId?: string } } | undefined;
    const orderId = event?.detail?.orderId;
    if (!orderId) continue;
    if (event['detail-type'] === 'Order Notification') bump(seen.log, orderId);
    if (event['detail-type'] === 'Order Dispatched') {
      const ids = seen.dispatch.get(orderId) ?? new Map<string, number>();
      seen.dispatch.set(orderId, bump(ids, event.id ?? ''));
      seen.dispatchTime.set(event.id ?? '', Date.parse(event.time ?? ''));
    }
  }
  for (const message of await allMessages(logs, '/aws/lambda/ConsumeOrder')) {
    const json = message.slice(message.indexOf('{'));
    const line = parse(json) as { message?: string; orderId?: string } | undefined;
    if (line?.message === 'order received' && line.orderId) bump(seen.api, line.orderId);
  }
  let start: Record<string, any> | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      const id = item.orderId?.S;
      if (!id) continue;
      if (item.dispatchState?.S === 'DISPATCHED') seen.dispatched.add(id);
      if (item.dispatchedEventId?.S) seen.marked.set(id, item.dispatchedEventId.S);
      if (item.decision?.S) seen.decided.add(id);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return seen;
}

async function allMessages(logs: CloudWatchLogsClient, group: string): Promise<string[]> {
  const out: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName: group, nextToken })).catch(() => undefined);
    for (const e of page?.events ?? []) if (e.message) out.push(e.message);
    nextToken = page?.nextToken;
  } while (nextToken);
  return out;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
