import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  DescribeConnectionCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type CreateConnectionCommandInput,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uniqueName, useEmulator } from '../testing/emulator-fixture';
import { settled, waitForEventRecords } from './testing';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP endpoint that records each request and answers from a script, then 200. */
class Endpoint {
  readonly seen: Seen[] = [];
  script: { status: number; headers?: Record<string, string>; body?: string }[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const next = this.script.shift() ?? { status: 200 };
        res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(next.body ?? '{}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const endpoint = new Endpoint();
// Registered first so that it closes after the emulator (after-hooks run in reverse order).
beforeAll(async () => {
  await endpoint.start();
});
afterAll(async () => {
  await endpoint.stop();
});
// Back-off waits a thousandth of real time: a retry policy runs in milliseconds.
const env = useEmulator({ timeScale: 0.001 });
beforeEach(() => {
  endpoint.seen.length = 0;
  endpoint.script = [];
});

const basicAuth: CreateConnectionCommandInput = { Name: '', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'myUsername', Password: 'myPassword' } } };

/** Connection, API destination, bus and rule with one target to the destination. */
async function route(options: { connection?: CreateConnectionCommandInput; path?: string; method?: 'POST' | 'PUT' | 'GET'; target?: Partial<Target>; endpointUrl?: string } = {}) {
  const connection = await env.events.send(new CreateConnectionCommand({ ...(options.connection ?? basicAuth), Name: uniqueName('conn') }));
  const destination = await env.events.send(
    new CreateApiDestinationCommand({
      Name: uniqueName('dest'),
      ConnectionArn: connection.ConnectionArn,
      InvocationEndpoint: options.endpointUrl ?? `${endpoint.url}${options.path ?? '/orders'}`,
      HttpMethod: options.method ?? 'POST',
    }),
  );
  const bus = uniqueName('bus');
  await env.events.send(new CreateEventBusCommand({ Name: bus }));
  await env.events.send(new PutRuleCommand({ Name: 'USOrdertoAPI', EventBusName: bus, EventPattern: JSON.stringify({ detail: { location: [{ prefix: 'us-' }] } }) }));
  await env.events.send(
    new PutTargetsCommand({
      Rule: 'USOrdertoAPI',
      EventBusName: bus,
      Targets: [{ Id: 'api', Arn: destination.ApiDestinationArn, RoleArn: 'arn:aws:iam::000000000000:role/events', ...options.target }],
    }),
  );
  return { bus, connectionName: connection.ConnectionArn!.split('/')[1]!, destinationArn: destination.ApiDestinationArn! };
}

async function put(bus: string, detail: object = { orderId: 'o-1', location: 'us-east', value: 42 }): Promise<string> {
  const out = await env.events.send(new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: 'com.aws.orders', DetailType: 'Order Notification', Detail: JSON.stringify(detail) }] }));
  return out.Entries![0]!.EventId!;
}

const done = (id: string) => waitForEventRecords(env.endpoint, { eventId: id }, (r) => settled(r, 1) && (r.at(-1)!.outcome === 'succeeded' || r.some((x) => x.kind === 'discarded' || x.kind === 'dead-letter')));

