import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { clientConfig, TEST_CREDENTIALS, useEmulator } from '../testing/emulator-fixture';

const env = useEmulator();

function client(region: string, accessKeyId = 'test'): DynamoDBClient {
  return new DynamoDBClient({ ...clientConfig(env.endpoint), region, credentials: { ...TEST_CREDENTIALS, accessKeyId } });
}

let tables = 0;
async function createTable(target = env.dynamodb): Promise<string> {
  const TableName = `Orders-${process.pid}-${++tables}`;
  await target.send(
    new CreateTableCommand({
      TableName,
      AttributeDefinitions: [
        { AttributeName: 'orderId', AttributeType: 'S' },
        { AttributeName: 'step', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'orderId', KeyType: 'HASH' },
        { AttributeName: 'step', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return TableName;
}

describe('DynamoDB through the emulator port', () => {
  it('creates a table that is ACTIVE at once, in this account and region', async () => {
    const TableName = await createTable();
    const { Table } = await env.dynamodb.send(new DescribeTableCommand({ TableName }));
    expect(Table!.TableStatus).toBe('ACTIVE');
    expect(Table!.TableArn).toBe(`arn:aws:dynamodb:us-east-1:000000000000:table/${TableName}`);
    const again = await env.dynamodb
      .send(new CreateTableCommand({ TableName, AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }))
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ResourceInUseException);
  });

  it('puts, conditionally updates and gets an item; a failed condition is ConditionalCheckFailedException', async () => {
    const TableName = await createTable();
    const Key = { orderId: { S: 'o-1' }, step: { N: '1' } };
    await env.dynamodb.send(new PutItemCommand({ TableName, Item: { ...Key, status: { S: 'RECEIVED' } } }));

    // The idempotent write the stack relies on: set once, refuse the duplicate.
    const update = new UpdateItemCommand({
      TableName,
      Key,
      UpdateExpression: 'SET #s = :dispatched',
      ConditionExpression: '#s <> :dispatched',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':dispatched': { S: 'DISPATCHED' } },
      ReturnValues: 'ALL_NEW',
    });
    const first = await env.dynamodb.send(update);
    expect(first.Attributes).toEqual({ ...Key, status: { S: 'DISPATCHED' } });
    const duplicate = await env.dynamodb.send(update).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(ConditionalCheckFailedException);
    expect((duplicate as ConditionalCheckFailedException).message).toBe('The conditional request failed');

    const { Item } = await env.dynamodb.send(new GetItemCommand({ TableName, Key, ConsistentRead: true }));
    expect(Item).toEqual({ ...Key, status: { S: 'DISPATCHED' } });
  });

  it('queries by partition key with a sort-key condition', async () => {
    const TableName = await createTable();
    for (const step of [1, 2, 3]) {
      await env.dynamodb.send(new PutItemCommand({ TableName, Item: { orderId: { S: 'o-2' }, step: { N: String(step) } } }));
    }
    await env.dynamodb.send(new PutItemCommand({ TableName, Item: { orderId: { S: 'other' }, step: { N: '1' } } }));
    const out = await env.dynamodb.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'orderId = :id AND step >= :from',
        ExpressionAttributeValues: { ':id': { S: 'o-2' }, ':from': { N: '2' } },
      }),
    );
    expect(out.Items!.map((i) => i.step!.N)).toEqual(['2', '3']);
    expect(out.Count).toBe(2);
  });

  it('deletes a table; using it afterwards is ResourceNotFoundException', async () => {
    const TableName = await createTable();
    await env.dynamodb.send(new DeleteTableCommand({ TableName }));
    const err = await env.dynamodb.send(new DescribeTableCommand({ TableName })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResourceNotFoundException);
  });

  it('keeps tables per region: a us-east-1 table is not visible in eu-west-1', async () => {
    const TableName = await createTable();
    const eu = client('eu-west-1');
    try {
      const euTables = await eu.send(new ListTablesCommand({}));
      expect(euTables.TableNames).not.toContain(TableName);
      const err = await eu.send(new DescribeTableCommand({ TableName })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ResourceNotFoundException);
      // The same name can exist in both regions independently.
      await eu.send(
        new CreateTableCommand({ TableName, AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
      );
      const { Table } = await eu.send(new DescribeTableCommand({ TableName }));
      expect(Table!.KeySchema).toHaveLength(1);
      expect(Table!.TableArn).toContain(':eu-west-1:');
      expect((await env.dynamodb.send(new DescribeTableCommand({ TableName }))).Table!.KeySchema).toHaveLength(2);
    } finally {
      eu.destroy();
    }
  });

  it('keeps tables per account: a twelve-digit access key id names the account', async () => {
    const TableName = await createTable();
    const other = client('us-east-1', '111111111111');
    try {
      expect((await other.send(new ListTablesCommand({}))).TableNames).not.toContain(TableName);
      const own = await createTable(other);
      const { Table } = await other.send(new DescribeTableCommand({ TableName: own }));
      expect(Table!.TableArn).toBe(`arn:aws:dynamodb:us-east-1:111111111111:table/${own}`);
    } finally {
      other.destroy();
    }
  });
});
