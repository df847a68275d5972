import type { APIGatewayProxyEvent } from 'aws-lambda';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler, MAX_BODY_BYTES, PUBLISH_ATTEMPTS } from './produce-order';

const eventBridge = mockClient(EventBridgeClient);
afterAll(() => eventBridge.restore());

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'event-1' }] });
  process.env.EVENT_BUS_NAME = 'Orders';
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

function get(query: Record<string, string | string[]> | null): APIGatewayProxyEvent {
  const single = query && Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1]! : v]));
  const multi = query && Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  return { httpMethod: 'GET', body: null, isBase64Encoded: false, queryStringParameters: single, multiValueQueryStringParameters: multi } as unknown as APIGatewayProxyEvent;
}

function post(body: string | null, isBase64Encoded = false): APIGatewayProxyEvent {
  return { httpMethod: 'POST', body, isBase64Encoded, queryStringParameters: null, multiValueQueryStringParameters: null } as unknown as APIGatewayProxyEvent;
}

const good = { location: 'us-east', category: 'books', value: '25.5' };
const goodJson = { location: 'eu-west', category: 'toys', value: 1000 };

async function call(event: APIGatewayProxyEvent) {
  const response = await handler(event);
  return { status: response.statusCode, body: JSON.parse(response.body), headers: response.headers };
}

