import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { publishDirect, publishViaApi, type ApiAnswer } from '../orders-api';
import { RoutingObserver, type OrderOutcome, type TrackedOrder } from '../observer';
import { NO_ROUTE } from '../routes';
import type { Testbed } from '../connect';
import { expectationOverride, type Scenario, type ScenarioOrder } from './scenario-file';

export interface OrderResult {
  index: number;
  order: ScenarioOrder;
  orderId?: string;
  status: number;
  message?: string;
  outcome?: OrderOutcome;
  problems: string[];
}

export interface ReplayOptions {
  concurrency?: number;
  timeoutMs?: number;
  progress?: (done: number, total: number, phase: 'publishing' | 'following') => void;
}

/**
 * Publishes every order of a scenario (honouring delays, up to `concurrency` at a time), then
 * follows each to every route and compares with what the scenario expects.
 */
export async function replay(tb: Testbed, scenario: Scenario, options: ReplayOptions = {}): Promise<OrderResult[]> {
  const { concurrency = 16, timeoutMs = 60_000, progress } = options;
  const observer = new RoutingObserver(tb, Date.now() - 5_000);
  const limit = pLimit(concurrency);
  const total = scenario.orders.length;
  let done = 0;
  const published: Array<Promise<{ result: OrderResult; tracked?: TrackedOrder }>> = [];

  for (const [index, order] of scenario.orders.entries()) {
    if (order.delayMs) await new Promise((r) => setTimeout(r, order.delayMs));
    published.push(
      limit(async () => {
        const r = await publishOne(tb, index, order);
        progress?.(++done, total, 'publishing');
        return r;
      }),
    );
  }
  const settled = await Promise.all(published);
  progress?.(0, total, 'following');
  const tracked = settled.flatMap((s) => (s.tracked ? [s.tracked] : []));
  const outcomes = await observer.awaitOrders(tracked, { timeoutMs });
  const byId = new Map(outcomes.map((o) => [o.order.orderId, o]));
  progress?.(total, total, 'following');
  return settled.map(({ result, tracked: t }) => {
    const outcome = t ? byId.get(t.orderId) : undefined;
    return { ...result, outcome, problems: [...result.problems, ...(outcome?.problems ?? [])] };
  });
}

async function publishOne(tb: Testbed, index: number, order: ScenarioOrder): Promise<{ result: OrderResult; tracked?: TrackedOrder }> {
  const fields = {
    orderId: order.orderId ?? (order.via === 'PutEvents' ? `scenario-${randomUUID()}` : undefined),
    location: order.location,
    category: order.category,
    value: order.value,
  };
  const sent = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as any;
  let answer: ApiAnswer;
  if (order.via === 'PutEvents') {
    const { result, sentAt, answeredAt } = await publishDirect(tb, [sent]);
    const entry = result.Entries?.[0];
    answer = entry?.EventId
      ? { status: 202, body: { orderId: sent.orderId, eventId: entry.EventId }, sentAt, answeredAt }
      : { status: 400, body: { message: `${entry?.ErrorCode}: ${entry?.ErrorMessage}` }, sentAt, answeredAt };
  } else {
    answer = await publishViaApi(tb, sent, order.via);
  }
  const problems: string[] = [];
  if (answer.status !== order.expectStatus) {
    const said = typeof answer.body === 'object' && answer.body?.message ? ` (${answer.body.message})` : '';
    problems.push(`producer answered ${answer.status}${said}, expected ${order.expectStatus}`);
  }
  const orderId: string | undefined = answer.status === 202 ? answer.body.orderId : sent.orderId;
  const result: OrderResult = {
    index,
    order,
    orderId,
    status: answer.status,
    message: answer.status === 202 ? undefined : answer.body?.message,
    problems,
  };
  if (!orderId) return { result };
  // A refused order is followed too: it must reach no route at all.
  const expect = answer.status === 202 ? expectationOverride(order) : NO_ROUTE;
  const value = typeof order.value === 'number' ? order.value : Number(order.value);
  return { result, tracked: { orderId, location: String(order.location ?? ''), value, publishedAt: answer.sentAt, acceptedAt: answer.answeredAt, expect } };
}
