import autocannon from 'autocannon';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SummaryLine } from './index';
import { fileURLToPath } from 'node:url';
import { freePort, setUpOrdersBus, startEmulatorProcess, startMoto, startServer } from './servers';

/**
 * PutEvents server capacity: how many one-entry PutEvents requests a second each server answers,
 * measured with autocannon (a load generator that costs little per request) sending one fixed,
 * pre-built request from 10 connections, against the emulator (`npm run emulator`, its own
 * process) and against moto_server in the same run, on the Orders bus with its four rules and no
 * targets. The request carries a SigV4-shaped Authorization header (region and access key are read
 * from it; neither server checks signatures), as an SDK call would.
 *
 * moto_server (Werkzeug) closes the connection after every answer, which autocannon's keep-alive
 * client cannot follow; so the compared figure opens a new connection for every request, for both
 * servers alike (autocannon's `reconnectRate: 1`, which records no latencies: requests are counted
 * as they are sent, less those still in flight at the end). The emulator's keep-alive figure, what
 * SDK clients get from it, is printed beside it.
 *
 * A third server bounds both figures: bare `node:http` answering a fixed body
 * (put-events-ceiling-server.ts), measured the same way. On a 2-core machine the load generator
 * shares the cores with the server, and opening a TCP connection costs more than answering a
 * small request, so the new-connection figure of any Node server stays near that ceiling.
 *
 * All three servers run at once and are measured in turn, round after round; each figure is the
 * best of its rounds, since other work on the machine only ever slows a round.
 */
const SECONDS = 5;
const ROUNDS = 2;
const CONNECTIONS = 10;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

const REQUEST = {
  method: 'POST' as const,
  path: '/',
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'AWSEvents.PutEvents',
    authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/events/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000',
    'x-amz-date': '20260101T000000Z',
  },
  body: JSON.stringify({
    Entries: [
      {
        EventBusName: 'Orders',
        Source: 'com.aws.orders',
        DetailType: 'Order Notification',
        Detail: JSON.stringify({ orderId: 'bench-1', category: 'books', value: 42.5, location: 'eu-west-1', createdAt: '2026-01-01T00:00:00.000Z' }),
      },
    ],
  }),
};

export interface Capacity {
  /** A new connection per request, the same for both servers. */
  perSecond: number;
  requests: number;
  /** Keep-alive connections, with latencies (not for moto, which closes every connection). */
  keepAlive?: { perSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };
}

/** The bus, its rules, and one request checked by hand: the load below only counts answers. */
async function prepare(endpoint: string): Promise<void> {
  const events = new EventBridgeClient({ endpoint, region: 'us-east-1', credentials });
  const logs = new CloudWatchLogsClient({ endpoint, region: 'us-east-1', credentials });
  try {
    await setUpOrdersBus(events, logs);
  } finally {
    events.destroy();
    logs.destroy();
  }
  const answer = await fetch(endpoint, { method: 'POST', headers: REQUEST.headers, body: REQUEST.body });
  const body = (await answer.json()) as { FailedEntryCount?: number };
  if (answer.status !== 200 || body.FailedEntryCount !== 0) throw new Error(`${endpoint} answered the benchmark's PutEvents with ${answer.status} ${JSON.stringify(body)}`);
}

/** Requests per second with a new connection for each. */
async function perConnection(endpoint: string, seconds: number): Promise<{ perSecond: number; requests: number }> {
  let sent = 0;
  const result = await autocannon({
    url: endpoint,
    connections: CONNECTIONS,
    duration: seconds,
    reconnectRate: 1,
    // The typings list only 'response' and a few more; the client emits 'request' for each request it writes.
    setupClient: (client) => (client as unknown as NodeJS.EventEmitter).on('request', () => sent++),
    ...REQUEST,
  });
  const requests = Math.max(0, sent - CONNECTIONS);
  return { perSecond: requests / (result.duration || seconds), requests };
}

type Started = { child: import('node:child_process').ChildProcess; endpoint: string };

