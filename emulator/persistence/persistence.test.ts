import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CreateRestApiCommand, GetRestApiCommand, APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, GetLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { GetFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { CreateStateMachineCommand, DescribeExecutionCommand, DescribeStateMachineCommand, ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../testbed/soak/emulator-process';
import { createNodeFunction, readAsyncRecords } from '../lambda/testing';
import { startEmulator, type RunningEmulator } from '../server';
import { clientConfig } from '../testing/emulator-fixture';
import { useStateFolder } from '../testing/state-folder';
import { waitFor } from '../testing/wait';

// An endpoint for API destinations that records the event ids it receives.
let endpointServer: Server;
let endpointUrl = '';
const received: string[] = [];
beforeAll(async () => {
  endpointServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        received.push((JSON.parse(body) as { id: string }).id);
      } catch {
        // not an event
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => endpointServer.listen(0, '127.0.0.1', resolve));
  endpointUrl = `http://127.0.0.1:${(endpointServer.address() as AddressInfo).port}/orders`;
});
afterAll(() => new Promise<void>((resolve) => endpointServer.close(() => resolve())));

const state = useStateFolder();
beforeEach(() => {
  received.length = 0;
});

function clients(endpoint: string) {
  const config = { ...clientConfig(endpoint), maxAttempts: 1 };
  return {
    events: new EventBridgeClient(config),
    logs: new CloudWatchLogsClient(config),
    dynamodb: new DynamoDBClient(config),
    lambda: new LambdaClient(config),
    sfn: new SFNClient(config),
    apigateway: new APIGatewayClient(config),
    sqs: new SQSClient(config),
  };
}

/** Bus `Orders` with one rule whose one target is an API destination to the recording endpoint. */
async function routeToEndpoint(c: ReturnType<typeof clients>, retryAttempts = 185): Promise<void> {
  await c.events.send(new CreateEventBusCommand({ Name: 'Orders' }));
  const connection = await c.events.send(new CreateConnectionCommand({ Name: 'conn', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: 'v' } } }));
  const { ApiDestinationArn } = await c.events.send(new CreateApiDestinationCommand({ Name: 'dest', ConnectionArn: connection.ConnectionArn!, InvocationEndpoint: endpointUrl, HttpMethod: 'POST' }));
  await c.events.send(new PutRuleCommand({ Name: 'all', EventBusName: 'Orders', EventPattern: JSON.stringify({ source: ['com.aws.orders'] }) }));
  await c.events.send(new PutTargetsCommand({ Rule: 'all', EventBusName: 'Orders', Targets: [{ Id: 'api', Arn: ApiDestinationArn!, RoleArn: 'arn:aws:iam::000000000000:role/events', RetryPolicy: { MaximumRetryAttempts: retryAttempts, MaximumEventAgeInSeconds: 86400 } }] }));
}

async function publish(c: ReturnType<typeof clients>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const out = await c.events.send(new PutEventsCommand({ Entries: [{ EventBusName: 'Orders', Source: 'com.aws.orders', DetailType: 'Order Notification', Detail: JSON.stringify({ n: i }) }] }));
    ids.push(out.Entries![0]!.EventId!);
  }
  return ids;
}

async function faults(endpoint: string, rules: unknown[]): Promise<void> {
  await fetch(new URL('/_testbed/chaos/faults', endpoint), { method: 'POST', body: JSON.stringify(rules) });
}

