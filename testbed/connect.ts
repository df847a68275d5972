import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';

/** What a prepared target hands to the suites and the scenario runner. */
export interface TestbedInfo {
  target: string;
  /** Why this target was chosen, as printed. */
  reason: string;
  /** The local endpoint (embedded emulator or LocalStack); absent on AWS. */
  endpoint?: string;
  region: string;
  /** The stack's outputs, as in `cdk deploy --outputs-file`. */
  outputs: Record<string, string>;
}

/** The stack outputs the suites read; named by the stack's CfnOutputs. */
export const OUTPUT_KEYS = [
  'BusName',
  'LogGroupName',
  'ProducerApiId',
  'ProducerApiUrl',
  'ConsumerApiId',
  'ConsumerApiUrl',
  'StateMachineArn',
  'TableName',
  'ConsumeOrderFunctionName',
] as const;

export type OutputKey = (typeof OUTPUT_KEYS)[number];

export interface Testbed extends TestbedInfo {
  /**
   * How far back each read of a log group looks again for events ingested out of timestamp
   * order: Lambda flushes console lines a little after writing them, and AWS ingests with delays.
   */
  logOverlapMs: number;
  output(key: OutputKey): string;
  /** The invoke URL of a path on one of the stack's REST APIs, in the target's URL form. */
  apiUrl(api: 'Producer' | 'Consumer', path: string): string;
  events: EventBridgeClient;
  logs: CloudWatchLogsClient;
  dynamodb: DynamoDBClient;
  sfn: SFNClient;
  /**
   * Waits until the target has no work under way, so a check that something stayed untouched can
   * run at once. The embedded emulator says when it is quiet (`GET /_testbed/settled`): the call
   * returns true as soon as it is, or false after `timeoutMs`. Other targets cannot tell: the call
   * waits `elseMs` (a bounded wait, the only way to see an absence there) and returns false.
   * With `orderIds`, the emulator waits only for those orders' work (and work it cannot tie to any
   * order), so suites that run at once do not wait for each other's orders.
   */
  settle(options?: { timeoutMs?: number; elseMs?: number; orderIds?: string[] }): Promise<boolean>;
  destroy(): void;
}

export function connect(info: TestbedInfo): Testbed {
  const missing = OUTPUT_KEYS.filter((k) => !info.outputs[k]);
  if (missing.length > 0) {
    throw new Error(`The stack outputs lack ${missing.join(', ')}: deploy the current stack (npm run deploy) and try again.`);
  }
  // Local targets take any credentials; AWS uses the caller's own chain.
  const local = info.endpoint
    ? { endpoint: info.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }
    : {};
  const config = { region: info.region, ...local, maxAttempts: 5 };
  const events = new EventBridgeClient(config);
  const logs = new CloudWatchLogsClient(config);
  const dynamodb = new DynamoDBClient(config);
  const sfn = new SFNClient(config);
  return {
    ...info,
    logOverlapMs: info.endpoint ? 1_000 : 10_000,
    output: (key) => info.outputs[key]!,
    apiUrl(api, path) {
      const rel = path.replace(/^\//, '');
      if (info.endpoint) {
        // LocalStack's path form; the embedded emulator serves it too.
        return `${info.endpoint}/restapis/${info.outputs[`${api}ApiId`]}/dev/_user_request_/${rel}`;
      }
      return new URL(rel, info.outputs[`${api}ApiUrl`]!.replace(/\/?$/, '/')).toString();
    },
    events,
    logs,
    dynamodb,
    sfn,
    settle: (options = {}) => settle(info, options.timeoutMs ?? 30_000, options.elseMs ?? 1_000, options.orderIds),
    destroy() {
      for (const c of [events, logs, dynamodb, sfn]) c.destroy();
    },
  };
}

/** Asks the embedded emulator to answer once it is quiet; any other target gets a bounded wait. */
async function settle(info: TestbedInfo, timeoutMs: number, elseMs: number, orderIds?: string[]): Promise<boolean> {
  if (info.target === 'embedded' && info.endpoint) {
    try {
      const url = `${info.endpoint}/_testbed/settled?timeout=${Math.max(0, Math.round(timeoutMs))}`;
      // The ids travel in a body: a thousand of them do not fit in a URL.
      const answer = orderIds
        ? await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderIds }) })
        : await fetch(url);
      if (answer.ok) return ((await answer.json()) as { settled: boolean }).settled;
    } catch {
      // An emulator that cannot answer is treated like any other target.
    }
  }
  await new Promise((resolve) => setTimeout(resolve, elseMs));
  return false;
}
