import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CreateLogGroupCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CreateEventBusCommand, PutRuleCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';

/** The servers the PutEvents benchmarks compare, each in a process of its own, and the Orders bus they both get. */

export const LOG_GROUP = '/aws/events/orders';

/** The Orders bus's four rules, as the stack defines them. */
export const RULES: Record<string, object> = {
  OrdertoCloudWatch: { source: [{ prefix: 'com.aws.order' }] },
  USOrdertoAPI: { source: ['com.aws.orders'], 'detail-type': ['Order Notification'], detail: { location: [{ prefix: 'us-' }] } },
  EUOrdertoStepFunctions: { source: ['com.aws.orders'], 'detail-type': ['Order Notification'], detail: { location: [{ prefix: 'eu-' }] } },
  ProcessedOrderstoLambda: { source: ['com.aws.orders'], 'detail-type': ['Order Notification'] },
};

export async function setUpOrdersBus(events: EventBridgeClient, logs: CloudWatchLogsClient): Promise<void> {
  await events.send(new CreateEventBusCommand({ Name: 'Orders' }));
  for (const [name, pattern] of Object.entries(RULES)) {
    await events.send(new PutRuleCommand({ Name: name, EventBusName: 'Orders', EventPattern: JSON.stringify(pattern) }));
  }
  await logs.send(new CreateLogGroupCommand({ logGroupName: LOG_GROUP }));
}

export async function freePort(): Promise<number> {
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
export async function startServer(command: string, args: string[], port: number, readyPath: string): Promise<{ child: ChildProcess; endpoint: string } | string> {
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

/** `npm run emulator` on a free loopback port, in its own process. */
export async function startEmulatorProcess(): Promise<{ child: ChildProcess; endpoint: string } | string> {
  const port = await freePort();
  const cli = fileURLToPath(new URL('../../emulator/cli.ts', import.meta.url));
  return startServer(process.execPath, ['--import', 'tsx', cli, '--port', String(port)], port, '/_localstack/health');
}

/** `moto_server` on a free loopback port; a sentence when it is not installed. */
export async function startMoto(): Promise<{ child: ChildProcess; endpoint: string } | string> {
  const port = await freePort();
  return startServer('moto_server', ['-H', '127.0.0.1', '-p', String(port)], port, '/moto-api/');
}
