import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateStateMachineCommand, DescribeExecutionCommand, ListExecutionsCommand, StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeFunction, NO_RETRIES } from '../lambda/testing';
import { useEmulator } from '../testing/emulator-fixture';
import { finishedExecution, historyOf, ROLE_ARN, TIME_SCALE, typesOf } from './test-helpers';
import { waitFor } from '../testing/wait';

const FN_PREFIX = 'arn:aws:lambda:us-east-1:000000000000:function:';
const DDB_CAUSE = /^(.+) \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: (\w+); Request ID: \S+; Proxy: null\)$/;

const env = useEmulator({ timeScale: TIME_SCALE, clients: { lambda: NO_RETRIES } });

beforeAll(async () => {
  await env.dynamodb.send(
    new CreateTableCommand({
      TableName: 'Orders',
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await createNodeFunction(env.lambda, 'echo', { 'index.js': 'exports.handler = async (event) => ({ echo: event });' });
  // Fails the first two invocations of each key (module scope survives in the warm environment).
  await createNodeFunction(env.lambda, 'flaky', {
    'index.js': `const seen = {};
exports.handler = async (event) => {
  seen[event.key] = (seen[event.key] || 0) + 1;
  if (seen[event.key] <= 2) { const e = new Error('not yet'); e.name = 'Transient'; throw e; }
  return { attempts: seen[event.key] };
};`,
  });
  await createNodeFunction(env.lambda, 'slow', { 'index.js': 'exports.handler = () => new Promise((resolve) => setTimeout(() => resolve("late"), 2500));' }, { Timeout: 10 });
  await createNodeFunction(env.lambda, 'rejecter', {
    'index.js': `class OrderRejected extends Error { constructor(m) { super(m); this.name = 'OrderRejected'; } }
exports.handler = async () => { throw new OrderRejected('value too high'); };`,
  });
});

let counter = 0;
async function runMachine(definition: unknown, input: unknown = {}) {
  const { stateMachineArn } = await env.sfn.send(new CreateStateMachineCommand({ name: `task-test-${++counter}`, definition: JSON.stringify(definition), roleArn: ROLE_ARN }));
  const { executionArn } = await env.sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  const done = await finishedExecution(env.sfn, executionArn!);
  return { stateMachineArn: stateMachineArn!, executionArn: executionArn!, done, output: done.output ? JSON.parse(done.output) : undefined, events: await historyOf(env.sfn, executionArn!) };
}

const details = (events: HistoryEvent[], type: string) => events.filter((e) => e.type === type);

describe('DynamoDB integrations', () => {
  it('puts, gets, updates and deletes an item with AWS\'s result shapes', async () => {
    const key = { orderId: { S: 'ddb-crud' } };
    const { done, output } = await runMachine({
      StartAt: 'Put',
      States: {
        Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'Orders', Item: { orderId: { S: 'ddb-crud' }, qty: { N: '1' }, blob: { B: 'aGk=' } } }, ResultPath: '$.put', Next: 'Update' },
        Update: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:updateItem',
          Parameters: { TableName: 'Orders', Key: key, UpdateExpression: 'SET qty = qty + :one', ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'UPDATED_NEW' },
          ResultPath: '$.update',
          Next: 'Get',
        },
        Get: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'Orders', Key: key }, ResultPath: '$.get', Next: 'Delete' },
        Delete: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:deleteItem', Parameters: { TableName: 'Orders', Key: key }, ResultPath: '$.delete', End: true },
      },
    });
    expect(done.status).toBe('SUCCEEDED');
    expect(Object.keys(output.put)).toEqual(['SdkHttpMetadata', 'SdkResponseMetadata']);
    expect(output.put.SdkHttpMetadata.HttpStatusCode).toBe(200);
    expect(output.update.Attributes).toEqual({ qty: { N: '2' } });
    expect(output.get.Item).toEqual({ orderId: { S: 'ddb-crud' }, qty: { N: '2' }, blob: { B: 'aGk=' } });
    expect(output.delete.SdkResponseMetadata.RequestId).toEqual(expect.any(String));
    expect((await env.dynamodb.send(new GetItemCommand({ TableName: 'Orders', Key: key }))).Item).toBeUndefined();
  });

  it('catches DynamoDB.ConditionalCheckFailedException when a conditional update fails', async () => {
    await env.dynamodb.send(new PutItemCommand({ TableName: 'Orders', Item: { orderId: { S: 'ddb-taken' }, decision: { S: 'APPROVED' } } }));
    const { done, output, events } = await runMachine(
      {
        StartAt: 'Record',
        States: {
          Record: {
            Type: 'Task',
            Resource: 'arn:aws:states:::dynamodb:updateItem',
            Parameters: {
              TableName: 'Orders',
              Key: { orderId: { 'S.$': '$.orderId' } },
              UpdateExpression: 'SET decision = :d',
              ConditionExpression: 'attribute_not_exists(decision)',
              ExpressionAttributeValues: { ':d': { S: 'REVIEW' } },
            },
            Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], ResultPath: '$.error', Next: 'AlreadyDecided' }],
            End: true,
          },
          AlreadyDecided: { Type: 'Pass', End: true },
        },
      },
      { orderId: 'ddb-taken' },
    );
    expect(done.status).toBe('SUCCEEDED');
    expect(output.error.Error).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(output.error.Cause).toMatch(DDB_CAUSE);
    expect(DDB_CAUSE.exec(output.error.Cause)![2]).toBe('ConditionalCheckFailedException');
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(details(events, 'TaskFailed')[0]!.taskFailedEventDetails).toEqual({
      resourceType: 'dynamodb',
      resource: 'updateItem',
      error: 'DynamoDB.ConditionalCheckFailedException',
      cause: output.error.Cause,
    });
    expect((await env.dynamodb.send(new GetItemCommand({ TableName: 'Orders', Key: { orderId: { S: 'ddb-taken' } } }))).Item?.decision).toEqual({ S: 'APPROVED' });
  });

  it('retries a failing task as the Retry field says, then fails the execution with the task\'s error', async () => {
    await env.dynamodb.send(new PutItemCommand({ TableName: 'Orders', Item: { orderId: { S: 'ddb-retry' } } }));
    const { done, events } = await runMachine({
      StartAt: 'Insert',
      States: {
        Insert: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Parameters: { TableName: 'Orders', Item: { orderId: { S: 'ddb-retry' } }, ConditionExpression: 'attribute_not_exists(orderId)' },
          Retry: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], MaxAttempts: 2, IntervalSeconds: 1, BackoffRate: 2 }],
          End: true,
        },
      },
    });
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(done.cause).toMatch(DDB_CAUSE);
    expect(details(events, 'TaskScheduled')).toHaveLength(3);
    expect(details(events, 'TaskFailed')).toHaveLength(3);
    expect(typesOf(events).slice(-2)).toEqual(['TaskFailed', 'ExecutionFailed']);
  });

  it('reports a missing table as DynamoDB.ResourceNotFoundException and bad parameters as DynamoDB.AmazonDynamoDBException', async () => {
    const missing = await runMachine({ StartAt: 'Get', States: { Get: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'NoSuchTable', Key: { orderId: { S: 'x' } } }, End: true } } });
    expect(missing.done).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ResourceNotFoundException' });
    expect(DDB_CAUSE.exec(missing.done.cause!)![2]).toBe('ResourceNotFoundException');
    const invalid = await runMachine({ StartAt: 'Put', States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'Orders' }, End: true } } });
    expect(invalid.done).toMatchObject({ status: 'FAILED', error: 'DynamoDB.AmazonDynamoDBException' });
    expect(DDB_CAUSE.exec(invalid.done.cause!)![2]).toBe('ValidationException');
  });
});

