import { afterAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { publishDirect, publishViaApi } from '../testbed/orders-api';
import { describeProblems, RoutingObserver } from '../testbed/observer';
import { connect } from '../testbed/connect';

/**
 * The embedded emulator's trace of one order per route, and of a look-alike: one tree from the
 * API request to the dispatch event's own rules, joined by the X-Ray trace header. Only the
 * embedded emulator serves `/_testbed/trace`.
 */
const tb = connect(inject('testbed'));
afterAll(() => tb.destroy());

interface Step {
  kind: string;
  name: string;
  status: string;
  matched?: boolean;
  reason?: string;
  executionStatus?: string;
  children: Step[];
  [key: string]: unknown;
}

/** The order's tree once it holds every step `complete` asks for (a bounded poll). */
async function traceOf(orderId: string, complete: (steps: Step[]) => boolean): Promise<Step[]> {
  const deadline = Date.now() + 30_000;
  let last: unknown;
  for (;;) {
    const res = await fetch(`${tb.endpoint}/_testbed/trace?orderId=${orderId}`);
    last = await res.json();
    if (res.status === 200) {
      const roots = (last as { traces: { roots: Step[] }[] }).traces.flatMap((t) => t.roots);
      if (complete(flatten(roots))) return roots;
    }
    if (Date.now() > deadline) throw new Error(`the trace of ${orderId} did not complete: ${JSON.stringify(last, null, 1).slice(0, 4000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const flatten = (steps: Step[]): Step[] => steps.flatMap((s) => [s, ...flatten(s.children)]);
const child = (step: Step | undefined, kind: string, name?: string) => step?.children.find((c) => c.kind === kind && (name === undefined || c.name === name));
const rules = (entry: Step | undefined) => Object.fromEntries((entry?.children ?? []).filter((c) => c.kind === 'rule-evaluation').map((r) => [r.name, r.matched ? 'matched' : r.reason]));
/**
 * Everything has happened once ProcessedOrder has ended (a step is recorded when it ends) with
 * its dispatch routed, and `more` holds.
 */
const dispatched = (more: (steps: Step[]) => boolean) => (steps: Step[]) =>
  steps.some((s) => s.name === 'ProcessedOrder' && s.children.some((c) => c.name === 'PutEvents Order Dispatched' && c.children.length >= 4)) && more(steps);

const DISPATCH_RULES = {
  OrdertoCloudWatch: 'matched',
  USOrdertoAPI: 'source: "com.aws.orders.fulfillment" is not one of ["com.aws.orders"]',
  EUOrdertoStepFunctions: 'source: "com.aws.orders.fulfillment" is not one of ["com.aws.orders"]',
  ProcessedOrderstoLambda: 'source: "com.aws.orders.fulfillment" is not one of ["com.aws.orders"]',
};

describe.skipIf(tb.target !== 'embedded')('the trace of an order', () => {
  it('US: API request -> ProduceOrder -> PutEvents -> rules -> API destination -> ConsumeOrder, and the dispatch', async () => {
    const answer = await publishViaApi(tb, { location: 'us-east', category: 'books', value: 20 }, 'GET');
    expect(answer.status).toBe(202);
    const roots = await traceOf(answer.body.orderId, dispatched((steps) => steps.some((s) => s.name === 'ConsumeOrder')));
    expect(roots.map((r) => [r.kind, r.name])).toEqual([['api-request', 'GET /orders']]);
    const entry = child(child(roots[0], 'lambda-invocation', 'ProduceOrder'), 'put-events-entry');
    expect(entry).toMatchObject({ eventId: answer.body.eventId, orderId: answer.body.orderId, status: 'ok' });
    expect(rules(entry)).toEqual({
      OrdertoCloudWatch: 'matched',
      USOrdertoAPI: 'matched',
      EUOrdertoStepFunctions: 'detail.location: "us-east" does not start with "eu-"',
      ProcessedOrderstoLambda: 'matched',
    });
    const api = child(entry!.children.find((r) => r.name === 'USOrdertoAPI'), 'delivery-attempt');
    expect(api).toMatchObject({ outcome: 'succeeded', statusCode: 200, attempt: 1 });
    const consumer = child(child(child(api, 'http-exchange'), 'api-request', 'POST /orders'), 'lambda-invocation', 'ConsumeOrder');
    expect(consumer?.logLines).toEqual(expect.arrayContaining([expect.stringContaining('order received')]));
    const processed = child(child(entry!.children.find((r) => r.name === 'ProcessedOrderstoLambda'), 'delivery-attempt'), 'lambda-invocation', 'ProcessedOrder');
    expect(processed?.children.some((c) => c.kind === 'dynamodb-write' && c.name === 'UpdateItem OrderDetails')).toBe(true);
    expect(rules(child(processed, 'put-events-entry', 'PutEvents Order Dispatched'))).toEqual(DISPATCH_RULES);
  });

  it('EU: the workflow execution with its decision, and its DynamoDB write, in the same tree', async () => {
    const answer = await publishViaApi(tb, { location: 'eu-west', category: 'books', value: 1500 }, 'POST');
    const roots = await traceOf(answer.body.orderId, dispatched((steps) => steps.some((s) => s.kind === 'execution')));
    const entry = child(child(roots[0], 'lambda-invocation', 'ProduceOrder'), 'put-events-entry');
    expect(rules(entry)).toMatchObject({ USOrdertoAPI: 'detail.location: "eu-west" does not start with "us-"', EUOrdertoStepFunctions: 'matched' });
    const execution = child(child(entry!.children.find((r) => r.name === 'EUOrdertoStepFunctions'), 'delivery-attempt'), 'execution');
    expect(execution).toMatchObject({ name: answer.body.eventId, executionStatus: 'SUCCEEDED' });
    expect(JSON.stringify(execution!.output)).toContain('REVIEW');
    expect(execution!.children.map((c) => [c.kind, c.name])).toEqual([['dynamodb-write', 'UpdateItem OrderDetails']]);
  });

  it('a look-alike location: every rule that did not match says why', async () => {
    const answer = await publishViaApi(tb, { location: 'usa-east', category: 'books', value: 5 }, 'GET');
    const roots = await traceOf(answer.body.orderId, dispatched(() => true));
    const entry = child(child(roots[0], 'lambda-invocation', 'ProduceOrder'), 'put-events-entry');
    expect(rules(entry)).toEqual({
      OrdertoCloudWatch: 'matched',
      USOrdertoAPI: 'detail.location: "usa-east" does not start with "us-"',
      EUOrdertoStepFunctions: 'detail.location: "usa-east" does not start with "eu-"',
      ProcessedOrderstoLambda: 'matched',
    });
    expect(flatten(roots).some((s) => s.kind === 'execution' || s.name === 'ConsumeOrder')).toBe(false);
  });

  it('a failure message says why an expected route was not reached', async () => {
    const observer = new RoutingObserver(tb, Date.now() - 5_000);
    const order = { orderId: `look-alike-${randomUUID()}`, location: 'EU-west', category: 'books', value: 10 };
    const { sentAt } = await publishDirect(tb, [order]);
    // Expecting the API target for an upper-case location: the rule is case-sensitive, so it misses.
    const outcomes = await observer.awaitOrders([{ ...order, publishedAt: sentAt, expect: { api: true } }], { timeoutMs: 3_000 });
    expect(describeProblems(outcomes)).toContain('API target: expected, not seen; USOrdertoAPI did not match: detail.location: "EU-west" does not start with "us-"; look at ');
  });
});