/** One round against one server: a warm-up second, then the new-connection figure, then keep-alive if asked. */
async function measure(endpoint: string, seconds: number, keepAlive: boolean): Promise<Capacity> {
  // One unmeasured second, so no server is measured while it warms up.
  await perConnection(endpoint, 1);
  const capacity: Capacity = await perConnection(endpoint, seconds);
  if (keepAlive) {
    const result = await autocannon({ url: endpoint, connections: CONNECTIONS, duration: seconds, ...REQUEST });
    capacity.keepAlive = { perSecond: result.requests.total / (result.duration || seconds), p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
  }
  return capacity;
}

/** The better of two rounds, each figure on its own (the keep-alive figure with its own latencies). */
function best(a: Capacity | undefined, b: Capacity): Capacity {
  if (!a) return b;
  const pick = a.perSecond >= b.perSecond ? a : b;
  const keepAlive = !a.keepAlive || (b.keepAlive && b.keepAlive.perSecond > a.keepAlive.perSecond) ? b.keepAlive : a.keepAlive;
  return { perSecond: pick.perSecond, requests: pick.requests, ...(keepAlive ? { keepAlive } : {}) };
}

/** A bare node:http server answering a fixed PutEvents result, in its own process. */
async function startCeiling(): Promise<Started | string> {
  const port = await freePort();
  const script = fileURLToPath(new URL('./put-events-ceiling-server.ts', import.meta.url));
  return startServer(process.execPath, ['--import', 'tsx', script, String(port)], port, '/');
}

export interface CapacityRun {
  emulator: Capacity;
  /** A sentence when moto_server cannot run. */
  moto: Capacity | string;
  /** Bare node:http answering a fixed body: the bound for any Node server here. */
  ceiling: Capacity;
}

/** The three servers, all started first, then measured in turn for `rounds` rounds. */
export async function putEventsCapacity(seconds = SECONDS, rounds = ROUNDS): Promise<CapacityRun> {
  const started: Started[] = [];
  const start = async (server: Promise<Started | string>, required: boolean): Promise<Started | string> => {
    const s = await server;
    if (typeof s === 'string') {
      if (required) throw new Error(s);
      return s;
    }
    started.push(s);
    return s;
  };
  try {
    const emulatorServer = (await start(startEmulatorProcess(), true)) as Started;
    const ceilingServer = (await start(startCeiling(), true)) as Started;
    const motoServer = await start(startMoto(), false);
    await prepare(emulatorServer.endpoint);
    if (typeof motoServer !== 'string') await prepare(motoServer.endpoint);
    let emulator: Capacity | undefined;
    let moto: Capacity | undefined;
    let ceiling: Capacity | undefined;
    for (let round = 0; round < rounds; round++) {
      emulator = best(emulator, await measure(emulatorServer.endpoint, seconds, true));
      if (typeof motoServer !== 'string') moto = best(moto, await measure(motoServer.endpoint, seconds, false));
      ceiling = best(ceiling, await measure(ceilingServer.endpoint, seconds, true));
    }
    return { emulator: emulator!, moto: typeof motoServer === 'string' ? motoServer : moto!, ceiling: ceiling! };
  } finally {
    for (const s of started) s.child.kill('SIGTERM');
  }
}

const line = (c: Capacity) => `${c.perSecond.toFixed(0).padStart(6)} requests/s with a new connection each (${c.requests} in ${SECONDS} s)`;
const keepAliveLine = (k: NonNullable<Capacity['keepAlive']>) =>
  `${k.perSecond.toFixed(0).padStart(6)} requests/s over keep-alive connections (latency p50 ${k.p50Ms} ms, p99 ${k.p99Ms} ms${k.non2xx || k.errors ? `; ${k.non2xx} non-2xx, ${k.errors} errors` : ''})`;

export async function run(): Promise<SummaryLine[]> {
  console.log(`PutEvents server capacity: autocannon, one fixed one-entry request, ${CONNECTIONS} connections, ${SECONDS} s each, best of ${ROUNDS} rounds; Orders bus, four rules, no targets.`);
  const { emulator, moto, ceiling } = await putEventsCapacity();
  const k = emulator.keepAlive!;
  const ck = ceiling.keepAlive!;
  console.log(`  emulator:    ${line(emulator)}`);
  console.log(`               ${keepAliveLine(k)}`);
  console.log(`  node:http answering a fixed body (the ceiling for a Node server here):`);
  console.log(`               ${line(ceiling)}`);
  console.log(`               ${keepAliveLine(ck)}`);
  const ofCeiling = `the emulator reaches ${((100 * emulator.perSecond) / ceiling.perSecond).toFixed(0)}% of the ceiling with a new connection each, ${((100 * k.perSecond) / ck.perSecond).toFixed(0)}% over keep-alive`;
  if (typeof moto === 'string') {
    console.log(`  moto_server: skipped: ${moto}.`);
    console.log(`  ${ofCeiling}`);
    return [{ label: 'PutEvents server capacity vs moto', value: `moto_server skipped: ${moto}` }];
  }
  console.log(`  moto_server: ${line(moto)}`);
  const ratio = emulator.perSecond / moto.perSecond;
  const bestModes = k.perSecond / moto.perSecond;
  const ceilingRatio = ceiling.perSecond / moto.perSecond;
  console.log(`  ratio: ${ratio.toFixed(1)}x moto with the same client settings; ${bestModes.toFixed(1)}x with each server's own connection handling (keep-alive against moto's close)`);
  console.log(`  the ceiling is ${ceilingRatio.toFixed(1)}x moto with a new connection each; ${ofCeiling}`);
  return [
    {
      label: 'PutEvents server capacity vs moto (autocannon)',
      value: `${ratio.toFixed(1)}x, new connection per request (${emulator.perSecond.toFixed(0)}/s vs ${moto.perSecond.toFixed(0)}/s; bare node:http ${ceiling.perSecond.toFixed(0)}/s, ${ceilingRatio.toFixed(1)}x); ${bestModes.toFixed(1)}x with keep-alive (${k.perSecond.toFixed(0)}/s; bare node:http ${ck.perSecond.toFixed(0)}/s)`,
      aim: 'at least 20x',
    },
  ];
}