describe('Lambda integrations', () => {
  it('lambda:invoke returns Invoke\'s response as Step Functions shapes it', async () => {
    const { done, output, events } = await runMachine(
      { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'echo', 'Payload.$': '$' }, End: true } } },
      { orderId: 'l-1' },
    );
    expect(done.status).toBe('SUCCEEDED');
    expect(output).toMatchObject({ ExecutedVersion: '$LATEST', Payload: { echo: { orderId: 'l-1' } }, StatusCode: 200 });
    expect(output.SdkHttpMetadata).toMatchObject({ HttpStatusCode: 200, HttpHeaders: { 'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST' } });
    expect(output.SdkResponseMetadata.RequestId).toBe(output.SdkHttpMetadata.HttpHeaders['x-amzn-RequestId']);
    expect(details(events, 'TaskScheduled')[0]!.taskScheduledEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
      parameters: JSON.stringify({ FunctionName: 'echo', Payload: { orderId: 'l-1' } }),
    });
  });

  it('a Lambda ARN as Resource passes the state input and returns the payload, with LambdaFunction events', async () => {
    const { done, output, events } = await runMachine({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: `${FN_PREFIX}echo`, End: true } } }, { n: 1 });
    expect(done.status).toBe('SUCCEEDED');
    expect(output).toEqual({ echo: { n: 1 } });
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(details(events, 'LambdaFunctionScheduled')[0]!.lambdaFunctionScheduledEventDetails).toEqual({ resource: `${FN_PREFIX}echo`, input: '{"n":1}', inputDetails: { truncated: false } });
  });

  it('retries a function that fails twice and then succeeds', async () => {
    const { done, output, events } = await runMachine(
      {
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'flaky', Payload: { key: 'retry-1' } },
            ResultSelector: { 'attempts.$': '$.Payload.attempts' },
            Retry: [{ ErrorEquals: ['Transient'], MaxAttempts: 3, IntervalSeconds: 2 }],
            End: true,
          },
        },
      },
    );
    expect(done.status).toBe('SUCCEEDED');
    expect(output).toEqual({ attempts: 3 });
    const failed = details(events, 'TaskFailed').map((e) => e.taskFailedEventDetails!);
    expect(failed).toHaveLength(2);
    expect(failed[0]!.error).toBe('Transient');
    expect(JSON.parse(failed[0]!.cause!)).toMatchObject({ errorType: 'Transient', errorMessage: 'not yet' });
    expect(typesOf(events).filter((t) => t.startsWith('Task') && t !== 'TaskStateEntered' && t !== 'TaskStateExited')).toEqual([
      'TaskScheduled', 'TaskStarted', 'TaskFailed',
      'TaskScheduled', 'TaskStarted', 'TaskFailed',
      'TaskScheduled', 'TaskStarted', 'TaskSucceeded',
    ]);
  });

  it('catches a function error by its errorType, with the error payload as the cause', async () => {
    const { done, output } = await runMachine({
      StartAt: 'Call',
      States: {
        Call: { Type: 'Task', Resource: `${FN_PREFIX}rejecter`, Catch: [{ ErrorEquals: ['OrderRejected'], Next: 'Rejected' }], End: true },
        Rejected: { Type: 'Pass', End: true },
      },
    });
    expect(done.status).toBe('SUCCEEDED');
    expect(output.Error).toBe('OrderRejected');
    expect(JSON.parse(output.Cause)).toMatchObject({ errorType: 'OrderRejected', errorMessage: 'value too high' });
  });

  it('times a task out after its TimeoutSeconds: TaskTimedOut and States.Timeout', async () => {
    const { done, events } = await runMachine({
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'slow' }, TimeoutSeconds: 1, End: true } },
    });
    // AWS records no cause for an uncaught task timeout (the corpus's timeouts cases).
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(done.cause).toBeUndefined();
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskTimedOut', 'ExecutionFailed']);
    expect(details(events, 'TaskScheduled')[0]!.taskScheduledEventDetails?.timeoutInSeconds).toBe(1);
    expect(details(events, 'TaskTimedOut')[0]!.taskTimedOutEventDetails).toEqual({ resourceType: 'lambda', resource: 'invoke', error: 'States.Timeout' });
  });

  it('fails with Lambda.ResourceNotFoundException for a function that does not exist', async () => {
    const { done, events } = await runMachine({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'no-such-function' }, End: true } } });
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('Lambda.ResourceNotFoundException');
    expect(done.cause).toMatch(
      /^Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function(:\$LATEST)? \(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: \S+; Proxy: null\)$/,
    );
    expect(details(events, 'TaskFailed')[0]!.taskFailedEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke', error: 'Lambda.ResourceNotFoundException' });
  });
});