describe('state that survives a restart (--state-dir)', () => {
  it('keeps every service’s resources and data through a graceful stop and start', async () => {
    let running = await state.start();
    let c = clients(running.endpoint);
    await routeToEndpoint(c);
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: '/kept' }));
    await c.logs.send(new CreateLogStreamCommand({ logGroupName: '/kept', logStreamName: 's' }));
    await c.logs.send(new PutLogEventsCommand({ logGroupName: '/kept', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'still here' }] }));
    await c.dynamodb.send(new CreateTableCommand({ TableName: 'Kept', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
    await c.dynamodb.send(new PutItemCommand({ TableName: 'Kept', Item: { id: { S: 'o-1' }, n: { N: '7' } } }));
    await createNodeFunction(c.lambda, 'Kept', { 'index.mjs': 'export const handler = async () => ({ ok: true });' });
    const definition = JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });
    const { stateMachineArn } = await c.sfn.send(new CreateStateMachineCommand({ name: 'Kept', definition, roleArn: 'arn:aws:iam::000000000000:role/sfn' }));
    const { id: apiId } = await c.apigateway.send(new CreateRestApiCommand({ name: 'Kept' }));
    await c.sqs.send(new CreateQueueCommand({ QueueName: 'kept' }));
    await state.stop();

    running = await state.start();
    c = clients(running.endpoint);
    expect((await c.events.send(new DescribeRuleCommand({ Name: 'all', EventBusName: 'Orders' }))).EventPattern).toBe(JSON.stringify({ source: ['com.aws.orders'] }));
    expect((await c.events.send(new ListTargetsByRuleCommand({ Rule: 'all', EventBusName: 'Orders' }))).Targets?.map((t) => t.Id)).toEqual(['api']);
    expect((await c.logs.send(new GetLogEventsCommand({ logGroupName: '/kept', logStreamName: 's' }))).events?.map((e) => e.message)).toEqual(['still here']);
    expect((await c.dynamodb.send(new GetItemCommand({ TableName: 'Kept', Key: { id: { S: 'o-1' } } }))).Item).toEqual({ id: { S: 'o-1' }, n: { N: '7' } });
    expect((await c.lambda.send(new GetFunctionCommand({ FunctionName: 'Kept' }))).Configuration?.FunctionName).toBe('Kept');
    expect((await c.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).definition).toBe(definition);
    expect((await c.apigateway.send(new GetRestApiCommand({ restApiId: apiId }))).name).toBe('Kept');
    expect((await c.sqs.send(new GetQueueUrlCommand({ QueueName: 'kept' }))).QueueUrl).toMatch(/\/000000000000\/kept$/);
  });

  it('resumes a delivery that was waiting for its retry when the emulator stopped', async () => {
    let running = await state.start();
    const c = clients(running.endpoint);
    await routeToEndpoint(c);
    await faults(running.endpoint, [{ fault: 'endpoint-status', resource: 'dest', statusCode: 503 }]);
    const [id] = await publish(c, 1);
    await waitFor('a failed attempt', async () => {
      const res = await fetch(new URL(`/_testbed/events?eventId=${id}`, running!.endpoint));
      return ((await res.json()) as { records: Array<{ kind: string; outcome?: string }> }).records.some((r) => r.outcome === 'failed') || undefined;
    });
    await state.stop();
    expect(received).not.toContain(id);

    // Faults are not kept: after the restart the endpoint answers, and the event arrives.
    running = await state.start();
    await waitFor(`event ${id} at the endpoint`, async () => received.includes(id!) || undefined);
    expect(received.filter((r) => r === id)).toHaveLength(1);
  });

  it('after SIGKILL, every PutEvents entry answered with an EventId is delivered after the restart', async () => {
    const port = await freePort();
    let child = startCli(state.dir, port);
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      await waitFor('the emulator to answer', async () => (await fetch(`${endpoint}/_localstack/health`).catch(() => undefined))?.ok || undefined, 60_000);
      const c = clients(endpoint);
      await routeToEndpoint(c);
      await faults(endpoint, [{ fault: 'endpoint-status', resource: 'dest', statusCode: 503 }]);
      const ids = await publish(c, 20);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      expect(ids.filter((id) => received.includes(id))).toEqual([]);

      child = startCli(state.dir, port);
      await waitFor('every acknowledged event at the endpoint', async () => ids.every((id) => received.includes(id)) || undefined, 60_000);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);

  it('after SIGKILL, an SQS message answered with its MessageId and an execution answered with its ARN are still there', async () => {
    const port = await freePort();
    let child = startCli(state.dir, port);
    const endpoint = `http://127.0.0.1:${port}`;
    const ready = () => waitFor('the emulator to answer', async () => (await fetch(`${endpoint}/_localstack/health`).catch(() => undefined))?.ok || undefined, 60_000);
    try {
      await ready();
      let c = clients(endpoint);
      const { QueueUrl } = await c.sqs.send(new CreateQueueCommand({ QueueName: 'killed' }));
      const definition = JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 1, End: true } } });
      const { stateMachineArn } = await c.sfn.send(new CreateStateMachineCommand({ name: 'Killed', definition, roleArn: 'arn:aws:iam::000000000000:role/sfn' }));
      const { MessageId } = await c.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'acknowledged' }));
      const { executionArn } = await c.sfn.send(new StartExecutionCommand({ stateMachineArn }));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      child = startCli(state.dir, port);
      await ready();
      c = clients(endpoint);
      const { Messages } = await c.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      expect(Messages?.map((m) => [m.MessageId, m.Body])).toEqual([[MessageId, 'acknowledged']]);
      await waitFor('the execution to run to its end', async () => ((await c.sfn.send(new DescribeExecutionCommand({ executionArn }))).status === 'SUCCEEDED' ? true : undefined));
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});

