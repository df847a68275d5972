import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import pLimit from 'p-limit';
import { deployCloudAssembly } from '../../emulator/deployer';
import { connect, type Testbed } from '../connect';
import { publishViaApi } from '../orders-api';
import { synthesize } from '../targets/synth';
import { EmulatorProcess } from './emulator-process';
import { applyFaults } from './faults';
import { observe, type Seen } from './observe';

export interface SoakOptions {
  orders: number;
  /** Orders sent per second, steadily. */
  rate: number;
  /**
   * How the emulator is stopped along the way, each followed by a start on the same folder, spread
   * evenly over the orders: `['SIGTERM', 'SIGKILL']` stops it gracefully a third of the way and
   * kills it two thirds of the way.
   */
  stops: Array<'SIGTERM' | 'SIGKILL'>;
  /** Emulated waits (retry back-off, Lambda's retries) per real millisecond. */
  timeScale: number;
  seed: number;
  /** How long the soak waits, after the last order, for every route. */
  drainTimeoutMs: number;
  log: (line: string) => void;
}

export interface SoakReport {
  orders: number;
  accepted: number;
  refused: Record<string, number>;
  /** Accepted orders missing a route they should reach. */
  lost: string[];
  /** How many lost orders miss each route. */
  lostByRoute: Record<string, number>;
  /** Orders with more than one dispatch. */
  duplicated: string[];
  /**
   * Orders dispatched twice because the hard kill stopped ProcessedOrder between its PutEvents and
   * its DynamoDB mark: the first dispatch was published before the kill and never marked, the
   * second after the start. The handler is at-least-once there by design (its claim expires and
   * a retry publishes again), as on AWS when a sandbox dies at that point.
   */
  dispatchedAgainAfterKill: string[];
  /** Extra deliveries to the log group and the API target (at least once, as AWS promises). */
  redeliveries: number;
  deadLettered: number;
  /** From the last order to the last effect. */
  drainMs: number;
  elapsedMs: number;
}

/** ProcessedOrder's timeout in the stack. */
const FUNCTION_TIMEOUT_MS = 10_000;

const LOCATIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ca-central-1', 'ap-south-1'];

/**
 * Sends orders through the producer API at a steady rate with the default faults on, stops the
 * emulator gracefully and kills it along the way, and then counts, through the services' own
 * APIs, what every accepted order reached.
 */
