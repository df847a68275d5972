import { createLambdaProxyApi } from '../apigateway/testing';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { GetFunctionCommand } from '@aws-sdk/client-lambda';
import { CreateStateMachineCommand, DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { createNodeFunction, NO_RETRIES, readAsyncRecords } from '../lambda/testing';
import { waitFor } from '../testing/wait';
import { uniqueName, useEmulator } from '../testing/emulator-fixture';
import { settled, waitForEventRecords } from './testing';

const env = useEmulator({ timeScale: 0.001, clients: { lambda: NO_RETRIES } });

// Logs what it received; fails its first `FAILS` invocations in each execution environment.
const recordingHandler = (fails = 0) => `
let calls = 0;
export const handler = async (event) => {
  calls += 1;
  console.log('RECEIVED ' + JSON.stringify(event));
  if (calls <= ${fails}) throw new Error('failing call ' + calls);
  return { ok: true };
};`;

async function activeFunction(files: Record<string, string>): Promise<string> {
  const name = uniqueName('fn');
  const fn = await createNodeFunction(env.lambda, name, files, { Handler: 'index.handler' });
  await waitFor(() => `${name} to be active`, async () => ((await env.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration?.State === 'Pending' ? undefined : true));
  return fn.FunctionArn!;
}

async function busTo(targets: Target[], pattern: object = { source: ['com.aws.orders'] }): Promise<string> {
  const bus = uniqueName('bus');
  await env.events.send(new CreateEventBusCommand({ Name: bus }));
  await env.events.send(new PutRuleCommand({ Name: 'rule', EventBusName: bus, EventPattern: JSON.stringify(pattern) }));
  await env.events.send(new PutTargetsCommand({ Rule: 'rule', EventBusName: bus, Targets: targets }));
  return bus;
}

async function put(bus: string, detail: object): Promise<string> {
  const out = await env.events.send(new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: 'com.aws.orders', DetailType: 'Order Notification', Detail: JSON.stringify(detail) }] }));
  return out.Entries![0]!.EventId!;
}

async function logLines(group: string, needle: string, count: number): Promise<string[]> {
  return waitFor(
    () => `${count} lines with ${needle} in ${group}`,
    async () => {
      const out = await env.logs.send(new FilterLogEventsCommand({ logGroupName: group })).catch(() => undefined);
      const lines = (out?.events ?? []).map((e) => e.message!).filter((m) => m.includes(needle));
      return lines.length >= count ? lines : undefined;
    },
  );
}

describe('Lambda target', () => {
  it('invokes the function asynchronously with the event', async () => {
    const arn = await activeFunction({ 'index.mjs': recordingHandler() });
    const bus = await busTo([{ Id: 'fn', Arn: arn }]);
    const id = await put(bus, { orderId: 'o-1' });
    const records = await waitForEventRecords(env.endpoint, { eventId: id }, (r) => settled(r, 1));
    expect(records.at(-1)).toMatchObject({ kind: 'delivery', outcome: 'succeeded', status: 202 });
    const [line] = await logLines(`/aws/lambda/${arn.split(':').at(-1)}`, id, 1);
    expect(JSON.parse(line!.slice(line!.indexOf('RECEIVED ') + 9))).toMatchObject({ id, source: 'com.aws.orders', detail: { orderId: 'o-1' } });
  });

  it("relies on Lambda's own asynchronous retries once the function has the event", async () => {
    const arn = await activeFunction({ 'index.mjs': recordingHandler(2) });
    const bus = await busTo([{ Id: 'fn', Arn: arn }]);
    const id = await put(bus, { orderId: 'o-2' });
    await waitForEventRecords(env.endpoint, { eventId: id }, (r) => settled(r, 1));
    const name = arn.split(':').at(-1)!;
    const record = await waitFor(() => `the async invocation of ${name} to succeed`, async () => (await readAsyncRecords(env.endpoint, name)).find((r) => r.status === 'succeeded'));
    expect(record.source).toBe('events');
    expect(record.attempts).toHaveLength(3);
  });

  it('does not retry a function that does not exist, and dead-letters the event', async () => {
    const bus = await busTo([{ Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:no-such-function', DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' } }]);
    const id = await put(bus, { orderId: 'o-3' });
    const records = await waitForEventRecords(env.endpoint, { eventId: id }, (r) => r.some((x) => x.kind === 'dead-letter'));
    expect(records.filter((r) => r.kind === 'delivery')).toEqual([expect.objectContaining({ outcome: 'failed-final', attempt: 1, status: 'ResourceNotFoundException' })]);
  });
});