describe('ProduceOrder refuses bad input with 400, names the field, publishes nothing', () => {
  const cases: Array<[string, APIGatewayProxyEvent, string]> = [
    ['GET without location', get({ category: 'books', value: '5' }), 'location'],
    ['GET with an upper-case location', get({ ...good, location: 'US-east' }), 'location'],
    ['GET with a one-character location', get({ ...good, location: 'u' }), 'location'],
    ['GET with a 33-character location', get({ ...good, location: 'a'.repeat(33) }), 'location'],
    ['GET with an underscore in location', get({ ...good, location: 'us_east' }), 'location'],
    ['GET with an empty category', get({ ...good, category: '' }), 'category'],
    ['GET with a 65-character category', get({ ...good, category: 'c'.repeat(65) }), 'category'],
    ['GET with a control character in category', get({ ...good, category: 'bo\u0007oks' }), 'category'],
    ['GET with a line break in category', get({ ...good, category: 'bo\noks' }), 'category'],
    ['GET without value', get({ location: 'us-east', category: 'books' }), 'value'],
    ['GET with a non-numeric value', get({ ...good, value: 'abc' }), 'value'],
    ['GET with an empty value', get({ ...good, value: '' }), 'value'],
    ['GET with a hexadecimal value', get({ ...good, value: '0x10' }), 'value'],
    ['GET with value 0', get({ ...good, value: '0' }), 'value'],
    ['GET with a negative value', get({ ...good, value: '-5' }), 'value'],
    ['GET with value above 1,000,000', get({ ...good, value: '1000000.01' }), 'value'],
    ['GET with an infinite value', get({ ...good, value: '1e400' }), 'value'],
    ['GET with value Infinity', get({ ...good, value: 'Infinity' }), 'value'],
    ['GET with a space in orderId', get({ ...good, orderId: 'bad id' }), 'orderId'],
    ['GET with a 65-character orderId', get({ ...good, orderId: 'o'.repeat(65) }), 'orderId'],
    ['GET with an empty orderId', get({ ...good, orderId: '' }), 'orderId'],
    ['GET with an unknown field', get({ ...good, colour: 'red' }), 'colour'],
    ['GET with location given twice', get({ ...good, location: ['us-east', 'eu-west'] }), 'location'],
    ['POST with value as a string', post(JSON.stringify({ ...goodJson, value: '5' })), 'value'],
    ['POST with value as a boolean', post(JSON.stringify({ ...goodJson, value: true })), 'value'],
    ['POST with a numeric location', post(JSON.stringify({ ...goodJson, location: 42 })), 'location'],
    ['POST with a null category', post(JSON.stringify({ ...goodJson, category: null })), 'category'],
    ['POST with a numeric orderId', post(JSON.stringify({ ...goodJson, orderId: 7 })), 'orderId'],
    ['POST with an unknown field', post(JSON.stringify({ ...goodJson, vaule: 3 })), 'vaule'],
    ['POST with a JSON array', post('[]'), 'body'],
    ['POST with JSON null', post('null'), 'body'],
    ['POST with a JSON string', post('"order"'), 'body'],
    ['POST with an empty body', post(''), 'body'],
    ['POST with no body', post(null), 'body'],
    ['POST with invalid JSON', post('{"location": "us-east",'), 'body'],
  ];

  it.each(cases)('%s', async (_name, event, field) => {
    const { status, body } = await call(event);
    expect(status).toBe(400);
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    for (const error of body.errors) expect(error.problem).toEqual(expect.any(String));
    expect(body.message).toContain(field);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('names every problem at once', async () => {
    const { status, body } = await call(post(JSON.stringify({ location: 'X', category: '', value: 0, orderId: '!' })));
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { field: 'location', problem: 'must be 2 to 32 lower-case letters, digits or dashes' },
      { field: 'category', problem: 'must be 1 to 64 printable characters' },
      { field: 'value', problem: 'must be greater than 0' },
      { field: 'orderId', problem: 'must be 1 to 64 letters, digits, dashes or underscores' },
    ]);
    expect(body.message).toBe(`Invalid order: ${body.errors.map((e: { field: string; problem: string }) => `${e.field} ${e.problem}`).join('; ')}`);
  });

  it('says a missing field is required and a mistyped one has the wrong type', async () => {
    const { body } = await call(post(JSON.stringify({ location: 5, value: 'x' })));
    expect(body.errors).toEqual([
      { field: 'location', problem: 'must be a string' },
      { field: 'category', problem: 'is required' },
      { field: 'value', problem: 'must be a number' },
    ]);
  });

  it('refuses a body over 16 KB with 413 before parsing it', async () => {
    const oversize = JSON.stringify({ ...goodJson, category: 'x' }).padEnd(MAX_BODY_BYTES + 1, ' ');
    const { status, body } = await call(post(oversize));
    expect(status).toBe(413);
    expect(body.message).toContain(String(MAX_BODY_BYTES));
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('measures the size in bytes of the decoded body', async () => {
    // 5,462 three-byte characters: fewer than 16,384 characters, more than 16,384 bytes.
    const wide = Buffer.from(JSON.stringify({ ...goodJson, note: '€'.repeat(5462) }), 'utf8').toString('base64');
    expect((await call(post(wide, true))).status).toBe(413);
  });

  it('says invalid JSON is invalid JSON', async () => {
    const { status, body } = await call(post('{not json'));
    expect(status).toBe(400);
    expect(body.errors[0].problem).toMatch(/^is not valid JSON/);
  });

  it('answers 405 to other methods', async () => {
    const { status, headers } = await call({ ...post('{}'), httpMethod: 'PUT' });
    expect(status).toBe(405);
    expect(headers?.allow).toBe('GET, POST');
  });
});

describe('ProduceOrder publishes valid orders', () => {
  function published() {
    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls).toHaveLength(1);
    const entries = calls[0]!.args[0].input.Entries!;
    expect(entries).toHaveLength(1);
    return { ...entries[0]!, detail: JSON.parse(entries[0]!.Detail!) };
  }

  it('GET: converts the numeric string, generates an orderId, answers 202 {orderId, eventId}', async () => {
    const { status, body } = await call(get(good));
    expect(status).toBe(202);
    expect(body).toEqual({ orderId: expect.stringMatching(/^[0-9a-f-]{36}$/), eventId: 'event-1' });
    const entry = published();
    expect(entry).toMatchObject({ Source: 'com.aws.orders', DetailType: 'Order Notification', EventBusName: 'Orders' });
    expect(entry.detail).toEqual({ orderId: body.orderId, category: 'books', value: 25.5, location: 'us-east', createdAt: expect.any(String) });
    expect(new Date(entry.detail.createdAt).toISOString()).toBe(entry.detail.createdAt);
  });

  it('POST: keeps the caller orderId and the boundary values', async () => {
    const order = { location: 'eu-west-1', category: 'Garden & Outdoor ✿', value: 1_000_000, orderId: 'Order_42-a' };
    const { status, body } = await call(post(JSON.stringify(order)));
    expect(status).toBe(202);
    expect(body).toEqual({ orderId: 'Order_42-a', eventId: 'event-1' });
    expect(published().detail).toEqual({ ...order, createdAt: expect.any(String) });
  });

  it('POST: accepts a base64-encoded body of exactly 16 KB', async () => {
    const exact = JSON.stringify(goodJson).padEnd(MAX_BODY_BYTES, ' ');
    const { status } = await call(post(Buffer.from(exact).toString('base64'), true));
    expect(status).toBe(202);
    expect(published().detail.location).toBe('eu-west');
  });

  it('retries a failed InternalFailure entry and answers 202 once an attempt is accepted', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] })
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }))
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'event-3' }] });
    const { status, body } = await call(get({ ...good, orderId: 'o-retried' }));
    expect(status).toBe(202);
    expect(body).toEqual({ orderId: 'o-retried', eventId: 'event-3' });
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(3);
  });

  it('answers 502 naming InternalFailure when every attempt fails, and never 202', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] });
    const { status, body } = await call(get({ ...good, orderId: 'o-502' }));
    expect(status).toBe(502);
    expect(body).toMatchObject({ errorCode: 'InternalFailure', orderId: 'o-502' });
    expect(body.message).toContain('InternalFailure');
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(PUBLISH_ATTEMPTS);
  });

  it('answers 503 with Retry-After when PutEvents stays throttled', async () => {
    eventBridge.on(PutEventsCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }));
    const result = await handler(get({ ...good, orderId: 'o-503' }));
    expect(result.statusCode).toBe(503);
    expect(result.headers).toMatchObject({ 'retry-after': '1' });
    expect(JSON.parse(result.body)).toMatchObject({ errorCode: 'ThrottlingException', orderId: 'o-503' });
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(PUBLISH_ATTEMPTS);
  });

  it('answers 502 at once, without retrying, for a failure no retry can fix', async () => {
    eventBridge.on(PutEventsCommand).rejects(Object.assign(new Error('bus gone'), { name: 'ResourceNotFoundException' }));
    const { status, body } = await call(get(good));
    expect(status).toBe(502);
    expect(body.errorCode).toBe('ResourceNotFoundException');
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
  });
});