export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const dir = await mkdtemp(path.join(tmpdir(), 'soak-state-'));
  const emulator = await EmulatorProcess.create(dir, { TESTBED_TIME_SCALE: String(o.timeScale), TESTBED_CHAOS_SEED: String(o.seed) });
  let tb: Testbed | undefined;
  try {
    await emulator.start();
    o.log(`Emulator at ${emulator.endpoint}, state in ${dir}.`);
    const { assemblyDir } = await synthesize();
    const { outputs } = await deployCloudAssembly({ endpoint: emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, assemblyDir });
    tb = connect({ target: 'embedded', reason: 'soak', endpoint: emulator.endpoint, region: 'us-east-1', outputs });
    await applyFaults(emulator.endpoint);

    const expected = new Map<string, string>();
    const refused: Record<string, number> = {};
    const limit = pLimit(32);
    const stops = new Map(o.stops.map((signal, k) => [Math.floor(((k + 1) * o.orders) / (o.stops.length + 1)), signal]));
    const kills: number[] = [];
    let inFlight: Promise<void>[] = [];
    let t0 = Date.now();
    let sent = 0;
    for (let i = 0; i < o.orders; i++) {
      const signal = stops.get(i);
      if (signal) {
        await Promise.all(inFlight);
        inFlight = [];
        o.log(`${i} orders sent; ${signal === 'SIGTERM' ? 'stopping the emulator gracefully' : 'killing the emulator'} and starting it again on the same folder.`);
        const stopping = Date.now();
        if (signal === 'SIGKILL') kills.push(stopping);
        await emulator.stop(signal);
        const stoppedAt = Date.now();
        await emulator.start();
        o.log(`Stopped in ${((stoppedAt - stopping) / 1000).toFixed(1)} s, answering again ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s later.`);
        await applyFaults(emulator.endpoint);
        t0 = Date.now();
        sent = 0;
      }
      const due = t0 + (sent++ * 1000) / o.rate;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const location = LOCATIONS[i % LOCATIONS.length]!;
      const order = { orderId: `soak-${o.seed}-${i}`, location, category: 'books', value: 500 + (i % 1000) };
      inFlight.push(
        limit(async () => {
          try {
            const answer = await publishViaApi(tb!, order, 'GET');
            if (answer.status === 202) expected.set(order.orderId, location);
            else {
              const body = answer.body as { errorCode?: string; message?: string } | undefined;
              const cause = `${answer.status} ${body?.errorCode ?? body?.message ?? ''}`.trim();
              refused[cause] = (refused[cause] ?? 0) + 1;
            }
          } catch (err) {
            const cause = `no answer (${(err as Error).cause ?? (err as Error).message})`;
            refused[cause] = (refused[cause] ?? 0) + 1;
          }
        }),
      );
    }
    await Promise.all(inFlight);
    const lastOrderAt = Date.now();
    o.log(`${o.orders} orders sent, ${expected.size} accepted; waiting for every route.`);

    // What the retries could not deliver is in the dead-letter queue: once the emulator is quiet with
    // routes still missing, it is sent again, as an operator would.
    let deadLettered = 0;
    const redriveNow = async () => {
      const n = await redrive(tb!, outputs.DeadLetterQueueUrl!, outputs.BusName!);
      if (n > 0) o.log(`${n} dead-lettered events sent again.`);
      deadLettered += n;
      return n;
    };
    const seen = await waitForRoutes(tb, expected, lastOrderAt + o.drainTimeoutMs, redriveNow);
    deadLettered += await redrive(tb, outputs.DeadLetterQueueUrl!, outputs.BusName!, true);
    const drainMs = lastSeenAt - lastOrderAt;
    const lost = missingOf(expected, seen);
    // Two different Order Dispatched events for one order are a duplicate dispatch; the same event
    // arriving twice at the log group is a redelivery (EventBridge delivers at least once).
    const twice = [...seen.dispatch].filter(([id, events]) => expected.has(id) && events.size > 1).map(([id]) => id);
    const dispatchedAgainAfterKill = twice.filter((id) => killedBetweenPublishAndMark(seen, id, kills));
    const duplicated = twice.filter((id) => !dispatchedAgainAfterKill.includes(id));
    let redeliveries = 0;
    for (const [id, n] of [...seen.log, ...seen.api]) if (expected.has(id) && n > 1) redeliveries += n - 1;
    for (const [id, events] of seen.dispatch) for (const n of events.values()) if (expected.has(id) && n > 1) redeliveries += n - 1;
    const lostByRoute: Record<string, number> = {};
    for (const id of lost) for (const route of missingRoutes(id, expected.get(id)!, seen)) lostByRoute[route] = (lostByRoute[route] ?? 0) + 1;
    return { orders: o.orders, accepted: expected.size, refused, lost, lostByRoute, duplicated, dispatchedAgainAfterKill, redeliveries, deadLettered, drainMs: Math.max(0, drainMs), elapsedMs: Date.now() - started };
  } finally {
    tb?.destroy();
    await emulator.stop('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

let lastSeenAt = 0;

/**
 * Waits until every accepted order has every route, or the deadline. Reading every log group is
 * work for the emulator too, so it reads them once the emulator is quiet (nothing running, no
 * retry due within 10 s: `/_testbed/settled`), or every 10 s while it is not. `lastSeenAt` is when
 * the emulator went quiet before the read that found the last route. A read that finds routes
 * still missing waits 5 s before the next.
 */
async function waitForRoutes(tb: Testbed, expected: Map<string, string>, deadline: number, redriveNow: () => Promise<number>): Promise<Seen> {
  let previous = -1;
  for (;;) {
    const timeout = Math.max(0, Math.min(10_000, deadline - Date.now()));
    const res = await fetch(new URL(`/_testbed/settled?timeout=${timeout}`, tb.endpoint!)).catch(() => undefined);
    const quiet = ((await res?.json().catch(() => undefined)) as { settled?: boolean } | undefined)?.settled === true;
    const quietAt = Date.now();
    const seen = await observe(tb.logs, tb.dynamodb, tb.output('TableName'), tb.output('LogGroupName'));
    const missing = missingOf(expected, seen).length;
    if (missing !== previous) lastSeenAt = quietAt;
    previous = missing;
    if (missing === 0 || Date.now() > deadline) return seen;
    // Quiet yet incomplete: redrive the dead-letter queue; if it was empty (a retry due later than
    // 10 s), read again in 5 s, not at once.
    if (quiet && (await redriveNow()) === 0) await new Promise((resolve) => setTimeout(resolve, Math.max(0, quietAt + 5_000 - Date.now())));
  }
}

/**
 * Whether an order's two dispatches are the hard kill's: the one its item is not marked with was
 * published before a kill (event times are to the second), the marked one after it.
 */
function killedBetweenPublishAndMark(seen: Seen, id: string, kills: number[]): boolean {
  const events = [...seen.dispatch.get(id)!.keys()];
  const marked = seen.marked.get(id);
  const unmarked = events.filter((e) => e !== marked);
  if (events.length !== 2 || !marked || unmarked.length !== 1) return false;
  const before = seen.dispatchTime.get(unmarked[0]!)!;
  const after = seen.dispatchTime.get(marked)!;
  // An invocation under way at the kill began at most the function timeout (10 s) before it.
  return kills.some((kill) => before <= kill && before >= kill - FUNCTION_TIMEOUT_MS - 1000 && after >= Math.floor(kill / 1000) * 1000);
}

/** Accepted orders missing a route: log group, record, dispatch, and the API target (us-) or the workflow (eu-). */
export function missingOf(expected: Map<string, string>, seen: Seen): string[] {
  return [...expected.keys()].filter((id) => missingRoutes(id, expected.get(id)!, seen).length > 0);
}

/** The routes an accepted order should have reached and has not. */
export function missingRoutes(id: string, location: string, seen: Seen): string[] {
  const missing: string[] = [];
  if ((seen.log.get(id) ?? 0) === 0) missing.push('log group');
  if (!seen.dispatched.has(id)) missing.push('OrderDetails');
  if (!seen.dispatch.has(id)) missing.push('dispatch');
  if (location.startsWith('us-') && (seen.api.get(id) ?? 0) === 0) missing.push('API target');
  if (location.startsWith('eu-') && !seen.decided.has(id)) missing.push('Step Functions');
  return missing;
}

/** Reads the dead-letter queue and publishes each event in it again; returns how many there were. */
async function redrive(tb: Testbed, queueUrl: string, busName: string, countOnly = false): Promise<number> {
  const sqs = new SQSClient({ endpoint: tb.endpoint, region: tb.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  let count = 0;
  try {
    for (;;) {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }));
      if (!Messages || Messages.length === 0) return count;
      for (const m of Messages) {
        count++;
        const event = JSON.parse(m.Body ?? '{}') as { source?: string; 'detail-type'?: string; detail?: unknown };
        if (!countOnly && event.source && event['detail-type']) {
          await tb.events.send(new PutEventsCommand({ Entries: [{ EventBusName: busName, Source: event.source, DetailType: event['detail-type'], Detail: JSON.stringify(event.detail) }] }));
        }
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }));
      }
    }
  } finally {
    sqs.destroy();
  }
}

