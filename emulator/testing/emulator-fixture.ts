import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../server';

/**
 * The one place the integration tests get an emulator and SDK clients from, so that every test
 * file talks to the emulator with the same endpoint, region and credentials.
 */

export const TEST_REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** The SDK client settings for an emulator at `endpoint`, in the region and account the tests expect. */
export function clientConfig(endpoint: string) {
  return { endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS };
}

const clientClasses = {
  events: EventBridgeClient,
  logs: CloudWatchLogsClient,
  lambda: LambdaClient,
  sfn: SFNClient,
  apigateway: APIGatewayClient,
  dynamodb: DynamoDBClient,
  cloudformation: CloudFormationClient,
  s3: S3Client,
  sts: STSClient,
  ssm: SSMClient,
  iam: IAMClient,
  sqs: SQSClient,
};
/** Settings a client needs against a loopback endpoint: S3 in path style, as the CDK CLI uses it there. */
const clientDefaults: { [K in keyof typeof clientClasses]?: object } = { s3: { forcePathStyle: true } };
type ServiceName = keyof typeof clientClasses;
type ServiceClients = { readonly [K in ServiceName]: InstanceType<(typeof clientClasses)[K]> };

export interface UseEmulatorOptions extends Omit<EmulatorOptions, 'port'> {
  /** Start a fresh emulator for every test instead of one for the file (state must not carry over). */
  perTest?: boolean;
  /** Settings that differ from the shared ones for one service's client, e.g. `{ lambda: { maxAttempts: 1 } }`. */
  clients?: { [K in ServiceName]?: { maxAttempts?: number; forcePathStyle?: boolean } };
}

/** The running emulator, its endpoint and one client per service, each made on first use. */
export type EmulatorFixture = ServiceClients & { readonly emulator: RunningEmulator; readonly endpoint: string };

/**
 * Registers hooks that start an emulator on a free port before the file's tests (or before each
 * test with `perTest`) and stop it, and the clients made from it, afterwards. Read the fixture's
 * members inside tests and hooks registered after this call, not at module load.
 */
export function useEmulator(options: UseEmulatorOptions = {}): EmulatorFixture {
  const { perTest = false, clients = {}, ...emulatorOptions } = options;
  let emulator: RunningEmulator | undefined;
  const made = new Map<ServiceName, { destroy(): void }>();

  (perTest ? beforeEach : beforeAll)(async () => {
    emulator = await startEmulator({ port: 0, ...emulatorOptions });
  });
  (perTest ? afterEach : afterAll)(async () => {
    for (const client of made.values()) client.destroy();
    made.clear();
    await emulator?.stop();
    emulator = undefined;
  });

  const running = (): RunningEmulator => {
    if (!emulator) throw new Error('useEmulator(): the emulator runs only inside tests and hooks registered after useEmulator()');
    return emulator;
  };
  const fixture = {
    get emulator() {
      return running();
    },
    get endpoint() {
      return running().endpoint;
    },
  };
  for (const name of Object.keys(clientClasses) as ServiceName[]) {
    Object.defineProperty(fixture, name, {
      enumerable: true,
      get() {
        let client = made.get(name);
        if (!client) {
          client = new clientClasses[name]({ ...clientConfig(running().endpoint), ...clientDefaults[name], ...clients[name] } as never);
          made.set(name, client);
        }
        return client;
      },
    });
  }
  return fixture as EmulatorFixture;
}

/** Runs `fn` and returns the error it throws, failing when it does not throw. */
export async function errorOf(fn: () => Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

let counter = 0;
/** A name no other test in the run uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}
