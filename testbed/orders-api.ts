import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { Testbed } from './connect';

/** An order as a user of the producer API sends it. */
export interface OrderInput {
  orderId?: string;
  location: string;
  category: string;
  value: number;
}

export interface ApiAnswer {
  status: number;
  body: any;
  /** Client clock when the request left: where an order's route latencies start. */
  sentAt: number;
  /** Client clock when the answer (the 202) arrived. */
  answeredAt: number;
}

export type PublishVia = 'GET' | 'POST' | 'PutEvents';

/** Publishes one order through the `OrderProducer` API, with a query string (GET) or JSON (POST). */
export async function publishViaApi(tb: Testbed, order: OrderInput, method: 'GET' | 'POST'): Promise<ApiAnswer> {
  if (method === 'GET') {
    const query = new URLSearchParams(Object.entries(order).map(([k, v]): [string, string] => [k, String(v)]));
    return call(tb.apiUrl('Producer', `orders?${query}`), { method: 'GET' });
  }
  return postRaw(tb, JSON.stringify(order));
}

/** POSTs a body as it is: the bad-input suites send what a careless client would. */
export function postRaw(tb: Testbed, body: string, contentType = 'application/json'): Promise<ApiAnswer> {
  return call(tb.apiUrl('Producer', 'orders'), { method: 'POST', body, headers: { 'content-type': contentType } });
}

async function call(url: string, init: RequestInit): Promise<ApiAnswer> {
  const sentAt = Date.now();
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text, the caller's assertion will show it.
  }
  return { status: res.status, body, sentAt, answeredAt: Date.now() };
}

/** Publishes orders straight onto the bus, as the producer would, in one PutEvents call. */
export async function publishDirect(tb: Testbed, orders: Array<OrderInput & { orderId: string }>) {
  const sentAt = Date.now();
  const createdAt = new Date(sentAt).toISOString();
  const result = await tb.events.send(
    new PutEventsCommand({
      Entries: orders.map((o) => ({
        EventBusName: tb.output('BusName'),
        Source: 'com.aws.orders',
        DetailType: 'Order Notification',
        Detail: JSON.stringify({ ...o, createdAt }),
      })),
    }),
  );
  return { result, sentAt, answeredAt: Date.now() };
}
