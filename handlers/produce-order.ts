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

/** PutEvents tries per order: the first and up to three retries, after the SDK's own retries. */
export const PUBLISH_ATTEMPTS = 4;
const BACKOFF_BASE_MS = 50;
const BACKOFF_CAP_MS = 800;

/** Failures another attempt may get past: throttling and EventBridge's own faults (per entry or for the call). */
const THROTTLING = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'RequestLimitExceeded']);
const TRANSIENT = new Set(['InternalFailure', 'InternalException', 'InternalServerError', 'ServiceUnavailable', 'ServiceUnavailableException']);

type Publish = { eventId: string } | { errorCode: string; errorMessage?: string; attempts: number };

/**
 * Publishes the order and answers 202 only once EventBridge has given the entry an EventId. A
 * throttled or failed entry, or call, is retried with exponential back-off and full jitter; when
 * every attempt fails the answer is 503 for throttling (with `Retry-After`) and 502 otherwise,
 * naming the cause, so the caller knows the order was not taken and may send it again.
 */
async function publish(detail: OrderDetail): Promise<APIGatewayProxyResult> {
  const eventBusName = requireEnv('EVENT_BUS_NAME');
  const entry = { Source: ORDER_SOURCE, DetailType: ORDER_DETAIL_TYPE, EventBusName: eventBusName, Detail: JSON.stringify(detail) };
  const outcome = await publishWithRetries(entry);
  if ('eventId' in outcome) return jsonResponse(202, { orderId: detail.orderId, eventId: outcome.eventId });

  const { errorCode, errorMessage, attempts } = outcome;
  console.error(JSON.stringify({ message: 'PutEvents failed', orderId: detail.orderId, errorCode, errorMessage, attempts }));
  const body = {
    message: `The order could not be published (${errorCode}${errorMessage ? `: ${errorMessage}` : ''})`,
    orderId: detail.orderId,
    errorCode,
  };
  return THROTTLING.has(errorCode) ? jsonResponse(503, body, { 'retry-after': '1' }) : jsonResponse(502, body);
}

async function publishWithRetries(entry: Record<string, string>): Promise<Publish> {
  for (let attempt = 1; ; attempt++) {
    let failure: { errorCode: string; errorMessage?: string };
    try {
      const result = await eventBridge.send(new PutEventsCommand({ Entries: [entry] }));
      const published = result.Entries?.[0];
      // PutEvents answers 200 even when an entry fails; the entry's ErrorCode is the only signal.
      if (published?.EventId && !published.ErrorCode) return { eventId: published.EventId };
      failure = { errorCode: published?.ErrorCode ?? 'MissingEventId', errorMessage: published?.ErrorMessage };
    } catch (error) {
      const err = error as Error & { $metadata?: { httpStatusCode?: number } };
      const status = err.$metadata?.httpStatusCode ?? 0;
      // A 5xx the SDK could not name is still EventBridge's own fault, and worth another try.
      failure = { errorCode: err.name === 'Error' && status >= 500 ? 'InternalFailure' : err.name, errorMessage: err.message };
    }
    const retryable = THROTTLING.has(failure.errorCode) || TRANSIENT.has(failure.errorCode);
    if (!retryable || attempt >= PUBLISH_ATTEMPTS) return { ...failure, attempts: attempt };
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
}
