import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { z } from 'zod';
import { requireEnv } from './env';
import { jsonResponse } from './json-response';

// The API destination POSTs the matched EventBridge event as the body; only these fields are used.
const deliveredEventSchema = z.object({ detail: z.object({ orderId: z.string(), location: z.string() }) });

/**
 * ConsumeOrder, behind the OrderConsumer REST API, the endpoint of the OrdersConsumerDestination
 * API destination. Accepts a POST only with the expected Basic credentials, then logs the order.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const authorization = headerValue(event.headers, 'authorization');
  const expected = `${requireEnv('CONSUMER_USERNAME')}:${requireEnv('CONSUMER_PASSWORD')}`;
  if (!credentialsMatch(authorization, expected)) {
    // Says only whether a header was present: the supplied value may be a real secret.
    console.log(JSON.stringify({ message: 'order refused: unauthorized', credentials: authorization === undefined ? 'missing' : 'wrong' }));
    return jsonResponse(401, { message: 'Unauthorized' }, { 'www-authenticate': 'Basic realm="OrderConsumer", charset="UTF-8"' });
  }

  let body: unknown;
  try {
    const text = event.body === null ? '' : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');
    body = JSON.parse(text);
  } catch {
    return jsonResponse(400, { message: 'The body must be the EventBridge event as JSON' });
  }
  const delivered = deliveredEventSchema.safeParse(body);
  if (!delivered.success) {
    return jsonResponse(400, { message: 'The body must be an EventBridge event whose detail has a string orderId and location' });
  }
  const { orderId, location } = delivered.data.detail;
  console.log(JSON.stringify({ message: 'order received', orderId, location }));
  return jsonResponse(200, { message: 'order received', orderId });
}

/** API Gateway keeps the client's header-name casing; HTTP header names are case-insensitive. */
function headerValue(headers: APIGatewayProxyEvent['headers'] | null, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name && value !== undefined) return value;
  }
  return undefined;
}

/**
 * Compares the decoded `user:password` with the expected pair in constant time. Both sides are
 * hashed first so the buffers have equal length whatever the caller sent, which is what
 * timingSafeEqual requires and keeps the expected length from leaking.
 */
function credentialsMatch(authorization: string | undefined, expected: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const supplied = Buffer.from(match[1], 'base64');
  const digest = (data: Buffer | string) => createHash('sha256').update(data).digest();
  return timingSafeEqual(digest(supplied), digest(expected));
}
