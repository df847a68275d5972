import { CreateTableCommand, GetItemCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrdersStack } from '../../stack/orders-stack';
import { useEmulator } from '../testing/emulator-fixture';
import { finishedExecution, historyOf, ROLE_ARN, TIME_SCALE, typesOf } from './testing';

type Json = any; // CloudFormation template fragments, walked structurally

/**
 * The EUOrderWorkflow definition exactly as the stack synthesizes it: the state machine's
 * DefinitionString with its Fn::Join resolved (the partition, and the table name behind the Ref).
 */
function synthesizeWorkflow(): { definition: string; table: CreateTableCommandInput } {
  const template = Template.fromStack(new OrdersStack(new App(), 'OrdersStack')).toJSON();
  const resources: Record<string, Json> = template.Resources;
  const [machine] = Object.values(resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine' && r.Properties.StateMachineName === 'EUOrderWorkflow');
  const [table] = Object.values(resources).filter((r) => r.Type === 'AWS::DynamoDB::Table' && r.Properties.TableName === 'OrderDetails');
  const resolve = (value: Json): string => {
    if (typeof value === 'string') return value;
    if (value['Fn::Join']) return (value['Fn::Join'][1] as Json[]).map(resolve).join(value['Fn::Join'][0]);
    if (value.Ref === 'AWS::Partition') return 'aws';
    if (value.Ref === 'AWS::Region') return 'us-east-1';
    if (value.Ref === 'AWS::AccountId') return '000000000000';
    if (value.Ref && resources[value.Ref]?.Type === 'AWS::DynamoDB::Table') return resources[value.Ref].Properties.TableName;
    throw new Error(`The test cannot resolve ${JSON.stringify(value)} in the EUOrderWorkflow definition`);
  };
  const p = table.Properties;
  return {
    definition: resolve(machine.Properties.DefinitionString),
    table: { TableName: p.TableName, KeySchema: p.KeySchema, AttributeDefinitions: p.AttributeDefinitions, BillingMode: p.BillingMode },
  };
}

/** The `Order Notification` event as EventBridge hands it to the state machine. */
function orderEvent(orderId: string, value: number) {
  return {
    version: '0',
    id: `event-${orderId}`,
    'detail-type': 'Order Notification',
    source: 'com.aws.orders',
    account: '000000000000',
    time: '2025-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { orderId, category: 'books', value, location: 'eu-west-1', createdAt: '2025-01-01T00:00:00Z' },
  };
}

const env = useEmulator({ timeScale: TIME_SCALE });
let stateMachineArn: string;

beforeAll(async () => {
  const { definition, table } = synthesizeWorkflow();
  await env.dynamodb.send(new CreateTableCommand(table));
  ({ stateMachineArn } = (await env.sfn.send(new CreateStateMachineCommand({ name: 'EUOrderWorkflow', definition, roleArn: ROLE_ARN }))) as { stateMachineArn: string });
});

async function run(orderId: string, value: number) {
  const { executionArn } = await env.sfn.send(new StartExecutionCommand({ stateMachineArn, name: `order-${orderId}`, input: JSON.stringify(orderEvent(orderId, value)) }));
  const done = await finishedExecution(env.sfn, executionArn!);
  const item = (await env.dynamodb.send(new GetItemCommand({ TableName: 'OrderDetails', Key: { orderId: { S: orderId } } }))).Item;
  return { executionArn: executionArn!, done, output: JSON.parse(done.output ?? 'null'), item };
}

describe('EUOrderWorkflow from the synthesized stack, against the emulator\'s DynamoDB', () => {
  it('sends an order above 1000 to REVIEW and records the decision on its item', async () => {
    const { done, output, item } = await run('eu-review-1', 1500);
    expect(done.status).toBe('SUCCEEDED');
    expect(output).toMatchObject({ orderId: 'eu-review-1', decision: 'REVIEW' });
    expect(Date.parse(output.decidedAt)).not.toBeNaN();
    expect(item).toEqual({ orderId: { S: 'eu-review-1' }, decision: { S: 'REVIEW' }, decidedAt: { S: output.decidedAt } });
  });

  it('approves an order of 1000 or less', async () => {
    for (const [orderId, value] of [['eu-approve-1', 200], ['eu-approve-edge', 1000]] as const) {
      const { done, output, item } = await run(orderId, value);
      expect(done.status).toBe('SUCCEEDED');
      expect(output.decision).toBe('APPROVED');
      expect(item?.decision).toEqual({ S: 'APPROVED' });
    }
  });

  it('keeps the first decision when the event is delivered again', async () => {
    const first = await run('eu-twice', 1500);
    const second = await env.sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'order-eu-twice-redelivered', input: JSON.stringify(orderEvent('eu-twice', 10)) }),
    );
    expect((await finishedExecution(env.sfn, second.executionArn!)).status).toBe('SUCCEEDED');
    const item = (await env.dynamodb.send(new GetItemCommand({ TableName: 'OrderDetails', Key: { orderId: { S: 'eu-twice' } } }))).Item;
    expect(item).toEqual(first.item);
  });

  it('records the history of the Choice, the decision and the DynamoDB UpdateItem task', async () => {
    const { executionArn } = await run('eu-history', 5000);
    const events = await historyOf(env.sfn, executionArn);
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    events.forEach((e, i) => expect(e.id).toBe(i + 1));
    expect(events.slice(2).every((e) => e.previousEventId === e.id! - 1)).toBe(true);
    const byType = (type: string) => events.find((e) => e.type === type)!;
    expect(byType('PassStateEntered').stateEnteredEventDetails?.name).toBe('Review');
    const scheduled = byType('TaskScheduled').taskScheduledEventDetails!;
    expect(scheduled).toMatchObject({ resourceType: 'dynamodb', resource: 'updateItem', region: 'us-east-1' });
    expect(JSON.parse(scheduled.parameters!)).toMatchObject({ TableName: 'OrderDetails', Key: { orderId: { S: 'eu-history' } } });
    expect(byType('TaskStarted').taskStartedEventDetails).toEqual({ resourceType: 'dynamodb', resource: 'updateItem' });
    const succeeded = byType('TaskSucceeded').taskSucceededEventDetails!;
    expect(succeeded).toMatchObject({ resourceType: 'dynamodb', resource: 'updateItem', outputDetails: { truncated: false } });
    const taskOutput = JSON.parse(succeeded.output!);
    expect(taskOutput.SdkHttpMetadata).toMatchObject({ HttpStatusCode: 200, HttpHeaders: { 'Content-Type': 'application/x-amz-json-1.0' } });
    expect(taskOutput.SdkHttpMetadata.AllHttpHeaders['Content-Type']).toEqual(['application/x-amz-json-1.0']);
    expect(taskOutput.SdkResponseMetadata.RequestId).toBe(taskOutput.SdkHttpMetadata.HttpHeaders['x-amzn-RequestId']);
  });
});