export function formatReport(r: SoakReport): string {
  const refused = Object.entries(r.refused).map(([cause, n]) => `${cause}: ${n}`).join(', ') || 'none';
  return [
    `orders:        ${r.orders}`,
    `accepted:      ${r.accepted}`,
    `refused:       ${Object.values(r.refused).reduce((a, b) => a + b, 0)} (${refused})`,
    `lost:          ${r.lost.length}${r.lost.length ? ` (missing: ${Object.entries(r.lostByRoute).map(([k, v]) => `${k} ${v}`).join(', ')}; e.g. ${r.lost.slice(0, 5).join(', ')})` : ''}`,
    `duplicated:    ${r.duplicated.length}${r.duplicated.length ? ` (${r.duplicated.slice(0, 10).join(', ')})` : ''}`,
    `dispatched again after the hard kill (ProcessedOrder killed between its publish and its mark): ${r.dispatchedAgainAfterKill.length}${r.dispatchedAgainAfterKill.length ? ` (${r.dispatchedAgainAfterKill.slice(0, 10).join(', ')})` : ''}`,
    `at-least-once redeliveries (log group, API target): ${r.redeliveries}`,
    `dead-lettered: ${r.deadLettered}`,
    `drain:         ${(r.drainMs / 1000).toFixed(1)} s after the last order`,
    `total time:    ${(r.elapsedMs / 1000).toFixed(1)} s`,
  ].join('\n');
}
