import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { requireEnv } from './env';
import { jsonResponse } from './json-response';
import {
  ORDER_DETAIL_TYPE,
  ORDER_SOURCE,
  orderBodySchema,
  orderQuerySchema,
  parseWith,
  type FieldProblem,
  type OrderDetail,
  type OrderInput,
} from './order';

/** Bodies above this size are refused before parsing (413). */
export const MAX_BODY_BYTES = 16 * 1024;

// Created once per execution environment so warm invocations reuse its connections.
const eventBridge = new EventBridgeClient({});

/**
 * ProduceOrder, behind the OrderProducer REST API (Lambda proxy integration):
 * `GET /orders?location=&category=&value=[&orderId=]` or `POST /orders` with a JSON body.
 * Validates the order, publishes one `Order Notification` and answers 202 `{orderId, eventId}`.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const input = readOrderInput(event);
  if ('statusCode' in input) return input;

  const detail: OrderDetail = {
    orderId: input.orderId ?? randomUUID(),
    category: input.category,
    value: input.value,
    location: input.location,
    createdAt: new Date().toISOString(),
  };
  return publish(detail);
}

/** The validated order, or the response that refuses it. */
function readOrderInput(event: APIGatewayProxyEvent): OrderInput | APIGatewayProxyResult {
  if (event.httpMethod === 'GET') {
    const repeated = Object.entries(event.multiValueQueryStringParameters ?? {})
      .filter(([, values]) => (values?.length ?? 0) > 1)
      .map(([field]): FieldProblem => ({ field, problem: 'must be given once' }));
    const parsed = parseWith(orderQuerySchema, event.queryStringParameters ?? {});
    const problems = [...repeated, ...(parsed.ok ? [] : parsed.problems)];
    if (problems.length > 0 || !parsed.ok) return invalid(problems);
    return parsed.value;
  }
  if (event.httpMethod === 'POST') {
    const body = event.body === null ? Buffer.alloc(0) : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
    if (body.length > MAX_BODY_BYTES) {
      return jsonResponse(413, { message: `The request body is ${body.length} bytes; the limit is ${MAX_BODY_BYTES} bytes` });
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch (error) {
      const reason = body.length === 0 ? 'is empty' : `is not valid JSON (${(error as Error).message})`;
      return invalid([{ field: 'body', problem: reason }]);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return invalid([{ field: 'body', problem: 'must be a JSON object' }]);
    }
    const parsed = parseWith(orderBodySchema, json);
    return parsed.ok ? parsed.value : invalid(parsed.problems);
  }
  return jsonResponse(405, { message: `Method ${event.httpMethod} is not allowed; use GET or POST` }, { allow: 'GET, POST' });
}

function invalid(problems: FieldProblem[]): APIGatewayProxyResult {
  const summary = problems.map((p) => `${p.field} ${p.problem}`).join('; ');
  return jsonResponse(400, { message: `Invalid order: ${summary}`, errors: problems });
}

async function publish(detail: OrderDetail): Promise<APIGatewayProxyResult> {
  const eventBusName = requireEnv('EVENT_BUS_NAME');
  let entry;
  try {
    const result = await eventBridge.send(
      new PutEventsCommand({
        Entries: [{ Source: ORDER_SOURCE, DetailType: ORDER_DETAIL_TYPE, EventBusName: eventBusName, Detail: JSON.stringify(detail) }],
      }),
    );
    entry = result.Entries?.[0];
  } catch (error) {
    const errorCode = (error as Error).name;
    console.error(JSON.stringify({ message: 'PutEvents failed', orderId: detail.orderId, errorCode }));
    return jsonResponse(502, { message: `The order could not be published (${errorCode})`, orderId: detail.orderId, errorCode });
  }
  // PutEvents answers 200 even when an entry fails; the entry's ErrorCode is the only signal.
  if (!entry?.EventId || entry.ErrorCode) {
    const errorCode = entry?.ErrorCode ?? 'MissingEventId';
    console.error(JSON.stringify({ message: 'PutEvents entry failed', orderId: detail.orderId, errorCode, errorMessage: entry?.ErrorMessage }));
    return jsonResponse(502, {
      message: `The order could not be published (${errorCode}${entry?.ErrorMessage ? `: ${entry.ErrorMessage}` : ''})`,
      orderId: detail.orderId,
      errorCode,
    });
  }
  return jsonResponse(202, { orderId: detail.orderId, eventId: entry.EventId });
}
