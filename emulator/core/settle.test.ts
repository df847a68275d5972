import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateApiDestinationCommand, CreateConnectionCommand, CreateEventBusCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, useEmulator } from '../testing/emulator-fixture';
import { PendingWork, type SettleAnswer } from './settle';

/** Answers 500 while `failing` is set, 200 after; counts requests. */
let failing = true;
let requests = 0;
let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume().on('end', () => res.writeHead(failing ? 500 : 200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// A fifth of real time: the first retry waits 100 to 200 ms.
const env = useEmulator({ timeScale: 0.2 });

async function settled(timeoutMs: number, horizonMs?: number): Promise<SettleAnswer> {
  const answer = await fetch(`${env.endpoint}/_testbed/settled?timeout=${timeoutMs}${horizonMs === undefined ? '' : `&horizon=${horizonMs}`}`);
  expect(answer.status).toBe(200);
  return (await answer.json()) as SettleAnswer;
}

describe('GET /_testbed/settled', () => {
  it('answers at once when nothing is pending', async () => {
    expect(await settled(60_000)).toMatchObject({ settled: true, pending: [] });
  });

  it('is not settled while a delivery waits to retry, and settles once it is delivered', async () => {
    const connection = await env.events.send(new CreateConnectionCommand({ Name: uniqueName('conn'), AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: 'k' } } }));
    const destination = await env.events.send(new CreateApiDestinationCommand({ Name: uniqueName('dest'), ConnectionArn: connection.ConnectionArn, InvocationEndpoint: url, HttpMethod: 'POST' }));
    const bus = uniqueName('bus');
    await env.events.send(new CreateEventBusCommand({ Name: bus }));
    await env.events.send(new PutRuleCommand({ Name: 'all', EventBusName: bus, EventPattern: JSON.stringify({ source: ['settle.test'] }) }));
    await env.events.send(new PutTargetsCommand({ Rule: 'all', EventBusName: bus, Targets: [{ Id: 'api', Arn: destination.ApiDestinationArn, RoleArn: 'arn:aws:iam::000000000000:role/events' }] }));
    failing = true;
    requests = 0;
    const put = await env.events.send(new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: 'settle.test', DetailType: 't', Detail: '{}' }] }));
    const eventId = put.Entries![0]!.EventId!;

    const busy = await settled(30);
    expect(busy.settled).toBe(false);
    expect(busy.pending).toEqual([expect.objectContaining({ kind: 'delivery', detail: `rule all to target api (event ${eventId})` })]);

    failing = false;
    const quiet = await settled(30_000);
    expect(quiet).toMatchObject({ settled: true, pending: [] });
    // It answered because the retry was delivered, not because some time passed.
    expect(requests).toBeGreaterThanOrEqual(2);
  });

  it('is not settled while an execution runs, and settles once it has ended', async () => {
    // A wait that outlasts the test: only StopExecution ends it.
    const definition = JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 1_000_000, End: true } } });
    const machine = await env.sfn.send(new CreateStateMachineCommand({ name: uniqueName('settle'), definition, roleArn: 'arn:aws:iam::000000000000:role/sfn' }));
    const { executionArn } = await env.sfn.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn }));

    const busy = await settled(50);
    expect(busy.settled).toBe(false);
    expect(busy.pending).toEqual([{ kind: 'execution', detail: executionArn }]);

    await env.sfn.send(new StopExecutionCommand({ executionArn }));
    expect((await settled(30_000)).settled).toBe(true);
    expect((await env.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
  });

  it('for some orders, waits for their work only: another order still retrying does not hold it', async () => {
    const connection = await env.events.send(new CreateConnectionCommand({ Name: uniqueName('conn'), AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-key', ApiKeyValue: 'k' } } }));
    const destination = await env.events.send(new CreateApiDestinationCommand({ Name: uniqueName('dest'), ConnectionArn: connection.ConnectionArn, InvocationEndpoint: url, HttpMethod: 'POST' }));
    const bus = uniqueName('bus');
    await env.events.send(new CreateEventBusCommand({ Name: bus }));
    // Only order "slow" goes to the failing endpoint; order "fast" matches no rule.
    await env.events.send(new PutRuleCommand({ Name: 'slow', EventBusName: bus, EventPattern: JSON.stringify({ detail: { orderId: ['slow'] } }) }));
    await env.events.send(new PutTargetsCommand({ Rule: 'slow', EventBusName: bus, Targets: [{ Id: 'api', Arn: destination.ApiDestinationArn, RoleArn: 'arn:aws:iam::000000000000:role/events' }] }));
    failing = true;
    const entry = (orderId: string) => ({ EventBusName: bus, Source: 'settle.test', DetailType: 't', Detail: JSON.stringify({ orderId }) });
    await env.events.send(new PutEventsCommand({ Entries: [entry('slow'), entry('fast')] }));

    const forOrders = async (ids: string[], timeoutMs: number) => {
      const answer = await fetch(`${env.endpoint}/_testbed/settled?timeout=${timeoutMs}`, { method: 'POST', body: JSON.stringify({ orderIds: ids }) });
      expect(answer.status).toBe(200);
      return (await answer.json()) as SettleAnswer;
    };
    expect((await settled(30)).settled).toBe(false);
    expect(await forOrders(['fast'], 30_000)).toMatchObject({ settled: true, pending: [] });
    const slow = await forOrders(['slow'], 30);
    expect(slow.settled).toBe(false);
    expect(slow.pending).toEqual([expect.objectContaining({ kind: 'delivery', traceId: expect.any(String) })]);
    // The query form names orders too.
    expect((await (await fetch(`${env.endpoint}/_testbed/settled?timeout=30&order=fast,slow`)).json()).settled).toBe(false);

    failing = false;
    expect((await forOrders(['slow'], 30_000)).settled).toBe(true);
  });

  it('refuses order ids that are not a list of strings', async () => {
    const answer = await fetch(`${env.endpoint}/_testbed/settled`, { method: 'POST', body: JSON.stringify({ orderIds: [1] }) });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { message: string }).message).toContain('{"orderIds": ["..."]}');
  });

  it('refuses a timeout that is not a number', async () => {
    const answer = await fetch(`${env.endpoint}/_testbed/settled?timeout=soon`);
    expect(answer.status).toBe(400);
  });
});

