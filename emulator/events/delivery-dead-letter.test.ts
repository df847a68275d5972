import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeFunction, NO_RETRIES } from '../lambda/testing';
import { uniqueName, useEmulator } from '../testing/emulator-fixture';
import { waitFor } from '../testing/wait';

// Back-off waits a thousandth of real time: a retry policy runs in milliseconds.
const env = useEmulator({ timeScale: 0.001, clients: { lambda: NO_RETRIES } });

afterEach(async () => {
  for (const path of ['/_localstack/chaos/faults', '/_testbed/chaos/faults']) {
    await fetch(new URL(path, env.endpoint), { method: 'POST', body: '[]' });
  }
});

async function chaos(path: string, rules: unknown[]): Promise<void> {
  const res = await fetch(new URL(path, env.endpoint), { method: 'POST', body: JSON.stringify(rules) });
  expect(res.status).toBe(200);
}

async function deadLetterQueue(): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await env.sqs.send(new CreateQueueCommand({ QueueName: uniqueName('dlq') }));
  const { Attributes } = await env.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

/** One rule on a new bus with one target that dead-letters to `dlq`; publishes one event and returns its id and the rule ARN. */
async function publishTo(target: Omit<Target, 'Id' | 'DeadLetterConfig'>, dlq: string): Promise<{ eventId: string; ruleArn: string }> {
  const bus = uniqueName('bus');
  await env.events.send(new CreateEventBusCommand({ Name: bus }));
  const { RuleArn } = await env.events.send(new PutRuleCommand({ Name: 'rule', EventBusName: bus, EventPattern: JSON.stringify({ source: ['com.aws.orders'] }) }));
  await env.events.send(new PutTargetsCommand({ Rule: 'rule', EventBusName: bus, Targets: [{ Id: 't', ...target, DeadLetterConfig: { Arn: dlq } }] }));
  const out = await env.events.send(new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: 'com.aws.orders', DetailType: 'Order Notification', Detail: '{"orderId":"o-dlq"}' }] }));
  return { eventId: out.Entries![0]!.EventId!, ruleArn: RuleArn! };
}

async function deadLetter(url: string): Promise<Message> {
  return waitFor(`a message in ${url}`, async () => (await env.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'] }))).Messages?.[0]);
}

const retryTwice = { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 };
const attribute = (m: Message, name: string) => m.MessageAttributes?.[name]?.StringValue;

describe('dead-letter queues: an event no target attempt could deliver is readable from SQS', () => {
  it('Lambda target throttled until the retry policy runs out: MaximumRetryAttempts, 2 retries', async () => {
    const dlq = await deadLetterQueue();
    const { FunctionArn } = await createNodeFunction(env.lambda, uniqueName('fn'), { 'index.mjs': 'export const handler = async () => ({});' });
    await chaos('/_localstack/chaos/faults', [{ service: 'lambda', operation: 'Invoke', error: { statusCode: 429, code: 'TooManyRequestsException' } }]);
    const { eventId, ruleArn } = await publishTo({ Arn: FunctionArn!, RetryPolicy: retryTwice }, dlq.arn);
    const message = await deadLetter(dlq.url);
    expect(JSON.parse(message.Body!)).toMatchObject({ id: eventId, source: 'com.aws.orders', detail: { orderId: 'o-dlq' } });
    expect(message.MessageAttributes).toEqual({
      RULE_ARN: { DataType: 'String', StringValue: ruleArn },
      TARGET_ARN: { DataType: 'String', StringValue: FunctionArn },
      ERROR_CODE: { DataType: 'String', StringValue: 'TooManyRequestsException' },
      ERROR_MESSAGE: { DataType: 'String', StringValue: expect.any(String) },
      RETRY_ATTEMPTS: { DataType: 'String', StringValue: '2' },
      EXHAUSTED_RETRY_CONDITION: { DataType: 'String', StringValue: 'MaximumRetryAttempts' },
    });
  });

  it('Step Functions target that does not exist: straight to the DLQ as NO_RESOURCE, no retries', async () => {
    const dlq = await deadLetterQueue();
    const arn = 'arn:aws:states:us-east-1:000000000000:stateMachine:missing';
    const { eventId } = await publishTo({ Arn: arn, RoleArn: 'arn:aws:iam::000000000000:role/events', RetryPolicy: retryTwice }, dlq.arn);
    const message = await deadLetter(dlq.url);
    expect(JSON.parse(message.Body!).id).toBe(eventId);
    expect(attribute(message, 'ERROR_CODE')).toBe('NO_RESOURCE');
    expect(attribute(message, 'RETRY_ATTEMPTS')).toBe('0');
    expect(message.MessageAttributes?.EXHAUSTED_RETRY_CONDITION).toBeUndefined();
  });

  it('Step Functions target throttled: retried, then dead-lettered', async () => {
    const dlq = await deadLetterQueue();
    const definition = JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });
    const { stateMachineArn } = await env.sfn.send(new CreateStateMachineCommand({ name: uniqueName('sm'), definition, roleArn: 'arn:aws:iam::000000000000:role/sfn' }));
    await chaos('/_localstack/chaos/faults', [{ service: 'stepfunctions', operation: 'StartExecution', error: { statusCode: 400, code: 'ThrottlingException' } }]);
    await publishTo({ Arn: stateMachineArn!, RoleArn: 'arn:aws:iam::000000000000:role/events', RetryPolicy: retryTwice }, dlq.arn);
    const message = await deadLetter(dlq.url);
    expect(attribute(message, 'ERROR_CODE')).toBe('ThrottlingException');
    expect(attribute(message, 'EXHAUSTED_RETRY_CONDITION')).toBe('MaximumRetryAttempts');
  });

  it('log group target throttled by a PutLogEvents fault: retried, then dead-lettered', async () => {
    const dlq = await deadLetterQueue();
    const group = `/aws/events/${uniqueName('g')}`;
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await chaos('/_localstack/chaos/faults', [{ service: 'logs', operation: 'PutLogEvents', error: { statusCode: 400, code: 'ThrottlingException' } }]);
    await publishTo({ Arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}`, RetryPolicy: retryTwice }, dlq.arn);
    const message = await deadLetter(dlq.url);
    expect(attribute(message, 'ERROR_CODE')).toBe('ThrottlingException');
    expect(attribute(message, 'RETRY_ATTEMPTS')).toBe('2');
  });

  it('API destination answering 503: retried, then dead-lettered after MaximumEventAgeInSeconds or attempts', async () => {
    const dlq = await deadLetterQueue();
    const connection = await env.events.send(new CreateConnectionCommand({ Name: uniqueName('conn'), AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: 'v' } } }));
    const name = uniqueName('dest');
    const { ApiDestinationArn } = await env.events.send(new CreateApiDestinationCommand({ Name: name, ConnectionArn: connection.ConnectionArn!, InvocationEndpoint: 'http://127.0.0.1:9/orders', HttpMethod: 'POST' }));
    await chaos('/_testbed/chaos/faults', [{ fault: 'endpoint-status', resource: name, statusCode: 503 }]);
    await publishTo({ Arn: ApiDestinationArn!, RoleArn: 'arn:aws:iam::000000000000:role/events', RetryPolicy: retryTwice }, dlq.arn);
    const message = await deadLetter(dlq.url);
    expect(attribute(message, 'ERROR_CODE')).toBe('503');
    expect(attribute(message, 'EXHAUSTED_RETRY_CONDITION')).toBe('MaximumRetryAttempts');
  });
});
