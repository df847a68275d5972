import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutEventsCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { readEventCounts } from '../../emulator/events/testing';
import { LOG_GROUP, RULES, setUpOrdersBus, startEmulatorProcess, startMoto } from './servers';

/**
 * PutEvents calls per second through the AWS SDK against the embedded emulator, with the four
 * rules of the Orders bus, (a) with no targets and (b) with the log-group target of
 * OrdertoCloudWatch (the emulator's figure runs until every event is in the log group); then the
 * same workload against moto_server, the peer most users reach for without Docker, and the
 * ratios. Both servers run in a process of their own (as `npm run emulator` and `moto_server`
 * do); the SDK callers run in worker threads of this process, the same for both servers.
 *
 * Two shapes of load: one caller (call after call: the per-call latency the issue quotes for moto,
 * about 6 ms) and eight callers in two worker threads (what a busy test suite does). On this
 * 2-core machine the SDK client costs about three times the emulator's CPU per call, so the
 * eight-caller figure is bounded by the client, not by the emulator.
 */

const SECONDS = 3;
/** Each figure is the best of this many rounds: other work on the machine only ever slows a round. */
const ROUNDS = 3;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

interface Shape {
  label: string;
  workers: number;
  callersPerWorker: number;
}

const SHAPES: Shape[] = [
  { label: '1 caller', workers: 1, callersPerWorker: 1 },
  { label: '8 callers', workers: 2, callersPerWorker: 4 },
];

const LOCATIONS = ['us-east', 'eu-west', 'ap-south'];

interface Figure {
  calls: number;
  seconds: number;
  perSecond: number;
}

function clients(endpoint: string) {
  const config = { endpoint, region: 'us-east-1', credentials };
  return { events: new EventBridgeClient(config), logs: new CloudWatchLogsClient(config) };
}

async function addLogTarget(events: EventBridgeClient, accountId: string): Promise<void> {
  await events.send(
    new PutTargetsCommand({ Rule: 'OrdertoCloudWatch', EventBusName: 'Orders', Targets: [{ Id: 'logs', Arn: `arn:aws:logs:us-east-1:${accountId}:log-group:${LOG_GROUP}` }] }),
  );
}

let sequence = 0;
function orderEntry() {
  sequence += 1;
  return {
    EventBusName: 'Orders',
    Source: 'com.aws.orders',
    DetailType: 'Order Notification',
    Detail: JSON.stringify({ orderId: `o-${sequence}`, category: 'books', value: (sequence % 500) + 0.5, location: LOCATIONS[sequence % 3], createdAt: new Date().toISOString() }),
  };
}

interface LoadOrder {
  role: 'put-events-load';
  endpoint: string;
  callers: number;
}

/**
 * In a worker: one SDK client and `callers` callers. The worker says `ready` once loaded, then
 * calls PutEvents (one entry a call) until the deadline the `go` message gives, and answers how
 * many calls it made.
 */
async function callerLoop({ endpoint, callers }: LoadOrder): Promise<void> {
  const { events } = clients(endpoint);
  await events.send(new PutEventsCommand({ Entries: [orderEntry()] }));
  parentPort!.postMessage('ready');
  const until = await new Promise<number>((resolve) => parentPort!.once('message', resolve));
  let calls = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (Date.now() < until) {
        const out = await events.send(new PutEventsCommand({ Entries: [orderEntry()] }));
        if (out.FailedEntryCount) throw new Error(`PutEvents failed an entry: ${JSON.stringify(out.Entries)}`);
        calls++;
      }
    }),
  );
  events.destroy();
  parentPort!.postMessage(calls);
}

if (!isMainThread && (workerData as LoadOrder | undefined)?.role === 'put-events-load') {
  void callerLoop(workerData as LoadOrder);
}