describe('Step Functions target', () => {
  it('starts an execution named after the event id, with the event as input', async () => {
    const machine = await env.sfn.send(
      new CreateStateMachineCommand({
        name: uniqueName('EUOrderWorkflow'),
        roleArn: 'arn:aws:iam::000000000000:role/sfn',
        definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } }),
      }),
    );
    const bus = await busTo([{ Id: 'sfn', Arn: machine.stateMachineArn!, RoleArn: 'arn:aws:iam::000000000000:role/events' }], { detail: { location: [{ prefix: 'eu-' }] } });
    const id = await put(bus, { orderId: 'o-4', location: 'eu-west' });
    const records = await waitForEventRecords(env.endpoint, { eventId: id }, (r) => settled(r, 1));
    expect(records.at(-1)).toMatchObject({ outcome: 'succeeded' });
    const executionArn = `${machine.stateMachineArn!.replace(':stateMachine:', ':execution:')}:${id}`;
    const execution = await waitFor(() => `execution ${executionArn} to succeed`, async () => {
      const e = await env.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return e.status === 'SUCCEEDED' ? e : undefined;
    });
    expect(execution.name).toBe(id);
    expect(JSON.parse(execution.input!)).toMatchObject({ id, detail: { orderId: 'o-4', location: 'eu-west' } });
  });
});

describe('API destination to an AWS-style execute-api URL', () => {
  it('is served by the emulated API Gateway in-process, with the connection auth', async () => {
    const fnArn = await activeFunction({
      'index.mjs': `
export const handler = async (event) => {
  const auth = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  if (auth !== 'Basic ' + Buffer.from('myUsername:myPassword').toString('base64')) return { statusCode: 401, body: 'unauthorized' };
  console.log('CONSUMED ' + event.body);
  return { statusCode: 200, body: '{"ok":true}' };
};`,
    });
    const apiId = await createLambdaProxyApi(env.apigateway, { name: uniqueName('OrderConsumer'), functionArn: fnArn });

    const connection = await env.events.send(new CreateConnectionCommand({ Name: uniqueName('OrdersConsumerConnection'), AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'myUsername', Password: 'myPassword' } } }));
    const destination = await env.events.send(
      new CreateApiDestinationCommand({ Name: uniqueName('OrdersConsumerDestination'), ConnectionArn: connection.ConnectionArn, InvocationEndpoint: `https://${apiId}.execute-api.us-east-1.amazonaws.com/dev/orders`, HttpMethod: 'POST' }),
    );
    const bus = await busTo([{ Id: 'api', Arn: destination.ApiDestinationArn!, RoleArn: 'arn:aws:iam::000000000000:role/events' }]);
    const id = await put(bus, { orderId: 'o-5', location: 'us-east' });
    const records = await waitForEventRecords(env.endpoint, { eventId: id }, (r) => settled(r, 1));
    expect(records.filter((r) => r.kind === 'delivery')).toEqual([expect.objectContaining({ outcome: 'succeeded', status: 200 })]);
    const [line] = await logLines(`/aws/lambda/${fnArn.split(':').at(-1)}`, id, 1);
    expect(JSON.parse(line!.slice(line!.indexOf('CONSUMED ') + 9))).toMatchObject({ id, detail: { orderId: 'o-5' } });
  });

  it('answers 403 for an API id the emulator does not have, without retrying', async () => {
    const connection = await env.events.send(new CreateConnectionCommand({ Name: uniqueName('conn'), AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } }));
    const destination = await env.events.send(
      new CreateApiDestinationCommand({ Name: uniqueName('dest'), ConnectionArn: connection.ConnectionArn, InvocationEndpoint: 'https://abcdef1234.execute-api.us-east-1.amazonaws.com/dev/orders', HttpMethod: 'POST' }),
    );
    const bus = await busTo([{ Id: 'api', Arn: destination.ApiDestinationArn! }]);
    const id = await put(bus, { orderId: 'o-6' });
    const records = await waitForEventRecords(env.endpoint, { eventId: id }, (r) => settled(r, 1));
    expect(records.filter((r) => r.kind === 'delivery')).toEqual([expect.objectContaining({ outcome: 'failed-final', status: 403 })]);
  });
});
