import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { CloudWatchLogsClient, CreateLogGroupCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateEventBusCommand, EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readEventCounts } from '../../emulator/events/testing';

/**
 * PutEvents calls per second through the AWS SDK against the embedded emulator, with the four
 * rules of the Orders bus, (a) with no targets and (b) with the log-group target of
 * OrdertoCloudWatch (the figure counts until every event is in the log group); then the same
 * workload against moto_server, the peer most users reach for without Docker, and the ratios.
 * Both servers run in a process of their own (as `npm run emulator` and `moto_server` do). The
 * SDK client costs more CPU per call than the emulator does, so the callers run in worker
 * threads of this process (the same workers for both servers), one per core.
 */

const SECONDS = 3;
const WORKERS = 2;
const CALLERS_PER_WORKER = 4;
const LOG_GROUP = '/aws/events/orders';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

const RULES: Record<string, object> = {
  OrdertoCloudWatch: { source: [{ prefix: 'com.aws.order' }] },
  USOrdertoAPI: { source: ['com.aws.orders'], 'detail-type': ['Order Notification'], detail: { location: [{ prefix: 'us-' }] } },
  EUOrdertoStepFunctions: { source: ['com.aws.orders'], 'detail-type': ['Order Notification'], detail: { location: [{ prefix: 'eu-' }] } },
  ProcessedOrderstoLambda: { source: ['com.aws.orders'], 'detail-type': ['Order Notification'] },
};
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

async function setUpOrdersBus(events: EventBridgeClient, logs: CloudWatchLogsClient): Promise<void> {
  await events.send(new CreateEventBusCommand({ Name: 'Orders' }));
  for (const [name, pattern] of Object.entries(RULES)) {
    await events.send(new PutRuleCommand({ Name: name, EventBusName: 'Orders', EventPattern: JSON.stringify(pattern) }));
  }
  await logs.send(new CreateLogGroupCommand({ logGroupName: LOG_GROUP }));
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
}

/**
 * In a worker: one SDK client and CALLERS_PER_WORKER callers. The worker says `ready` once
 * loaded, then calls PutEvents (one entry a call) from the `go` message until its deadline and
 * answers how many calls it made.
 */
