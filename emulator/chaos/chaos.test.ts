import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { InvokeCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settled, waitForEventRecords } from '../events/testing';
import { createNodeFunction, NO_RETRIES } from '../lambda/testing';
import { clientConfig, errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';
import { waitFor } from '../testing/wait';
import { Chaos } from './chaos';
import { randomSource } from './random';

// An endpoint for API destinations that always answers 200: any other answer is a fault.
let endpointServer: Server;
let endpointUrl = '';
let endpointHits = 0;
beforeAll(async () => {
  endpointServer = createServer((req, res) => {
    endpointHits++;
    req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => endpointServer.listen(0, '127.0.0.1', resolve));
  endpointUrl = `http://127.0.0.1:${(endpointServer.address() as AddressInfo).port}/orders`;
});
afterAll(() => new Promise<void>((resolve) => endpointServer.close(() => resolve())));

const env = useEmulator({ timeScale: 0.001, clients: { lambda: NO_RETRIES, dynamodb: NO_RETRIES, sfn: NO_RETRIES, events: NO_RETRIES } });

async function chaosCall(path: string, method: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(new URL(path, env.endpoint), { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  return { status: res.status, json: await res.json() };
}

afterEach(async () => {
  await chaosCall('/_localstack/chaos/faults', 'POST', []);
  await chaosCall('/_testbed/chaos/faults', 'POST', []);
  await chaosCall('/_localstack/chaos/effects', 'POST', { latency: 0 });
});

describe("LocalStack's Chaos API", () => {
  it("takes the documentation's requests unchanged: POST sets, PATCH adds, DELETE removes, [] clears", async () => {
    // The request body of LocalStack's Chaos API page, byte for byte.
    const documented = `
[
    {
        "service": "s3",
        "region": "us-east-1"
    },
    {
        "service": "s3",
        "region": "ap-south-1"
    },
    {
        "service": "lambda"
    }
]`;
    const set = await chaosCall('/_localstack/chaos/faults', 'POST', documented);
    expect(set).toEqual({ status: 200, json: [{ service: 's3', region: 'us-east-1' }, { service: 's3', region: 'ap-south-1' }, { service: 'lambda' }] });

    const err = await errorOf(() => env.lambda.send(new ListFunctionsCommand({})));
    expect(err.name).toBe('ServiceUnavailable');
    expect(err.$metadata?.httpStatusCode).toBe(503);
    // Other services are untouched.
    await env.dynamodb.send(new ListTablesCommand({}));

    const patched = await chaosCall(
      '/_localstack/chaos/faults',
      'PATCH',
      `[
    {
        "service": "kinesis",
        "operation": "PutRecord",
        "probability": 0.3,
        "error": {
            "statusCode": 400,
            "code": "ProvisionedThroughputExceededException"
        }
    }
]`,
    );
    expect(patched.json).toHaveLength(4);
    const deleted = await chaosCall('/_localstack/chaos/faults', 'DELETE', '[{"service": "lambda"}]');
    expect(deleted.json.map((r: { service: string }) => r.service)).toEqual(['s3', 's3', 'kinesis']);
    await env.lambda.send(new ListFunctionsCommand({}));

    expect((await chaosCall('/_localstack/chaos/faults', 'POST', '[]')).json).toEqual([]);
    expect((await chaosCall('/_localstack/chaos/faults', 'GET')).json).toEqual([]);
  });

  it('an empty rule fails every call; region and operation narrow a rule', async () => {
    await chaosCall('/_localstack/chaos/faults', 'POST', [{ service: 'dynamodb', region: 'eu-west-1' }, { service: 'lambda', operation: 'Invoke', error: { statusCode: 429, code: 'TooManyRequestsException' } }]);
    await env.dynamodb.send(new ListTablesCommand({})); // us-east-1: not this rule's region
    const eu = new DynamoDBClient({ ...clientConfig(env.endpoint), region: 'eu-west-1', maxAttempts: 1 });
    try {
      expect((await errorOf(() => eu.send(new ListTablesCommand({})))).name).toBe('ServiceUnavailable');
    } finally {
      eu.destroy();
    }
    await env.lambda.send(new ListFunctionsCommand({})); // not Invoke
    const throttled = await errorOf(() => env.lambda.send(new InvokeCommand({ FunctionName: 'anything' })));
    expect(throttled.name).toBe('TooManyRequestsException');
    expect(throttled.$metadata?.httpStatusCode).toBe(429);

    await chaosCall('/_localstack/chaos/faults', 'POST', [{}]);
    expect((await errorOf(() => env.dynamodb.send(new ListTablesCommand({})))).name).toBe('ServiceUnavailable');
  });

  it("a throttled DynamoDB call from a Step Functions task fails the task with DynamoDB's error", async () => {
    const TableName = uniqueName('Orders');
    await env.dynamodb.send(new CreateTableCommand({ TableName, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
    const definition = {
      StartAt: 'Put',
      States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName, Item: { id: { S: '1' } } }, End: true } },
    };
    const { stateMachineArn } = await env.sfn.send(new CreateStateMachineCommand({ name: uniqueName('sm'), definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::000000000000:role/sfn' }));
    await chaosCall('/_localstack/chaos/faults', 'POST', [{ service: 'dynamodb', operation: 'PutItem', error: { statusCode: 400, code: 'ProvisionedThroughputExceededException' } }]);
    const { executionArn } = await env.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const done = await waitFor(
      () => `${executionArn} to end`,
      async () => {
        const d = await env.sfn.send(new DescribeExecutionCommand({ executionArn }));
        return d.status === 'RUNNING' ? undefined : d;
      },
    );
    expect(done).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ProvisionedThroughputExceededException' });
  });

  it('a rule for lambda Invoke fails the in-process EventBridge delivery too, which retries and gives up', async () => {
    const name = uniqueName('fn');
    const { FunctionArn } = await createNodeFunction(env.lambda, name, { 'index.mjs': 'export const handler = async () => ({});' });
    const bus = await busTo([{ Id: 'fn', Arn: FunctionArn!, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 } }]);
    await chaosCall('/_localstack/chaos/faults', 'POST', [{ service: 'lambda', operation: 'Invoke', error: { statusCode: 429, code: 'TooManyRequestsException' } }]);
    const id = await put(bus);
    const records = await waitForEventRecords(env.endpoint, { eventId: id }, (r) => settled(r, 1));
    const attempts = records.filter((r) => r.kind === 'delivery');
    expect(attempts.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed-final']);
    expect(attempts.at(-1)).toMatchObject({ errorCode: 'TooManyRequestsException' });
  });

  it('effects: GET and POST the latency; a bad value is a 400', async () => {
    expect((await chaosCall('/_localstack/chaos/effects', 'GET')).json).toEqual({ latency: 0 });
    expect((await chaosCall('/_localstack/chaos/effects', 'POST', { latency: 5 })).json).toEqual({ latency: 5 });
    expect((await chaosCall('/_localstack/chaos/effects', 'GET')).json).toEqual({ latency: 5 });
    await env.dynamodb.send(new ListTablesCommand({})); // still answered, later
    expect((await chaosCall('/_localstack/chaos/effects', 'POST', { latency: -1 })).status).toBe(400);
    expect((await chaosCall('/_localstack/chaos/faults', 'POST', '{"service":"s3"}')).status).toBe(400);
    expect((await chaosCall('/_localstack/chaos/faults', 'POST', '[{"probability": 2}]')).status).toBe(400);
  });
});

describe('testbed faults', () => {
  it('function-error: the function fails as if its code had thrown', async () => {
    const name = uniqueName('fn');
    await createNodeFunction(env.lambda, name, { 'index.mjs': 'export const handler = async () => ({ ok: true });' });
    await chaosCall('/_testbed/chaos/faults', 'POST', [{ fault: 'function-error', resource: name }]);
    const out = await env.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(out.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(out.Payload!).toString())).toMatchObject({ errorType: 'Error' });
    await chaosCall('/_testbed/chaos/faults', 'DELETE', [{ fault: 'function-error', resource: name }]);
    const ok = await env.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(JSON.parse(Buffer.from(ok.Payload!).toString())).toEqual({ ok: true });
  });

  it('function-timeout: the function runs its whole timeout and fails with Sandbox.Timedout', async () => {
    const name = uniqueName('fn');
    await createNodeFunction(env.lambda, name, { 'index.mjs': 'export const handler = async () => ({ ok: true });' }, { Timeout: 1 });
    await chaosCall('/_testbed/chaos/faults', 'POST', [{ fault: 'function-timeout', resource: name, probability: 1 }]);
    const out = await env.lambda.send(new InvokeCommand({ FunctionName: name }));
    expect(out.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(out.Payload!).toString())).toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: expect.stringContaining('Task timed out after 1.00 seconds') });
  });

  it.each([
    ['endpoint-status 503', { fault: 'endpoint-status', statusCode: 503 }, 503],
    ['endpoint-status 429 with Retry-After', { fault: 'endpoint-status', statusCode: 429, retryAfter: '1' }, 429],
    ['endpoint-hang past the 5 s timeout', { fault: 'endpoint-hang' }, 'ConnectionError'],
    ['connection-drop', { fault: 'connection-drop' }, 'ConnectionError'],
  ])('%s: EventBridge retries the API destination, then gives up; nothing reaches the endpoint', async (_label, rule, status) => {
    const connection = await env.events.send(new CreateConnectionCommand({ Name: uniqueName('conn'), AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: 'v' } } }));
    const destination = uniqueName('dest');
    const { ApiDestinationArn } = await env.events.send(new CreateApiDestinationCommand({ Name: destination, ConnectionArn: connection.ConnectionArn!, InvocationEndpoint: endpointUrl, HttpMethod: 'POST' }));
    const bus = await busTo([{ Id: 'api', Arn: ApiDestinationArn!, RoleArn: 'arn:aws:iam::000000000000:role/events', RetryPolicy: { MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 3600 } }]);
    await chaosCall('/_testbed/chaos/faults', 'POST', [{ ...rule, resource: destination }]);
    const before = endpointHits;
    const id = await put(bus);
    const records = await waitForEventRecords(env.endpoint, { eventId: id }, (r) => settled(r, 1));
    const attempts = records.filter((r) => r.kind === 'delivery');
    expect(attempts.map((r) => [r.outcome, r.status])).toEqual([
      ['failed', status],
      ['failed-final', status],
    ]);
    expect(endpointHits).toBe(before);
  });

  it('connection-drop on a service call: the client sees the connection close with no answer', async () => {
    await chaosCall('/_testbed/chaos/faults', 'POST', [{ fault: 'connection-drop', service: 'dynamodb', operation: 'ListTables' }]);
    const err = await errorOf(() => env.dynamodb.send(new ListTablesCommand({})));
    expect(err.$metadata?.httpStatusCode).toBeUndefined();
    expect((await chaosCall('/_testbed/chaos/injected', 'GET')).json).toMatchObject({ 'dynamodb:ListTables:connection-drop': 1 });
  });

  it('refuses a rule without its resource, or of an unknown kind', async () => {
    expect((await chaosCall('/_testbed/chaos/faults', 'POST', [{ fault: 'function-error' }])).status).toBe(400);
    expect((await chaosCall('/_testbed/chaos/faults', 'POST', [{ fault: 'meteor' }])).status).toBe(400);
  });
});

describe('probability', () => {
  it('0 never fires, 1 always does, and a seed repeats the same draws', () => {
    const never = new Chaos(randomSource(1));
    never.serviceRules = [{ service: 'events', probability: 0 }];
    const always = new Chaos(randomSource(1));
    always.serviceRules = [{ service: 'events', probability: 1 }];
    const draws = (c: Chaos) => Array.from({ length: 1000 }, () => c.serviceFault('events', 'us-east-1', 'PutEvents') !== undefined);
    expect(draws(never).filter(Boolean)).toHaveLength(0);
    expect(draws(always).filter(Boolean)).toHaveLength(1000);
    const a = new Chaos(randomSource(42));
    const b = new Chaos(randomSource(42));
    a.serviceRules = b.serviceRules = [{ service: 'events', probability: 0.05 }];
    const first = draws(a);
    expect(draws(b)).toEqual(first);
    // 5% of 1000, give or take what a fair draw does.
    expect(first.filter(Boolean).length).toBeGreaterThan(20);
    expect(first.filter(Boolean).length).toBeLessThan(90);
  });
});

async function busTo(targets: Target[]): Promise<string> {
  const bus = uniqueName('bus');
  await env.events.send(new CreateEventBusCommand({ Name: bus }));
  await env.events.send(new PutRuleCommand({ Name: 'rule', EventBusName: bus, EventPattern: JSON.stringify({ source: ['com.aws.orders'] }) }));
  await env.events.send(new PutTargetsCommand({ Rule: 'rule', EventBusName: bus, Targets: targets }));
  return bus;
}

async function put(bus: string): Promise<string> {
  const out = await env.events.send(new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: 'com.aws.orders', DetailType: 'Order Notification', Detail: '{"orderId":"o-1"}' }] }));
  return out.Entries![0]!.EventId!;
}
