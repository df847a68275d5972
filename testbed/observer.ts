import { BatchGetItemCommand, type AttributeValue, type BatchGetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { LogTail, type TailedEvent } from './log-tail';
import { expectedDecision, expectedRoutes, ROUTES, ROUTE_LABELS, ROUTE_RULES, type Expectation, type Route } from './routes';
import { ruleVerdicts } from '../emulator/studio/rule-verdicts';
import type { Testbed } from './connect';

/** An order whose routing is being followed. */
export interface TrackedOrder {
  orderId: string;
  location: string;
  value: number;
  /** Client time the publish request was sent: route latencies count from here. */
  publishedAt: number;
  /** Client time of the producer's 202 (or of the PutEvents answer), when known. */
  acceptedAt?: number;
  /** How many times it was published; each publish is one notification in the log group. */
  publishes?: number;
  /** Overrides the routing table, e.g. a scenario's own expectation. */
  expect?: Partial<Expectation>;
}

export interface RouteSeen {
  count: number;
  /** Milliseconds from the publish to the effect, as the service timestamps it. */
  latencyMs?: number;
  detail?: string;
}

export interface OrderOutcome {
  order: TrackedOrder;
  expected: Expectation;
  seen: Record<Route, RouteSeen>;
  /** Empty when the order went exactly where it should. */
  problems: string[];
}

interface ExecutionSeen {
  arn: string;
  status: string;
  decision?: string;
  stopDate?: number;
}

/**
 * Follows orders to every place the routing table sends them, through the services' own APIs:
 * the log group, the `ConsumeOrder` log, Step Functions executions and the `OrderDetails` table.
 * One observer serves many orders; each refresh reads every source once.
 */
export class RoutingObserver {
  private readonly notifications = new Map<string, TailedEvent[]>();
  private readonly dispatches = new Map<string, TailedEvent[]>();
  private readonly consumed = new Map<string, TailedEvent[]>();
  private readonly executions = new Map<string, ExecutionSeen[]>();
  private readonly describedArns = new Map<string, ExecutionSeen>();
  private readonly items = new Map<string, { item: Record<string, AttributeValue>; seenAt: number }>();
  private readonly orderLog: LogTail;
  private readonly consumerLog: LogTail;

  constructor(private readonly tb: Testbed, since = Date.now() - 60_000) {
    const overlap = tb.logOverlapMs;
    this.orderLog = new LogTail(tb.logs, tb.output('LogGroupName'), since, (e) => this.onOrderLog(e), overlap);
    this.consumerLog = new LogTail(tb.logs, `/aws/lambda/${tb.output('ConsumeOrderFunctionName')}`, since, (e) =>
      this.onConsumerLog(e),
    overlap);
  }

  /**
   * Waits until every order's expected effects are visible or the time is up, then reports.
   * It lets the target settle before each read: the embedded emulator says when no work is
   * pending, so one read then sees everything there will be, and an effect still missing will not
   * come; elsewhere each wait is a short, bounded pause between polls.
   */
  async awaitOrders(
    orders: TrackedOrder[],
    { timeoutMs = 30_000, intervalMs = 50, settleMs = 250 }: { timeoutMs?: number; intervalMs?: number; settleMs?: number } = {},
  ): Promise<OrderOutcome[]> {
    const deadline = Date.now() + timeoutMs;
    const remaining = () => Math.max(0, deadline - Date.now());
    let pending = orders;
    let quiet = false;
    let lastReadMs = 0;
    const orderIds = orders.map((o) => o.orderId);
    while (pending.length > 0 && remaining() > 0) {
      // Reading every source costs the target too: under load, poll at most a third of the time.
      const pause = Math.min(Math.max(intervalMs, 2 * lastReadMs), remaining());
      // At most 5 s at a time, so work that never ends (another run's) cannot hide what arrived.
      quiet = await this.tb.settle({ timeoutMs: Math.min(5_000, remaining()), elseMs: pause, orderIds });
      if (quiet) break;
      const started = Date.now();
      await this.refresh(pending);
      lastReadMs = Date.now() - started;
      pending = pending.filter((o) => this.missing(o).length > 0 && !this.failedFast(o));
    }
    // Absence can only be observed over a window: after the expected effects arrived, let the
    // target settle (the embedded emulator says when; elsewhere `settleMs`), then read every
    // source once more, so a stray delivery (a second dispatch, a wrong target) shows.
    if (!quiet) await this.tb.settle({ timeoutMs: Math.max(settleMs, Math.min(3_000, remaining())), elseMs: settleMs, orderIds });
    await this.refresh(orders, true);
    const outcomes = orders.map((o) => this.outcome(o));
    await this.explainMisses(outcomes);
    return outcomes;
  }

  /**
   * On the embedded emulator, a missed route says why its rule did not match the order, from
   * the emulator's trace: `API target: expected, not seen; USOrdertoAPI did not match: ...`.
   */
  private async explainMisses(outcomes: OrderOutcome[]): Promise<void> {
    if (this.tb.target !== 'embedded' || !this.tb.endpoint) return;
    for (const outcome of outcomes) {
      const missed = ROUTES.filter((r) => outcome.expected[r] && !this.satisfied(outcome.order, r));
      if (missed.length === 0) continue;
      const verdicts = await ruleVerdicts(this.tb.endpoint, outcome.order.orderId, 'Order Notification');
      for (const r of missed) {
        const rule = ROUTE_RULES[r];
        const reason = verdicts?.get(rule);
        if (!reason) continue;
        const at = outcome.problems.findIndex((p) => p.startsWith(`${ROUTE_LABELS[r]}: expected, not seen`));
        if (at >= 0) outcome.problems[at] = outcome.problems[at]!.replace(/; look at /, `; ${rule} did not match: ${reason}; look at `);
      }
    }
  }

  private async refresh(orders: TrackedOrder[], everything = false): Promise<void> {
    const need = (route: Route) => everything || orders.some((o) => this.missing(o).includes(route));
    const work: Promise<void>[] = [];
    if (need('log') || need('dispatch')) work.push(this.orderLog.refresh());
    if (need('api')) work.push(this.consumerLog.refresh());
    if (need('stepfunctions')) work.push(this.refreshExecutions());
    if (need('table')) work.push(this.refreshItems(orders.filter((o) => everything || this.missing(o).includes('table'))));
    await Promise.all(work);
  }

  private expectation(o: TrackedOrder): Expectation {
    return { ...expectedRoutes(o.location), ...o.expect };
  }

  /** Expected routes not visible yet. */
  private missing(o: TrackedOrder): Route[] {
    const expected = this.expectation(o);
    return ROUTES.filter((r) => expected[r] && !this.satisfied(o, r));
  }

  private satisfied(o: TrackedOrder, route: Route): boolean {
    switch (route) {
      case 'log':
        return (this.notifications.get(o.orderId)?.length ?? 0) >= (o.publishes ?? 1);
      case 'api':
        return this.consumed.has(o.orderId);
      case 'stepfunctions':
        return (this.executions.get(o.orderId) ?? []).some((e) => e.status === 'SUCCEEDED');
      case 'table': {
        const item = this.items.get(o.orderId)?.item;
        if (!item) return false;
        // An EU order's item is complete once the workflow has recorded its decision.
        return !this.expectation(o).stepfunctions || item.decision?.S !== undefined;
      }
      case 'dispatch':
        return this.dispatches.has(o.orderId);
    }
  }

  /** An execution that failed will not succeed later: stop waiting for that order. */
  private failedFast(o: TrackedOrder): boolean {
    return (this.executions.get(o.orderId) ?? []).some((e) => ['FAILED', 'TIMED_OUT', 'ABORTED'].includes(e.status));
  }

  private outcome(o: TrackedOrder): OrderOutcome {
    const expected = this.expectation(o);
    const first = (events: TailedEvent[] | undefined) =>
      events && events.length > 0 ? since(o, Math.min(...events.map((e) => e.ingestionTime))) : undefined;
    const executions = this.executions.get(o.orderId) ?? [];
    const succeeded = executions.find((e) => e.status === 'SUCCEEDED');
    const item = this.items.get(o.orderId);
    const seen: Record<Route, RouteSeen> = {
      log: { count: this.notifications.get(o.orderId)?.length ?? 0, latencyMs: first(this.notifications.get(o.orderId)) },
      api: { count: this.consumed.get(o.orderId)?.length ?? 0, latencyMs: first(this.consumed.get(o.orderId)) },
      stepfunctions: {
        count: executions.length,
        latencyMs: succeeded?.stopDate !== undefined ? since(o, succeeded.stopDate) : undefined,
        detail: executions.map((e) => `${e.status}${e.decision ? ` ${e.decision}` : ''} (${e.arn})`).join(', ') || undefined,
      },
      table: {
        count: item ? 1 : 0,
        latencyMs: item ? since(o, itemWrittenAt(item)) : undefined,
        detail: item ? describeItem(item.item) : undefined,
      },
      dispatch: { count: this.dispatches.get(o.orderId)?.length ?? 0, latencyMs: first(this.dispatches.get(o.orderId)) },
    };
    const problems: string[] = [];
    const where: Record<Route, string> = {
      log: `FilterLogEvents on ${this.tb.output('LogGroupName')}`,
      api: `the ${this.consumerLog.groupName} log group`,
      stepfunctions: `ListExecutions on ${this.tb.output('StateMachineArn')}`,
      table: `GetItem on ${this.tb.output('TableName')}`,
      dispatch: `Order Dispatched events in ${this.tb.output('LogGroupName')}`,
    };
    for (const r of ROUTES) {
      if (expected[r] && !this.satisfied(o, r)) {
        problems.push(`${ROUTE_LABELS[r]}: expected, not seen${seen[r].detail ? ` (saw ${seen[r].detail})` : ''}; look at ${where[r]}`);
      } else if (!expected[r] && seen[r].count > 0) {
        problems.push(`${ROUTE_LABELS[r]}: not expected, seen ${seen[r].count} time(s)${seen[r].detail ? ` (${seen[r].detail})` : ''}; look at ${where[r]}`);
      }
    }
    if (expected.stepfunctions && succeeded && succeeded.decision !== expectedDecision(o.value)) {
      problems.push(`Step Functions: decision ${succeeded.decision} for value ${o.value}, expected ${expectedDecision(o.value)}; look at ${succeeded.arn}`);
    }
    if (seen.dispatch.count > 1) {
      problems.push(`dispatch: published ${seen.dispatch.count} times, expected exactly once; look at ${where.dispatch}`);
    }
    return { order: o, expected, seen, problems };
  }

  private onOrderLog(e: TailedEvent): void {
    const event = parseJson(e.message);
    const orderId = event?.detail?.orderId;
    if (typeof orderId !== 'string') return;
    const into = event['detail-type'] === 'Order Notification' ? this.notifications : event['detail-type'] === 'Order Dispatched' ? this.dispatches : undefined;
    if (into) push(into, orderId, e);
  }

  private onConsumerLog(e: TailedEvent): void {
    // The Node.js runtime prefixes each line with time, request id and level; the JSON follows.
    const start = e.message.indexOf('{');
    const line = start >= 0 ? parseJson(e.message.slice(start)) : undefined;
    if (line?.message === 'order received' && typeof line.orderId === 'string') push(this.consumed, line.orderId, e);
  }

  private async refreshExecutions(): Promise<void> {
    let nextToken: string | undefined;
    const arns: string[] = [];
    do {
      const page = await this.tb.sfn.send(
        new ListExecutionsCommand({ stateMachineArn: this.tb.output('StateMachineArn'), nextToken, maxResults: 1000 }),
      );
      for (const e of page.executions ?? []) {
        const known = this.describedArns.get(e.executionArn!);
        if (!known || known.status === 'RUNNING') arns.push(e.executionArn!);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    await Promise.all(arns.map((arn) => this.describe(arn)));
  }

  private async describe(arn: string): Promise<void> {
    const d = await this.tb.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    const orderId = parseJson(d.input ?? '')?.detail?.orderId;
    const seen: ExecutionSeen = {
      arn,
      status: d.status ?? 'UNKNOWN',
      decision: parseJson(d.output ?? '')?.decision,
      stopDate: d.stopDate?.getTime(),
    };
    const first = !this.describedArns.has(arn);
    this.describedArns.set(arn, seen);
    if (typeof orderId !== 'string') return;
    const list = this.executions.get(orderId) ?? [];
    this.executions.set(orderId, first ? [...list, seen] : list.map((x) => (x.arn === arn ? seen : x)));
  }

  private async refreshItems(orders: TrackedOrder[]): Promise<void> {
    const ids = [...new Set(orders.map((o) => o.orderId))];
    const table = this.tb.output('TableName');
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += 100) batches.push(ids.slice(i, i + 100));
    await Promise.all(
      batches.map(async (batch) => {
        let keys: Record<string, AttributeValue>[] | undefined = batch.map((id) => ({ orderId: { S: id } }));
        while (keys && keys.length > 0) {
          const res: BatchGetItemCommandOutput = await this.tb.dynamodb.send(
            new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
          );
          const now = Date.now();
          for (const item of res.Responses?.[table] ?? []) {
            const id = item.orderId?.S;
            if (id) this.items.set(id, { item, seenAt: this.items.get(id)?.seenAt ?? now });
          }
          keys = res.UnprocessedKeys?.[table]?.Keys;
        }
      }),
    );
  }
}

/**
 * When the item was written, by the service's clock where the item says (`ProcessedOrder` stamps
 * `recordedAt`), else when a poll first saw it.
 */
function itemWrittenAt(seen: { item: Record<string, AttributeValue>; seenAt: number }): number {
  const recorded = Date.parse(seen.item.recordedAt?.S ?? '');
  return Number.isFinite(recorded) ? recorded : seen.seenAt;
}

/**
 * Milliseconds from the publish request to an effect the service timestamped. A service clock a
 * little behind the client's (AWS) would make it negative: it is at least 0.
 */
const since = (o: TrackedOrder, at: number) => Math.max(0, at - o.publishedAt);

/** The item fields a person needs to see why the table route failed, not the whole item. */
const ITEM_FIELDS = ['location', 'value', 'decision', 'dispatchState', 'recordedAt'] as const;

export function describeItem(item: Record<string, AttributeValue>): string {
  const text = (v: AttributeValue | undefined) => v?.S ?? v?.N ?? (v?.BOOL !== undefined ? String(v.BOOL) : v?.NULL ? 'null' : undefined);
  const fields = ITEM_FIELDS.map((f) => `${f} ${text(item[f]) ?? 'absent'}`);
  return `item with ${fields.join(', ')}`;
}

function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Several lines a person can act on: what was expected, what was seen, where to look. */
export function describeProblems(outcomes: OrderOutcome[]): string {
  return outcomes
    .filter((o) => o.problems.length > 0)
    .map((o) => `order ${o.order.orderId} (${o.order.location}, value ${o.order.value}):\n  - ${o.problems.join('\n  - ')}`)
    .join('\n');
}
