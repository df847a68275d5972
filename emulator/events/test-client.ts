import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../server';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** A started emulator and an EventBridge client pointed at it, as the integration tests use them. */
export async function startEventsEmulator(options: EmulatorOptions = {}): Promise<{ emulator: RunningEmulator; events: EventBridgeClient }> {
  const emulator = await startEmulator({ port: 0, ...options });
  return { emulator, events: new EventBridgeClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials }) };
}

export function clientConfig(emulator: RunningEmulator) {
  return { endpoint: emulator.endpoint, region: 'us-east-1', credentials };
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

/** A raw AWS JSON 1.1 call, for what the SDK will not send (unknown operations, broken bodies). */
export async function rawCall(endpoint: string, target: string, body: string): Promise<{ status: number; json: Record<string, unknown>; errorType: string | null }> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/events/aws4_request, SignedHeaders=host, Signature=x',
    },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, errorType: res.headers.get('x-amzn-errortype') };
}