describe('PendingWork', () => {
  it('waits for work that starts during a quiet moment', async () => {
    const work = new PendingWork();
    const first = work.start('routing', 'a');
    const answer = work.settled(5_000);
    first.done();
    // New work on the next tick, inside the quiet window: the answer must wait for it too.
    let second: ReturnType<PendingWork['start']> | undefined;
    setImmediate(() => {
      second = work.start('delivery', 'b');
      setTimeout(() => second!.done(), 30);
    });
    const result = await answer;
    expect(result.settled).toBe(true);
    expect(work.snapshot().pending).toEqual([]);
    expect(second).toBeDefined();
  });

  it('for some traces, counts their work and untraced work, not other traces\' work', async () => {
    const work = new PendingWork();
    const other = work.start('delivery', 'other order', 'trace-other');
    expect((await work.settled(1_000, undefined, new Set(['trace-mine']))).settled).toBe(true);
    const mine = work.start('async-invocation', 'my order', 'trace-mine');
    expect(await work.settled(10, undefined, new Set(['trace-mine']))).toMatchObject({ settled: false, pending: [{ detail: 'my order' }] });
    mine.done();
    const untraced = work.start('routing', 'no trace');
    expect(await work.settled(10, undefined, new Set(['trace-mine']))).toMatchObject({ settled: false, pending: [{ detail: 'no trace' }] });
    untraced.done();
    // Other traces' work that starts during the quiet moment does not interrupt it.
    const answer = work.settled(5_000, undefined, new Set(['trace-mine']));
    const more = work.start('delivery', 'another', 'trace-other');
    expect((await answer).settled).toBe(true);
    expect((await work.settled(10)).settled).toBe(false);
    other.done();
    more.done();
  });

  it('lists what is pending when the time runs out', async () => {
    const work = new PendingWork();
    const handle = work.start('async-invocation', 'function F (request r)');
    expect(await work.settled(10)).toMatchObject({ settled: false, pending: [{ kind: 'async-invocation', detail: 'function F (request r)' }] });
    handle.waitUntil(Date.now() + 60_000);
    expect(await work.settled(1_000, 10_000)).toMatchObject({ settled: true, later: [{ kind: 'async-invocation' }] });
    handle.done();
  });
});
