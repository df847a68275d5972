import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { startEmulator, type RunningEmulator } from '../server';

/** A started emulator and a Logs client pointed at it, as the integration tests use them. */
export async function startLogsEmulator(): Promise<{ emulator: RunningEmulator; logs: CloudWatchLogsClient }> {
  const emulator = await startEmulator({ port: 0 });
  const logs = new CloudWatchLogsClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return { emulator, logs };
}

/** Runs `fn` and returns the error it throws, failing when it does not throw. */
export async function errorOf(fn: () => Promise<unknown>): Promise<{ name: string; message: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await fn();
  } catch (err) {
    return err as { name: string; message: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

let counter = 0;
/** A name no other test in the run uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}