// A worker loads this TypeScript module through tsx's API, as the runner loads it.
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`;

/** One-entry PutEvents calls for about `seconds`, counted from when every worker is loaded. */
async function load(endpoint: string, shape: Shape, seconds: number, beforeStart?: () => Promise<void>): Promise<Figure> {
  const order: LoadOrder = { role: 'put-events-load', endpoint, callers: shape.callersPerWorker };
  const workers = Array.from({ length: shape.workers }, () => new Worker(WORKER_BOOT, { eval: true, workerData: order }));
  const next = (w: Worker) =>
    new Promise<unknown>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  try {
    await Promise.all(workers.map(next));
    await beforeStart?.();
    const started = performance.now();
    const until = Date.now() + seconds * 1000;
    const counts = workers.map(next) as Promise<number>[];
    for (const w of workers) w.postMessage(until);
    const calls = (await Promise.all(counts)).reduce((a, b) => a + b, 0);
    const elapsed = (performance.now() - started) / 1000;
    return { calls, seconds: elapsed, perSecond: calls / elapsed };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function best(round: () => Promise<Figure>): Promise<Figure> {
  let top: Figure | undefined;
  for (let i = 0; i < ROUNDS; i++) {
    const f = await round();
    if (!top || f.perSecond > top.perSecond) top = f;
  }
  return top!;
}

/** A second of unmeasured load, so neither server is measured while it warms up. */
async function warmUp(endpoint: string): Promise<void> {
  await load(endpoint, SHAPES[SHAPES.length - 1]!, 1);
}

interface Results {
  bare: Figure[];
  logs: Figure[];
  /** Events in the log group: counted by the emulator's record, or read back from moto. */
  delivered: number;
}

async function measureEmulator(): Promise<Results | string> {
  const started = await startEmulatorProcess();
  if (typeof started === 'string') return started;
  const { endpoint } = started;
  const { events, logs } = clients(endpoint);
  try {
    await setUpOrdersBus(events, logs);
    await warmUp(endpoint);
    const bare: Figure[] = [];
    for (const shape of SHAPES) bare.push(await best(() => load(endpoint, shape, SECONDS)));

    await addLogTarget(events, '000000000000');
    let delivered = 0;
    const withLogs: Figure[] = [];
    for (const shape of SHAPES) {
      withLogs.push(
        await best(async () => {
          let before = 0;
          const f = await load(endpoint, shape, SECONDS, async () => {
            before = (await readEventCounts(endpoint))['delivery.succeeded'] ?? 0;
          });
          const loadEnded = performance.now();
          // The figure runs until the last event has reached the log group.
          const deadline = Date.now() + 60_000;
          let done = 0;
          for (;;) {
            done = ((await readEventCounts(endpoint))['delivery.succeeded'] ?? 0) - before;
            if (done >= f.calls || Date.now() > deadline) break;
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          if (done < f.calls) throw new Error(`only ${done} of ${f.calls} events reached the log group within 60 s`);
          delivered += done;
          const seconds = f.seconds + (performance.now() - loadEnded) / 1000;
          return { calls: f.calls, seconds, perSecond: f.calls / seconds };
        }),
      );
    }
    return { bare, logs: withLogs, delivered };
  } finally {
    events.destroy();
    logs.destroy();
    started.child.kill('SIGTERM');
  }
}

async function measureMoto(): Promise<(Results & { version: string }) | string> {
  const started = await startMoto();
  if (typeof started === 'string') return started;
  const { child, endpoint } = started;
  const { events, logs } = clients(endpoint);
  try {
    const version = ((await fetch(`${endpoint}/moto-api/`).catch(() => undefined))?.headers.get('server') ?? '').trim();
    await setUpOrdersBus(events, logs);
    await warmUp(endpoint);
    const bare: Figure[] = [];
    for (const shape of SHAPES) bare.push(await best(() => load(endpoint, shape, SECONDS)));
    await addLogTarget(events, '123456789012');
    // moto delivers inside PutEvents: a call returns once its event is in the log group.
    const withLogs: Figure[] = [];
    for (const shape of SHAPES) withLogs.push(await best(() => load(endpoint, shape, SECONDS)));
    let delivered = 0;
    let nextToken: string | undefined;
    do {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: LOG_GROUP, nextToken }));
      delivered += page.events?.length ?? 0;
      nextToken = page.nextToken;
    } while (nextToken);
    return { bare, logs: withLogs, delivered, version };
  } finally {
    events.destroy();
    logs.destroy();
    child.kill('SIGTERM');
  }
}

const rate = (f: Figure) => `${f.perSecond.toFixed(0).padStart(6)} calls/s (${f.calls} calls in ${f.seconds.toFixed(2)} s)`;

export async function run(): Promise<void> {
  console.log(`PutEvents, one entry per call, through @aws-sdk/client-eventbridge; best of ${ROUNDS} rounds of about ${SECONDS} s;`);
  console.log(`the Orders bus with its four rules (${Object.keys(RULES).join(', ')}).`);
  const emulator = await measureEmulator();
  if (typeof emulator === 'string') throw new Error(emulator);
  SHAPES.forEach((shape, i) => {
    console.log(`  emulator, ${shape.label}, no targets:          ${rate(emulator.bare[i]!)}`);
    console.log(`  emulator, ${shape.label}, log-group target:    ${rate(emulator.logs[i]!)}`);
  });
  console.log(`  (${emulator.delivered} events delivered to ${LOG_GROUP} in the log-group rounds, every one counted before its round ended)`);

  const moto = await measureMoto();
  if (typeof moto === 'string') {
    console.log(`  moto_server: skipped: ${moto}.`);
    return;
  }
  console.log(`  moto_server${moto.version ? ` (${moto.version})` : ''}:`);
  SHAPES.forEach((shape, i) => {
    console.log(`  moto, ${shape.label}, no targets:              ${rate(moto.bare[i]!)}`);
    console.log(`  moto, ${shape.label}, log-group target:        ${rate(moto.logs[i]!)}`);
  });
  console.log(`  (${moto.delivered} log events in ${LOG_GROUP} after the log-group rounds)`);
  SHAPES.forEach((shape, i) => {
    const bare = emulator.bare[i]!.perSecond / moto.bare[i]!.perSecond;
    const logs = emulator.logs[i]!.perSecond / moto.logs[i]!.perSecond;
    console.log(`  ratio, ${shape.label}: no targets ${bare.toFixed(1)}x (aim: at least 10x), log-group target ${logs.toFixed(1)}x (aim: over 100x)`);
  });
}