async function callerLoop({ endpoint }: LoadOrder): Promise<void> {
  const { events } = clients(endpoint);
  await events.send(new PutEventsCommand({ Entries: [orderEntry()] }));
  parentPort!.postMessage('ready');
  const until = await new Promise<number>((resolve) => parentPort!.once('message', resolve));
  let calls = 0;
  await Promise.all(
    Array.from({ length: CALLERS_PER_WORKER }, async () => {
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

/** One-entry PutEvents calls from every worker's callers for about `seconds`, counted once all are loaded. */
async function load(endpoint: string, seconds: number, beforeStart?: () => Promise<void>): Promise<{ calls: number; started: number }> {
  const order: LoadOrder = { role: 'put-events-load', endpoint };
  const workers = Array.from({ length: WORKERS }, () => new Worker(WORKER_BOOT, { eval: true, workerData: order }));
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
    return { calls, started };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function figure(calls: number, started: number): Figure {
  const seconds = (performance.now() - started) / 1000;
  return { calls, seconds, perSecond: calls / seconds };
}

/** A second of unmeasured load, so neither server is measured while it warms up. */
async function warmUp(endpoint: string): Promise<void> {
  await load(endpoint, 1);
}

async function measureEmulator(): Promise<{ bare: Figure; logs: Figure; delivered: number } | string> {
  const port = await freePort();
  const cli = fileURLToPath(new URL('../../emulator/cli.ts', import.meta.url));
  const started = await startServer(process.execPath, ['--import', 'tsx', cli, '--port', String(port)], port, '/_localstack/health');
  if (typeof started === 'string') return started;
  const emulator = { endpoint: started.endpoint };
  const { events, logs } = clients(emulator.endpoint);
  try {
    await setUpOrdersBus(events, logs);
    await warmUp(started.endpoint);
    const a = await load(started.endpoint, SECONDS);
    const bare = figure(a.calls, a.started);

    await addLogTarget(events, '000000000000');
    let before = 0;
    const b = await load(started.endpoint, SECONDS, async () => {
      before = (await readEventCounts(emulator.endpoint))['delivery.succeeded'] ?? 0;
    });
    // The figure includes the time until the last event has reached the log group.
    const deadline = Date.now() + 60_000;
    let delivered = 0;
    for (;;) {
      delivered = ((await readEventCounts(emulator.endpoint))['delivery.succeeded'] ?? 0) - before;
      if (delivered >= b.calls || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (delivered < b.calls) throw new Error(`only ${delivered} of ${b.calls} events reached the log group within 60 s`);
    return { bare, logs: figure(b.calls, b.started), delivered };
  } finally {
    events.destroy();
    logs.destroy();
    started.child.kill('SIGTERM');
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a server process on `port` and waits until `readyPath` answers. */
async function startServer(command: string, args: string[], port: number, readyPath: string): Promise<{ child: ChildProcess; endpoint: string } | string> {
  const child = spawn(command, args, { stdio: 'ignore' });
  const failed = new Promise<string>((resolve) => {
    child.once('error', (err) => resolve(`${command} could not be started (${err.message})`));
    child.once('exit', (code) => resolve(`${command} exited with code ${code} before it answered`));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        await fetch(`${endpoint}${readyPath}`);
        return undefined;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return `${command} did not answer within 30 s`;
  })();
  const problem = await Promise.race([failed, ready]);
  if (problem) {
    child.kill();
    return problem;
  }
  return { child, endpoint };
}

async function measureMoto(): Promise<{ bare: Figure; logs: Figure; delivered: number; version: string } | string> {
  const port = await freePort();
  const started = await startServer('moto_server', ['-H', '127.0.0.1', '-p', String(port)], port, '/moto-api/');
  if (typeof started === 'string') return started;
  const { child, endpoint } = started;
  const { events, logs } = clients(endpoint);
  try {
    const version = ((await (await fetch(`${endpoint}/moto-api/data.json`).catch(() => undefined))?.headers.get('server')) ?? '').trim();
    await setUpOrdersBus(events, logs);
    await warmUp(started.endpoint);
    const a = await load(started.endpoint, SECONDS);
    const bare = figure(a.calls, a.started);
    await addLogTarget(events, '123456789012');
    const b = await load(started.endpoint, SECONDS);
    const withLogs = figure(b.calls, b.started);
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

const rate = (f: Figure) => `${f.perSecond.toFixed(0).padStart(7)} calls/s (${f.calls} calls in ${f.seconds.toFixed(2)} s)`;

export async function run(): Promise<void> {
  console.log(`PutEvents, one entry per call, through @aws-sdk/client-eventbridge, ${WORKERS * CALLERS_PER_WORKER} callers in ${WORKERS} worker threads, about ${SECONDS} s per figure;`);
  console.log(`the Orders bus with its four rules (${Object.keys(RULES).join(', ')}).`);
  const emulator = await measureEmulator();
  if (typeof emulator === 'string') throw new Error(emulator);
  console.log(`  emulator, no targets:                 ${rate(emulator.bare)}`);
  console.log(`  emulator, log-group target:           ${rate(emulator.logs)}, ${emulator.delivered} events delivered to ${LOG_GROUP}`);

  const moto = await measureMoto();
  if (typeof moto === 'string') {
    console.log(`  moto_server: skipped: ${moto}.`);
    return;
  }
  console.log(`  moto_server${moto.version ? ` (${moto.version})` : ''}, no targets:      ${rate(moto.bare)}`);
  console.log(`  moto_server, log-group target:        ${rate(moto.logs)}, ${moto.delivered} log events in ${LOG_GROUP}`);
  console.log(`  ratio, no targets:        ${(emulator.bare.perSecond / moto.bare.perSecond).toFixed(1)}x (aim: at least 10x)`);
  console.log(`  ratio, log-group target:  ${(emulator.logs.perSecond / moto.logs.perSecond).toFixed(1)}x (aim: over 100x)`);
}
