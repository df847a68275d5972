import { InvokeCommand } from '@aws-sdk/client-lambda';
import { internalContext } from '../../emulator/core/request-context';
import { createNodeFunction, lambdaClient } from '../../emulator/lambda/testing';
import { startEmulator } from '../../emulator/server';

/**
 * Lambda runtime figures: warm invocation latency (p50, p99) and invocations per second through
 * the SDK over HTTP and in-process (`hub.lambda.invoke`, as EventBridge, API Gateway and Step
 * Functions call it), and the cold start of a new execution environment (worker start and handler
 * load), for a bare handler and for one that imports an AWS SDK client at module scope.
 * The handler echoes a small order event. Each warm figure runs for about a second.
 */

const SECONDS_PER_FIGURE = 1;
const COLD_STARTS = 12;
const EVENT = Buffer.from(JSON.stringify({ orderId: 'o-1', category: 'books', value: 42, location: 'eu-west-1' }));
const ECHO = { 'index.js': 'exports.handler = async (event) => ({ ok: true, orderId: event.orderId });' };
const WITH_SDK = {
  'index.js': 'const { EventBridgeClient } = require("@aws-sdk/client-eventbridge"); const client = new EventBridgeClient({});\nexports.handler = async (event) => ({ ok: true, orderId: event.orderId });',
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `once` back to back for about a second in `lanes` parallel loops; latencies in ms. */
async function measure(once: () => Promise<unknown>, lanes = 1): Promise<{ p50: number; p99: number; perSecond: number; n: number }> {
  for (let i = 0; i < 200; i++) await once();
  const latencies: number[] = [];
  const end = performance.now() + SECONDS_PER_FIGURE * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await once();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: latencies.length / elapsed, n: latencies.length };
}

const fmt = (r: { p50: number; p99: number; perSecond: number; n: number }) =>
  `p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  ${Math.round(r.perSecond).toLocaleString('en-US')} invocations/s  (n=${r.n})`;

export async function run(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  const lambda = lambdaClient(emulator.endpoint);
  try {
    await createNodeFunction(lambda, 'bench-echo', ECHO);
    const viaSdk = () => lambda.send(new InvokeCommand({ FunctionName: 'bench-echo', Payload: EVENT }));
    const ctx = internalContext();
    const inProcess = () => emulator.hub.lambda.invoke(ctx, 'bench-echo', EVENT, 'RequestResponse');

    console.log(`warm invoke, SDK over HTTP, 1 caller:      ${fmt(await measure(viaSdk))}`);
    console.log(`warm invoke, SDK over HTTP, 4 callers:     ${fmt(await measure(viaSdk, 4))}`);
    console.log(`warm invoke, in-process, 1 caller:         ${fmt(await measure(inProcess))}`);
    console.log(`warm invoke, in-process, 4 callers:        ${fmt(await measure(inProcess, 4))}`);

    for (const [label, files] of [['bare handler', ECHO], ['handler importing an SDK client', WITH_SDK]] as const) {
      const cold: number[] = [];
      for (let i = 0; i < COLD_STARTS; i++) {
        const name = `bench-cold-${label.length}-${i}`;
        await createNodeFunction(lambda, name, files);
        const t = performance.now();
        const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: EVENT }));
        cold.push(performance.now() - t);
        if (out.FunctionError) throw new Error(`cold start of ${name} failed: ${Buffer.from(out.Payload!).toString()}`);
      }
      cold.sort((a, b) => a - b);
      console.log(`cold start (${label}), first invoke via SDK: p50 ${percentile(cold, 50).toFixed(1)} ms  max ${cold[cold.length - 1]!.toFixed(1)} ms  (n=${COLD_STARTS})`);
    }
  } finally {
    lambda.destroy();
    await emulator.stop();
  }
}
