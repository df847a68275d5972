import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { createNodeFunction, NO_RETRIES } from '../lambda/testing';
import { waitFor } from '../testing/wait';
import { uniqueName, useEmulator } from '../testing/emulator-fixture';
import { ordersBus as busLikeTheStack, publishOrder } from './testing';

/** The trace and record query API over real HTTP, with the bus, rules and functions made through the SDK. */
const env = useEmulator({ traceLimit: 400, clients: { lambda: NO_RETRIES } });

const ordersBus = () => busLikeTheStack(env);
const publish = (bus: string, detail: object, traceHeader?: string) => publishOrder(env, bus, detail, traceHeader);

async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${env.endpoint}${path}`);
  return { status: res.status, body: await res.json() };
}

/** The trace once `done` holds for its flattened steps (a bounded poll). */
async function trace(query: string, done: (steps: any[]) => boolean): Promise<any> {
  return waitFor(() => `the trace of ${query}`, async () => {
    const { status, body } = await get(`/_testbed/trace?${query}`);
    if (status !== 200) return undefined;
    const flat = (nodes: any[]): any[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    return done(flat(body.traces.flatMap((t: any) => t.roots))) ? body : undefined;
  });
}

describe('GET /_testbed/trace', () => {
  it('answers an event tree: the entry, every rule with its verdict or reason, the delivery attempt', async () => {
    const bus = await ordersBus();
    const root = '1-6b11a000-0123456789abcdef01234567';
    const eventId = await publish(bus, { orderId: 'o-us-1', location: 'us-east' }, `Root=${root};Parent=53995c3f42cd8ad8;Sampled=1`);
    const body = await trace(`eventId=${eventId}`, (steps) => steps.some((s) => s.kind === 'delivery-attempt'));
    expect(body.traces).toHaveLength(1);
    const [entry] = body.traces[0].roots;
    // The entry's TraceHeader names the trace and the caller's step, as X-Ray's header does.
    expect(entry).toMatchObject({ kind: 'put-events-entry', traceId: root, parentId: '53995c3f42cd8ad8', eventId, orderId: 'o-us-1', bus, event: { id: eventId, detail: { location: 'us-east' } } });
    const rules = entry.children.map((r: any) => ({ rule: r.rule, matched: r.matched, reason: r.reason }));
    expect(rules).toEqual([
      { rule: 'US', matched: true, reason: undefined },
      { rule: 'EU', matched: false, reason: 'detail.location: "us-east" does not start with "eu-"' },
    ]);
    expect(entry.children[0].children).toEqual([expect.objectContaining({ kind: 'delivery-attempt', attempt: 1, outcome: 'succeeded', status: 'ok', parentId: entry.children[0].id })]);
  });

  it('finds the traces of an order id, and an entry without a header starts a trace of its own', async () => {
    const bus = await ordersBus();
    await publish(bus, { orderId: 'o-twice', location: 'ca-central' });
    await publish(bus, { orderId: 'o-twice', location: 'ca-central' });
    const body = await trace('orderId=o-twice', (steps) => steps.filter((s) => s.kind === 'rule-evaluation').length === 4);
    expect(body.traces).toHaveLength(2);
    expect(new Set(body.traces.map((t: any) => t.traceId)).size).toBe(2);
    for (const t of body.traces) {
      expect(t.traceId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
      expect(t.roots[0].children.map((r: any) => r.reason)).toEqual([
        'detail.location: "ca-central" does not start with "us-"',
        'detail.location: "ca-central" does not start with "eu-"',
      ]);
    }
  });

  it('joins a Lambda handler PutEvents call under its invocation through _X_AMZN_TRACE_ID', async () => {
    const bus = await ordersBus();
    const name = uniqueName('publisher');
    await createNodeFunction(env.lambda, name, {
      'index.mjs': `
        import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
        const client = new EventBridgeClient({});
        export const handler = async (event) => {
          console.log('publishing ' + event.orderId + ' trace ' + process.env._X_AMZN_TRACE_ID);
          const out = await client.send(new PutEventsCommand({ Entries: [{ EventBusName: '${bus}', Source: 'com.aws.orders', DetailType: 'Order Notification', Detail: JSON.stringify({ orderId: event.orderId, location: 'eu-west' }) }] }));
          return out.Entries[0].EventId;
        };`,
    });
    await waitFor(() => `${name} to be active`, async () => ((await env.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration?.State === 'Active' ? true : undefined));
    const out = await env.lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify({ orderId: 'o-lambda' })) }));
    const eventId = JSON.parse(Buffer.from(out.Payload!).toString());
    const body = await trace(`eventId=${eventId}`, (steps) => steps.some((s) => s.kind === 'delivery-attempt'));
    const [invocation] = body.traces[0].roots;
    expect(invocation).toMatchObject({ kind: 'lambda-invocation', name, status: 'ok', invocationType: 'RequestResponse' });
    expect(invocation.logLines.some((l: string) => l.includes(`publishing o-lambda trace Root=${invocation.traceId};Parent=${invocation.id}`))).toBe(true);
    expect(invocation.children).toEqual([expect.objectContaining({ kind: 'put-events-entry', eventId, orderId: 'o-lambda', parentId: invocation.id })]);
    expect(invocation.children[0].children.map((r: any) => [r.rule, r.matched])).toEqual([
      ['US', false],
      ['EU', true],
    ]);
  });

  it('answers 400 naming an unknown or missing parameter, and 404 for an id it does not hold', async () => {
    expect(await get('/_testbed/trace?orderid=x')).toEqual({ status: 400, body: { message: 'Unknown parameter "orderid"; ask with one of eventId, orderId, traceId.' } });
    expect(await get('/_testbed/trace')).toEqual({ status: 400, body: { message: 'Ask with exactly one of eventId, orderId, traceId.' } });
    const missing = await get('/_testbed/trace?eventId=no-such-event');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ traces: [], message: expect.stringContaining('No trace holds eventId no-such-event') });
  });
});

describe('GET /_testbed/events', () => {
  it('filters by order id, rule, kind, since and limit', async () => {
    const bus = await ordersBus();
    const us = await publish(bus, { orderId: 'o-filter-us', location: 'us-west-2' });
    await publish(bus, { orderId: 'o-filter-eu', location: 'eu-west-1' });
    const records = await waitFor('the US order to be delivered', async () => {
      const { body } = await get('/_testbed/events?orderId=o-filter-us');
      return body.records.some((r: any) => r.kind === 'delivery') ? body.records : undefined;
    });
    expect(records.map((r: any) => [r.kind, r.eventId, r.rule])).toEqual([
      ['accepted', us, undefined],
      ['matched', us, 'US'],
      ['delivery', us, 'US'],
    ]);
    const eu = await waitFor('the EU order to be delivered', async () => {
      const { body } = await get('/_testbed/events?rule=EU&kind=delivery');
      return body.records.some((r: any) => r.orderId === 'o-filter-eu') ? body.records : undefined;
    });
    expect(eu.every((r: any) => r.rule === 'EU' && r.kind === 'delivery')).toBe(true);
    const newest = (await get('/_testbed/events?limit=2')).body.records;
    expect(newest).toHaveLength(2);
    const after = (await get(`/_testbed/events?since=${newest[0].seq}`)).body.records;
    expect(after.map((r: any) => r.seq)).toEqual([newest[1].seq]);
  });

  it('answers 400 naming an unknown filter, an unknown kind or a bad number', async () => {
    expect(await get('/_testbed/events?order=1')).toEqual({ status: 400, body: { message: 'Unknown filter "order"; the filters are eventId, orderId, rule, kind, since, limit.' } });
    expect(await get('/_testbed/events?kind=match')).toEqual({
      status: 400,
      body: { message: 'Unknown kind "match"; the kinds are accepted, rejected, dropped, matched, delivery, dead-letter, discarded.' },
    });
    expect(await get('/_testbed/events?limit=-1')).toEqual({ status: 400, body: { message: 'limit must be a whole number of 0 or more, got "-1".' } });
  });

  it('keeps at most the trace limit and says how many records were evicted', async () => {
    const bus = await ordersBus();
    // Each event makes 4 trace records (entry, two rules, one attempt) and 3 event records.
    for (let i = 0; i < 30; i++) {
      await env.events.send(
        new PutEventsCommand({
          Entries: Array.from({ length: 5 }, (_, j) => ({ EventBusName: bus, Source: 'com.aws.orders', DetailType: 'Order Notification', Detail: JSON.stringify({ orderId: `o-evict-${i}-${j}`, location: 'us-east' }) })),
        }),
      );
    }
    const events = await waitFor('the record to evict', async () => {
      const { body } = await get('/_testbed/events?limit=1');
      return body.evicted > 0 ? body : undefined;
    });
    expect(events.capacity).toBe(400);
    expect(events.evicted).toBe(events.total - 400);
    const traced = await waitFor('the trace store to evict', async () => {
      const { status, body } = await get('/_testbed/trace?orderId=o-evict-29-4');
      return status === 200 && body.evicted > 0 ? body : undefined;
    });
    expect(traced.limit).toBe(400);
    expect((await get('/_testbed/trace?orderId=o-evict-0-0')).status).toBe(404);
  });
});