describe('a graceful stop with a state folder', () => {
  let running: RunningEmulator | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  /** A function that adds 1 to `a`, waits, then adds 1 to `b` of one item: stopped between the two, it would run again. */
  const TWO_WRITES = `
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
const dynamodb = new DynamoDBClient({});
const add = (name) => dynamodb.send(new UpdateItemCommand({ TableName: 'Steps', Key: { id: { S: 'one' } }, UpdateExpression: 'ADD #n :one', ExpressionAttributeNames: { '#n': name }, ExpressionAttributeValues: { ':one': { N: '1' } } }));
export const handler = async () => {
  await add('a');
  await new Promise((r) => setTimeout(r, 1500));
  await add('b');
};`;

  it('refuses new requests with 503 and lets an invocation under way finish, so it does not run again after the start', async () => {
    running = await startEmulator({ stateDir: state.dir });
    let c = clients(running.endpoint);
    await c.dynamodb.send(new CreateTableCommand({ TableName: 'Steps', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
    await createNodeFunction(c.lambda, 'TwoWrites', { 'index.mjs': TWO_WRITES }, { Timeout: 10 });
    await c.lambda.send(new InvokeCommand({ FunctionName: 'TwoWrites', InvocationType: 'Event' }));
    const item = async () => (await c.dynamodb.send(new GetItemCommand({ TableName: 'Steps', Key: { id: { S: 'one' } }, ConsistentRead: true }))).Item;
    await waitFor('the first write', async () => ((await item())?.a ? true : undefined));

    const stopped = running.stop();
    const refused = await c.lambda.send(new ListFunctionsCommand({})).then(
      () => undefined,
      (err: Error & { $metadata?: { httpStatusCode?: number } }) => ({ name: err.name, status: err.$metadata?.httpStatusCode }),
    );
    expect(refused).toEqual({ name: 'ServiceUnavailable', status: 503 });
    await stopped;

    running = await startEmulator({ stateDir: state.dir });
    c = clients(running.endpoint);
    expect(await item()).toEqual({ id: { S: 'one' }, a: { N: '1' }, b: { N: '1' } });
    await settled(running.endpoint);
    expect(await item()).toEqual({ id: { S: 'one' }, a: { N: '1' }, b: { N: '1' } });
  }, 60_000);

  it('lets an execution started by a rule finish, its DynamoDB task let through, so it does not run again after the start', async () => {
    running = await startEmulator({ stateDir: state.dir });
    let c = clients(running.endpoint);
    await c.dynamodb.send(new CreateTableCommand({ TableName: 'Written', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
    const definition = JSON.stringify({
      StartAt: 'Wait',
      States: {
        Wait: { Type: 'Wait', Seconds: 1, Next: 'Write' },
        Write: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'Written', Item: { id: { S: 'one' } } }, End: true },
      },
    });
    const { stateMachineArn } = await c.sfn.send(new CreateStateMachineCommand({ name: 'WaitThenWrite', definition, roleArn: 'arn:aws:iam::000000000000:role/sfn' }));
    await c.events.send(new PutRuleCommand({ Name: 'to-sfn', EventPattern: JSON.stringify({ source: ['drain.test'] }) }));
    await c.events.send(new PutTargetsCommand({ Rule: 'to-sfn', Targets: [{ Id: 'sfn', Arn: stateMachineArn, RoleArn: 'arn:aws:iam::000000000000:role/events' }] }));
    await c.events.send(new PutEventsCommand({ Entries: [{ Source: 'drain.test', DetailType: 't', Detail: '{}' }] }));
    const executions = async () => (await c.sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions ?? [];
    await waitFor('the execution to start', async () => ((await executions()).length > 0 ? true : undefined));

    await running.stop();
    running = await startEmulator({ stateDir: state.dir });
    c = clients(running.endpoint);
    expect((await executions()).map((e) => e.status)).toEqual(['SUCCEEDED']);
    expect((await c.dynamodb.send(new GetItemCommand({ TableName: 'Written', Key: { id: { S: 'one' } }, ConsistentRead: true }))).Item).toEqual({ id: { S: 'one' } });
  }, 60_000);

  it('keeps an asynchronous invocation waiting to retry, with its request id and X-Ray trace header, and runs it after the start', async () => {
    running = await startEmulator({ stateDir: state.dir });
    const c = clients(running.endpoint);
    await createNodeFunction(c.lambda, 'Traced', { 'index.mjs': 'export const handler = async () => ({ ok: true });' });
    await faults(running.endpoint, [{ fault: 'function-error', resource: 'Traced' }]);
    const header = 'Root=1-67a0c0de-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1';
    c.lambda.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers['X-Amzn-Trace-Id'] = header;
        return next(args);
      },
      { step: 'build', name: 'traceHeader' },
    );
    await c.lambda.send(new InvokeCommand({ FunctionName: 'Traced', InvocationType: 'Event' }));
    const [waiting] = await waitFor('a failed first attempt', async () => {
      const records = await readAsyncRecords(running!.endpoint, 'Traced');
      return records[0]?.status === 'waiting-to-retry' ? records : undefined;
    });
    await running.stop();

    // Faults are not kept: after the start, the invocation runs and succeeds.
    running = await startEmulator({ stateDir: state.dir });
    const [resumed] = await waitFor('the resumed invocation to succeed', async () => {
      const records = await readAsyncRecords(running!.endpoint, 'Traced');
      return records[0]?.status === 'succeeded' ? records : undefined;
    });
    expect(resumed!.requestId).toBe(waiting!.requestId);
    expect(resumed!.traceHeader).toBe(header);
  }, 60_000);
});

async function settled(endpoint: string): Promise<void> {
  const res = await fetch(new URL('/_testbed/settled?timeout=20000', endpoint));
  expect(((await res.json()) as { settled: boolean }).settled).toBe(true);
}

function startCli(stateDir: string, port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '..', 'cli.ts'), '--port', String(port), '--state-dir', stateDir], { stdio: 'ignore' });
}