describe('API destination target', () => {
  it('sends the event with Basic auth and AWS fixed headers', async () => {
    const { bus } = await route();
    const id = await put(bus);
    const records = await done(id);
    expect(records.filter((r) => r.kind === 'delivery')).toEqual([expect.objectContaining({ outcome: 'succeeded', status: 200, attempt: 1 })]);
    expect(endpoint.seen).toHaveLength(1);
    const [req] = endpoint.seen;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('/orders');
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from('myUsername:myPassword').toString('base64')}`);
    expect(req!.headers).toMatchObject({
      'user-agent': 'Amazon/EventBridge/ApiDestinations',
      'content-type': 'application/json; charset=utf-8',
      range: 'bytes=0-1048575',
      'accept-encoding': 'gzip,deflate',
      connection: 'close',
      'content-length': String(Buffer.byteLength(req!.body)),
    });
    expect(JSON.parse(req!.body)).toMatchObject({ version: '0', id, source: 'com.aws.orders', 'detail-type': 'Order Notification', detail: { orderId: 'o-1', location: 'us-east' } });
  });

  it('retries a 500 and delivers on the 200 that follows', async () => {
    const { bus } = await route();
    endpoint.script = [{ status: 500 }, { status: 503 }];
    const id = await put(bus);
    const attempts = (await done(id)).filter((r) => r.kind === 'delivery');
    expect(attempts.map((a) => [a.attempt, a.outcome, a.status])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 503],
      [3, 'succeeded', 200],
    ]);
    expect(endpoint.seen).toHaveLength(3);
    expect(new Set(endpoint.seen.map((s) => JSON.parse(s.body).id))).toEqual(new Set([id]));
  });

  it('does not retry a 400', async () => {
    const { bus } = await route();
    endpoint.script = [{ status: 400, body: '{"message":"bad order"}' }];
    const id = await put(bus);
    const records = await done(id);
    expect(records.filter((r) => r.kind === 'delivery')).toEqual([expect.objectContaining({ attempt: 1, outcome: 'failed-final', status: 400 })]);
    expect(records.at(-1)).toMatchObject({ kind: 'discarded', errorCode: '400' });
    expect(endpoint.seen).toHaveLength(1);
  });

  it('retries a 429, and stops at once on a negative Retry-After', async () => {
    const { bus } = await route();
    endpoint.script = [{ status: 429, headers: { 'retry-after': '1' } }];
    const first = await done(await put(bus));
    expect(first.filter((r) => r.kind === 'delivery').map((r) => r.status)).toEqual([429, 200]);

    endpoint.script = [{ status: 429, headers: { 'retry-after': '-1' } }];
    const second = await done(await put(bus));
    expect(second.filter((r) => r.kind === 'delivery').map((r) => [r.status, r.outcome])).toEqual([[429, 'failed-final']]);
  });

  it('gives up after MaximumRetryAttempts and sends the event to the dead-letter queue', async () => {
    const { bus } = await route({ target: { RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:orders-dlq' } } });
    endpoint.script = [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }];
    const id = await put(bus);
    const records = await done(id);
    expect(records.filter((r) => r.kind === 'delivery').map((r) => [r.attempt, r.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'failed-final'],
    ]);
    expect(records.at(-1)).toMatchObject({ kind: 'dead-letter', deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:orders-dlq', event: expect.objectContaining({ id }) });
    expect(records.at(-1)!.reason).toMatch(/^MaximumRetryAttempts exhausted/);
  });

  it('retries connection failures until the retry policy runs out', async () => {
    const { bus } = await route({ endpointUrl: 'http://127.0.0.1:9/orders', target: { RetryPolicy: { MaximumRetryAttempts: 1 } } });
    const records = await done(await put(bus));
    expect(records.filter((r) => r.kind === 'delivery').map((r) => [r.status, r.outcome])).toEqual([
      ['ConnectionError', 'failed'],
      ['ConnectionError', 'failed-final'],
    ]);
    expect(records.at(-1)!.kind).toBe('discarded');
  });

  it('shapes the body with an InputTransformer', async () => {
    const { bus } = await route({
      target: { InputTransformer: { InputPathsMap: { id: '$.detail.orderId', where: '$.detail.location' }, InputTemplate: '{"order": <id>, "note": "shipping to <where>", "rule": <aws.events.rule-name>}' } },
    });
    await done(await put(bus));
    expect(JSON.parse(endpoint.seen[0]!.body)).toEqual({ order: 'o-1', note: 'shipping to us-east', rule: 'USOrdertoAPI' });
  });

  it('adds the connection parameters and the target HttpParameters', async () => {
    const { bus } = await route({
      path: '/orders/*',
      connection: {
        Name: '',
        AuthorizationType: 'API_KEY',
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k-123' },
          InvocationHttpParameters: { QueryStringParameters: [{ Key: 'env', Value: 'test' }], HeaderParameters: [{ Key: 'x-team', Value: 'orders', IsValueSecret: true }] },
        },
      },
      target: { HttpParameters: { PathParameterValues: ['o-1'], QueryStringParameters: { via: 'rule' }, HeaderParameters: { 'x-extra': 'yes' } } },
    });
    await done(await put(bus));
    const [req] = endpoint.seen;
    expect(req!.url).toBe('/orders/o-1?env=test&via=rule');
    expect(req!.headers).toMatchObject({ 'x-api-key': 'k-123', 'x-team': 'orders', 'x-extra': 'yes' });
  });

  it('fetches an OAuth client-credentials token once, uses it, and authorizes the connection', async () => {
    const { bus, connectionName } = await route({
      connection: {
        Name: '',
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: {
          OAuthParameters: {
            AuthorizationEndpoint: `${endpoint.url}/token`,
            HttpMethod: 'POST',
            ClientParameters: { ClientID: 'client-1', ClientSecret: 'secret-1' },
            OAuthHttpParameters: { BodyParameters: [{ Key: 'grant_type', Value: 'client_credentials' }] },
          },
        },
      },
    });
    endpoint.script = [{ status: 200, body: JSON.stringify({ access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 }) }];
    await done(await put(bus));
    await done(await put(bus));
    const [token, ...calls] = endpoint.seen;
    expect(token).toMatchObject({ method: 'POST', url: '/token', body: 'grant_type=client_credentials' });
    expect(token!.headers.authorization).toBe(`Basic ${Buffer.from('client-1:secret-1').toString('base64')}`);
    expect(calls.map((c) => [c.url, c.headers.authorization])).toEqual([
      ['/orders', 'Bearer tok-1'],
      ['/orders', 'Bearer tok-1'],
    ]);
    expect((await env.events.send(new DescribeConnectionCommand({ Name: connectionName }))).ConnectionState).toBe('AUTHORIZED');
  });

  it('fetches a new OAuth token after a 401', async () => {
    const { bus } = await route({
      connection: {
        Name: '',
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: { OAuthParameters: { AuthorizationEndpoint: `${endpoint.url}/token`, HttpMethod: 'POST', ClientParameters: { ClientID: 'c', ClientSecret: 's' } } },
      },
    });
    endpoint.script = [
      { status: 200, body: '{"access_token":"old"}' },
      { status: 401 },
      { status: 200, body: '{"access_token":"new"}' },
    ];
    const records = await done(await put(bus));
    expect(records.at(-1)).toMatchObject({ outcome: 'succeeded', attempt: 1 });
    expect(endpoint.seen.map((s) => [s.url, s.headers.authorization?.startsWith('Basic') ? 'Basic' : s.headers.authorization])).toEqual([
      ['/token', 'Basic'],
      ['/orders', 'Bearer old'],
      ['/token', 'Basic'],
      ['/orders', 'Bearer new'],
    ]);
  });
});
