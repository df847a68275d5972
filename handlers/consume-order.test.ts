import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { handler } from './consume-order';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const deliveredEvent = {
  version: '0',
  id: 'e-1',
  'detail-type': 'Order Notification',
  source: 'com.aws.orders',
  detail: { orderId: 'order-7', category: 'books', value: 12, location: 'us-east', createdAt: '2025-01-01T00:00:00.000Z' },
};

function request(headers: Record<string, string>, body: string | null = JSON.stringify(deliveredEvent), isBase64Encoded = false): APIGatewayProxyEvent {
  return { httpMethod: 'POST', path: '/orders', headers, body, isBase64Encoded } as unknown as APIGatewayProxyEvent;
}

let output: MockInstance[];
/** Everything the function wrote, through any console method or stdout/stderr. */
const written = () => output.flatMap((spy) => spy.mock.calls.map((args) => args.map(String).join(' '))).join('\n');

beforeEach(() => {
  process.env.CONSUMER_USERNAME = 'myUsername';
  process.env.CONSUMER_PASSWORD = 'myPassword';
  output = [
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {})),
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true),
  ];
});
afterEach(() => vi.restoreAllMocks());

describe('ConsumeOrder', () => {
  it('accepts the expected Basic credentials, logs exactly one JSON line and answers 200', async () => {
    const response = await handler(request({ Authorization: basic('myUsername', 'myPassword') }));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ message: 'order received', orderId: 'order-7' });
    expect(output[0]!.mock.calls).toEqual([['{"message":"order received","orderId":"order-7","location":"us-east"}']]);
    expect(output.slice(1).every((spy) => spy.mock.calls.length === 0)).toBe(true);
  });

  it('matches the header name case-insensitively and reads a base64-encoded body', async () => {
    const body = Buffer.from(JSON.stringify(deliveredEvent)).toString('base64');
    const response = await handler(request({ authorization: basic('myUsername', 'myPassword') }, body, true));
    expect(response.statusCode).toBe(200);
  });

  it('accepts a password that contains a colon', async () => {
    process.env.CONSUMER_PASSWORD = 'pa:ss:word';
    expect((await handler(request({ Authorization: basic('myUsername', 'pa:ss:word') }))).statusCode).toBe(200);
  });

  const refused: Array<[string, Record<string, string>]> = [
    ['no Authorization header', {}],
    ['a wrong password', { Authorization: basic('myUsername', 'not-the-password') }],
    ['a wrong user name', { Authorization: basic('someoneElse', 'myPassword') }],
    ['the password with a different case', { Authorization: basic('myUsername', 'MYPASSWORD') }],
    ['a prefix of the password', { Authorization: basic('myUsername', 'myPass') }],
    ['another scheme', { Authorization: 'Bearer myPassword' }],
    ['Basic without credentials', { Authorization: 'Basic ' }],
    ['credentials that are not base64', { Authorization: 'Basic myUsername:myPassword' }],
  ];

  it.each(refused)('answers 401 to %s and logs no order', async (_name, headers) => {
    const response = await handler(request(headers));
    expect(response.statusCode).toBe(401);
    expect(response.headers?.['www-authenticate']).toMatch(/^Basic realm=/);
    expect(written()).not.toContain('order received');
  });

  it('never logs the credentials it was given', async () => {
    const secret = 'Sup3r-Secret-Guess';
    const header = basic('myUsername', secret);
    await handler(request({ Authorization: header }));
    const log = written();
    expect(log).toContain('unauthorized');
    expect(log).not.toContain(secret);
    expect(log).not.toContain(header.slice('Basic '.length));
    expect(log).not.toContain('myPassword');
  });

  it('answers 400 to an authorized body that is not an order event', async () => {
    const auth = { Authorization: basic('myUsername', 'myPassword') };
    expect((await handler(request(auth, '{broken'))).statusCode).toBe(400);
    expect((await handler(request(auth, JSON.stringify({ detail: { orderId: 1 } })))).statusCode).toBe(400);
    expect((await handler(request(auth, null))).statusCode).toBe(400);
    expect(written()).not.toContain('order received');
  });
});