describe('EventBridge integration', () => {
  it('puts events that EventBridge routes, with the state machine and execution in resources', async () => {
    const receiver = await env.sfn.send(
      new CreateStateMachineCommand({ name: 'relay-receiver', definition: JSON.stringify({ StartAt: 'Got', States: { Got: { Type: 'Pass', End: true } } }), roleArn: ROLE_ARN }),
    );
    await env.events.send(new PutRuleCommand({ Name: 'relay', EventPattern: JSON.stringify({ source: ['sfn.test'] }) }));
    await env.events.send(new PutTargetsCommand({ Rule: 'relay', Targets: [{ Id: 'receiver', Arn: receiver.stateMachineArn, RoleArn: ROLE_ARN }] }));

    const sent = await runMachine(
      {
        StartAt: 'Publish',
        States: {
          Publish: {
            Type: 'Task',
            Resource: 'arn:aws:states:::events:putEvents',
            Parameters: { Entries: [{ Source: 'sfn.test', DetailType: 'Relay', 'Detail.$': '$' }] },
            End: true,
          },
        },
      },
      { orderId: 'relay-1' },
    );
    expect(sent.done.status).toBe('SUCCEEDED');
    expect(sent.output).toEqual({ Entries: [{ EventId: expect.any(String) }], FailedEntryCount: 0 });
    const eventId = sent.output.Entries[0].EventId;

    const received = await waitFor('the routed event to start the receiver', async () => {
      const listed = await env.sfn.send(new ListExecutionsCommand({ stateMachineArn: receiver.stateMachineArn }));
      return listed.executions?.find((e) => e.name === eventId);
    });
    const input = JSON.parse((await env.sfn.send(new DescribeExecutionCommand({ executionArn: received.executionArn }))).input!);
    expect(input).toMatchObject({ source: 'sfn.test', 'detail-type': 'Relay', detail: { orderId: 'relay-1' }, resources: [sent.stateMachineArn, sent.executionArn] });
  });

  it('fails with EventBridge.FailedEntry when an entry is rejected', async () => {
    const { done } = await runMachine({
      StartAt: 'Publish',
      States: { Publish: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [{ Source: 'sfn.test', DetailType: 'Bad', Detail: '"jsonstring"' }] }, End: true } },
    });
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('EventBridge.FailedEntry');
    expect(JSON.parse(done.cause!)).toEqual({ Entries: [{ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }], FailedEntryCount: 1 });
  });
});

describe('resources the emulator does not run', () => {
  it('fails the execution with States.Runtime naming the resource, past any Catch', async () => {
    const { done, events } = await runMachine({
      StartAt: 'Send',
      States: {
        Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'q', MessageBody: 'm' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Pass', End: true },
      },
    });
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.Runtime');
    expect(done.cause).toBe(
      "An error occurred while executing the state 'Send' (entered at the event id #2). The resource 'arn:aws:states:::sqs:sendMessage' is not supported by the embedded emulator. Supported: Lambda function ARNs, lambda:invoke, dynamodb:getItem/putItem/updateItem/deleteItem, events:putEvents.",
    );
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ExecutionFailed']);
  });

  it('names the integration pattern it does not support', async () => {
    const { done } = await runMachine({ StartAt: 'Wait', States: { Wait: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'echo' }, End: true } } });
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(done.cause).toContain("The integration pattern '.waitForTaskToken'");
  });
});
