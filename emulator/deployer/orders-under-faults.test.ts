import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Testbed } from '../../testbed/connect';
import { publishViaApi } from '../../testbed/orders-api';
import { synthesize } from '../../testbed/targets/synth';
import { readEventCounts, readEventRecords } from '../events/testing';
import { readAsyncRecords } from '../lambda/testing';
import { TEST_CREDENTIALS, useEmulator } from '../testing/emulator-fixture';
import { waitFor } from '../testing/wait';
import { deployCloudAssembly } from '.';

// The real OrdersStack in an emulator of its own, under faults: what each part of the system does
// when a call is throttled, a function fails or the consumer endpoint pushes back. Waits (retry
// back-off, Lambda's one- and two-minute retries) run at a tenth of real time.
const env = useEmulator({ timeScale: 0.1 });
let tb: Testbed;

beforeAll(async () => {
  const { assemblyDir } = await synthesize();
  const { outputs } = await deployCloudAssembly({ endpoint: env.endpoint, credentials: TEST_CREDENTIALS, assemblyDir });
  tb = connect({ target: 'embedded', reason: 'test', endpoint: env.endpoint, region: 'us-east-1', outputs });
}, 180_000);

afterEach(async () => {
  await faults('/_localstack/chaos/faults', []);
  await faults('/_testbed/chaos/faults', []);
});

async function faults(path: string, rules: unknown[]): Promise<void> {
  const res = await fetch(new URL(path, env.endpoint), { method: 'POST', body: JSON.stringify(rules) });
  expect(res.status).toBe(200);
}

/** How many entries the bus has accepted so far. */
const acceptedCount = async () => (await readEventCounts(env.endpoint)).accepted ?? 0;
const itemOf = async (orderId: string) => (await env.dynamodb.send(new GetItemCommand({ TableName: tb.output('TableName'), Key: { orderId: { S: orderId } }, ConsistentRead: true }))).Item;

describe('ProduceOrder under PutEvents faults', () => {
  it('answers 503 naming ThrottlingException when PutEvents stays throttled, and publishes nothing', async () => {
    await faults('/_localstack/chaos/faults', [{ service: 'events', operation: 'PutEvents', error: { statusCode: 400, code: 'ThrottlingException' } }]);
    const orderId = `throttled-${Date.now()}`;
    const before = await acceptedCount();
    const answer = await publishViaApi(tb, { orderId, location: 'us-east', category: 'books', value: 5 }, 'GET');
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ orderId, errorCode: 'ThrottlingException', message: expect.stringContaining('ThrottlingException') });
    expect(await acceptedCount()).toBe(before);
  });

  it('answers 502 naming InternalFailure when every attempt fails', async () => {
    await faults('/_localstack/chaos/faults', [{ service: 'events', operation: 'PutEvents', error: { statusCode: 500, code: 'InternalFailure' } }]);
    const orderId = `failing-${Date.now()}`;
    const before = await acceptedCount();
    const answer = await publishViaApi(tb, { orderId, location: 'us-east', category: 'books', value: 5 }, 'POST');
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ orderId, errorCode: 'InternalFailure' });
    expect(await acceptedCount()).toBe(before);
  });
});

describe('the rest of the system under faults', () => {
  it('EUOrderWorkflow retries a throttled DynamoDB task and records the decision once the throttling stops', async () => {
    await faults('/_localstack/chaos/faults', [{ service: 'dynamodb', operation: 'UpdateItem', error: { statusCode: 400, code: 'ProvisionedThroughputExceededException' } }]);
    const orderId = `eu-throttled-${Date.now()}`;
    expect((await publishViaApi(tb, { orderId, location: 'eu-west-1', category: 'books', value: 2000 }, 'GET')).status).toBe(202);
    const stateMachineArn = tb.output('StateMachineArn');
    const executionArn = await waitFor(`an execution for ${orderId}`, async () => {
      const { executions } = await env.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
      for (const e of executions ?? []) {
        const d = await env.sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
        if (d.input?.includes(orderId)) return e.executionArn;
      }
      return undefined;
    });
    await waitFor('the DynamoDB task to fail once', async () => {
      const { events } = await env.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      return events?.some((e) => e.type === 'TaskFailed' && e.taskFailedEventDetails?.error === 'DynamoDB.ProvisionedThroughputExceededException') || undefined;
    });
    await faults('/_localstack/chaos/faults', []);
    const done = await waitFor('the execution to end', async () => {
      const d = await env.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return d.status === 'RUNNING' ? undefined : d;
    }, 20_000);
    expect(done.status).toBe('SUCCEEDED');
    // ProcessedOrder's writes were throttled too: Lambda's retry records and dispatches the order.
    const item = await waitFor('the order recorded, decided and dispatched', async () => {
      const found = await itemOf(orderId);
      return found?.decision && found.dispatchState?.S === 'DISPATCHED' ? found : undefined;
    }, 30_000);
    expect(item.decision).toEqual({ S: 'REVIEW' });
  });

  it('ProcessedOrder failing its first run: Lambda retries it and the order is recorded and dispatched once', async () => {
    await faults('/_testbed/chaos/faults', [{ fault: 'function-error', resource: 'ProcessedOrder' }]);
    const orderId = `fn-error-${Date.now()}`;
    expect((await publishViaApi(tb, { orderId, location: 'ca-central', category: 'books', value: 5 }, 'GET')).status).toBe(202);
    const failed = await waitFor('a failed run of ProcessedOrder', async () =>
      (await readAsyncRecords(env.endpoint, 'ProcessedOrder')).find((r) => r.attempts.length >= 1 && r.attempts[0]!.functionError === 'Unhandled' && r.status === 'waiting-to-retry'),
    );
    await faults('/_testbed/chaos/faults', []);
    await waitFor('the retry to succeed', async () => (await readAsyncRecords(env.endpoint, 'ProcessedOrder')).find((r) => r.requestId === failed.requestId && r.status === 'succeeded'), 20_000);
    const item = await itemOf(orderId);
    expect(item?.dispatchState).toEqual({ S: 'DISPATCHED' });
  });

  it('the API destination answering 429 with Retry-After: EventBridge retries and ConsumeOrder receives the order', async () => {
    await faults('/_testbed/chaos/faults', [{ fault: 'endpoint-status', resource: 'OrdersConsumerDestination', statusCode: 429, retryAfter: '1' }]);
    const orderId = `us-429-${Date.now()}`;
    const answer = await publishViaApi(tb, { orderId, location: 'us-west-2', category: 'books', value: 5 }, 'GET');
    expect(answer.status).toBe(202);
    const eventId = answer.body.eventId as string;
    await waitFor('a 429 attempt', async () => (await readEventRecords(env.endpoint, { eventId })).some((r) => r.kind === 'delivery' && r.status === 429) || undefined);
    await faults('/_testbed/chaos/faults', []);
    const lines = await waitFor('ConsumeOrder to log the order', async () => {
      const out = await env.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/ConsumeOrder' }));
      const found = (out.events ?? []).filter((e) => e.message?.includes(orderId) && e.message.includes('order received'));
      return found.length > 0 ? found : undefined;
    }, 20_000);
    expect(lines).toHaveLength(1);
  });
});
