import { CreateTableCommand, GetItemCommand, QueryCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, useEmulator } from '../testing/emulator-fixture';

/**
 * The parsed-expression cache must be invisible: the same expression with new values, new value
 * types or other names behaves as a first parse does, through the whole request.
 */
const env = useEmulator();
let TableName: string;
beforeAll(async () => {
  TableName = uniqueName('cache');
  await env.dynamodb.send(
    new CreateTableCommand({ TableName, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
  );
});

const RECORD = 'SET #total = if_not_exists(#total, :zero) + :amount, #note = :note';
const update = (id: string, input: Partial<UpdateItemCommandInput>) =>
  env.dynamodb.send(new UpdateItemCommand({ TableName, Key: { id: { S: id } }, UpdateExpression: RECORD, ExpressionAttributeNames: { '#total': 'total', '#note': 'note' }, ...input }));
const item = async (id: string) => (await env.dynamodb.send(new GetItemCommand({ TableName, Key: { id: { S: id } }, ConsistentRead: true }))).Item;

describe('dynalite with the parsed-expression cache', () => {
  it('applies each request\'s own values when the expression repeats', async () => {
    for (const [id, amount, note] of [['a', '5', 'first'], ['b', '7', 'second'], ['a', '10', 'third']] as const) {
      await update(id, { ExpressionAttributeValues: { ':zero': { N: '0' }, ':amount': { N: amount }, ':note': { S: note } } });
    }
    expect(await item('a')).toEqual({ id: { S: 'a' }, total: { N: '15' }, note: { S: 'third' } });
    expect(await item('b')).toEqual({ id: { S: 'b' }, total: { N: '7' }, note: { S: 'second' } });
  });

  it('checks the operand types of the repeat, not of the first parse', async () => {
    await update('c', { ExpressionAttributeValues: { ':zero': { N: '0' }, ':amount': { N: '1' }, ':note': { S: 'x' } } });
    await expect(update('c', { ExpressionAttributeValues: { ':zero': { N: '0' }, ':amount': { S: 'one' }, ':note': { S: 'x' } } })).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Incorrect operand type for operator or function; operator or function: +'),
    });
  });

  it('still refuses a value the repeated expression does not use', async () => {
    await expect(update('d', { ExpressionAttributeValues: { ':zero': { N: '0' }, ':amount': { N: '1' }, ':note': { S: 'x' }, ':extra': { S: 'y' } } })).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}',
    });
  });

  it('resolves the names of the repeat', async () => {
    await update('e', { ExpressionAttributeNames: { '#total': 'sum', '#note': 'memo' }, ExpressionAttributeValues: { ':zero': { N: '0' }, ':amount': { N: '2' }, ':note': { S: 'n' } } });
    expect(await item('e')).toEqual({ id: { S: 'e' }, sum: { N: '2' }, memo: { S: 'n' } });
  });

  it('evaluates a repeated condition against the new values', async () => {
    const claim = (id: string, token: string) =>
      env.dynamodb.send(
        new UpdateItemCommand({
          TableName,
          Key: { id: { S: id } },
          UpdateExpression: 'SET #token = :token',
          ConditionExpression: 'attribute_not_exists(#token) OR #token = :token',
          ExpressionAttributeNames: { '#token': 'token' },
          ExpressionAttributeValues: { ':token': { S: token } },
        }),
      );
    await claim('f', 't1');
    await claim('f', 't1');
    await expect(claim('f', 't2')).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
  });

  it('leaves BETWEEN, whose check reads the bounds, to the parser', async () => {
    const query = (low: string, high: string) =>
      env.dynamodb.send(new QueryCommand({ TableName, KeyConditionExpression: 'id = :id', FilterExpression: '#t BETWEEN :low AND :high', ExpressionAttributeNames: { '#t': 'total' }, ExpressionAttributeValues: { ':id': { S: 'a' }, ':low': { N: low }, ':high': { N: high } } }));
    expect((await query('1', '20')).Count).toBe(1);
    await expect(query('20', '1')).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('BETWEEN operator requires upper bound to be greater than or equal to lower bound') });
  });
});
