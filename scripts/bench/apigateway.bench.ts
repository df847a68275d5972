import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { createLambdaProxyApi } from '../../emulator/apigateway/testing';
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import AdmZip from 'adm-zip';
import { Agent, request } from 'node:http';
import { startEmulator } from '../../emulator/server';

const HANDLER = `export const handler = async (event) => ({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ok: true, path: event.path }) });`;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One POST over a keep-alive connection; resolves with the status once the body is read. */
function post(agent: Agent, port: number, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * API request to Lambda proxy round trip over HTTP: `POST /orders` on a deployed stage whose
 * AWS_PROXY integration runs a warm Node.js function. Latency p50/p99 one request at a time, then
 * requests per second with 16 in flight.
 */
export async function run(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  const apigw = new APIGatewayClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials });
  const lambda = new LambdaClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials });
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const zip = new AdmZip();
    zip.addFile('index.mjs', Buffer.from(HANDLER));
    const fn = await lambda.send(
      new CreateFunctionCommand({ FunctionName: 'BenchProxy', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/bench', Code: { ZipFile: zip.toBuffer() } }),
    );
    const deadline = Date.now() + 30_000;
    while ((await lambda.send(new GetFunctionCommand({ FunctionName: 'BenchProxy' }))).Configuration?.State === 'Pending') {
      if (Date.now() > deadline) throw new Error('BenchProxy never became Active');
      await new Promise((r) => setTimeout(r, 20));
    }
    const apiId = await createLambdaProxyApi(apigw, { name: 'bench', functionArn: fn.FunctionArn! });
    const path = `/_aws/execute-api/${apiId}/dev/orders?location=us-east`;
    const body = JSON.stringify({ category: 'bench', value: 42, location: 'us-east' });

    // Warm-up: the first requests start the execution environments.
    for (let i = 0; i < 50; i++) {
      const status = await post(agent, emulator.port, path, body);
      if (status !== 200) throw new Error(`warm-up request answered ${status}`);
    }

    const samples: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t0 = performance.now();
      await post(agent, emulator.port, path, body);
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    console.log(`sequential, 1000 requests: p50 ${percentile(samples, 50).toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms`);

    const total = 4000;
    const inFlight = 16;
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < total) {
          next++;
          if ((await post(agent, emulator.port, path, body)) !== 200) failed++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`${inFlight} in flight, ${total} requests: ${(total / seconds).toFixed(0)} req/s (${seconds.toFixed(2)} s, ${failed} not 200)`);
  } finally {
    agent.destroy();
    apigw.destroy();
    lambda.destroy();
    await emulator.stop();
  }
}
