import autocannon from 'autocannon';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SummaryLine } from './index';
import { setUpOrdersBus, startEmulatorProcess, startMoto } from './servers';

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
 */
const SECONDS = 5;
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
  /** Keep-alive connections, with latencies (the emulator only: moto closes every connection). */
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

async function measure(endpoint: string, seconds: number, keepAlive: boolean): Promise<Capacity> {
  await prepare(endpoint);
  // One unmeasured second, so neither server is measured while it warms up.
  await perConnection(endpoint, 1);
  const capacity: Capacity = await perConnection(endpoint, seconds);
  if (keepAlive) {
    const result = await autocannon({ url: endpoint, connections: CONNECTIONS, duration: seconds, ...REQUEST });
    capacity.keepAlive = { perSecond: result.requests.total / (result.duration || seconds), p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
  }
  return capacity;
}

/** Both servers, one after the other, in this run; `moto` is a sentence when moto_server cannot run. */
export async function putEventsCapacity(seconds = SECONDS): Promise<{ emulator: Capacity; moto: Capacity | string }> {
  const emulatorServer = await startEmulatorProcess();
  if (typeof emulatorServer === 'string') throw new Error(emulatorServer);
  let emulator: Capacity;
  try {
    emulator = await measure(emulatorServer.endpoint, seconds, true);
  } finally {
    emulatorServer.child.kill('SIGTERM');
  }
  const motoServer = await startMoto();
  if (typeof motoServer === 'string') return { emulator, moto: motoServer };
  try {
    return { emulator, moto: await measure(motoServer.endpoint, seconds, false) };
  } finally {
    motoServer.child.kill('SIGTERM');
  }
}

const line = (c: Capacity) => `${c.perSecond.toFixed(0).padStart(6)} requests/s with a new connection each (${c.requests} in ${SECONDS} s)`;

export async function run(): Promise<SummaryLine[]> {
  console.log(`PutEvents server capacity: autocannon, one fixed one-entry request, ${CONNECTIONS} connections, ${SECONDS} s each; Orders bus, four rules, no targets.`);
  const { emulator, moto } = await putEventsCapacity();
  console.log(`  emulator:    ${line(emulator)}`);
  const k = emulator.keepAlive!;
  console.log(`               ${k.perSecond.toFixed(0).padStart(6)} requests/s over keep-alive connections (latency p50 ${k.p50Ms} ms, p99 ${k.p99Ms} ms${k.non2xx || k.errors ? `; ${k.non2xx} non-2xx, ${k.errors} errors` : ''})`);
  if (typeof moto === 'string') {
    console.log(`  moto_server: skipped: ${moto}.`);
    return [{ label: 'PutEvents server capacity vs moto', value: `moto_server skipped: ${moto}` }];
  }
  console.log(`  moto_server: ${line(moto)}`);
  const ratio = emulator.perSecond / moto.perSecond;
  const bestModes = k.perSecond / moto.perSecond;
  console.log(`  ratio: ${ratio.toFixed(1)}x moto with the same client settings; ${bestModes.toFixed(1)}x with each server's own connection handling (keep-alive against moto's close)`);
  return [
    {
      label: 'PutEvents server capacity vs moto (autocannon)',
      value: `${ratio.toFixed(1)}x, new connection per request (${emulator.perSecond.toFixed(0)}/s vs ${moto.perSecond.toFixed(0)}/s); ${bestModes.toFixed(1)}x with keep-alive (${k.perSecond.toFixed(0)}/s)`,
      aim: 'at least 20x',
    },
  ];
}
