import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogEventInput } from '../core/hub';
import { rawBodyOf } from '../protocol/http';
import { isS3Request, pathStyle } from '../s3/addressing';
import type { StateDir } from './state-dir';

/** A request that changed a resource, as it arrived, with the ids it generated. */
interface HttpEntry {
  kind: 'http';
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  ids: string[];
}

/** Log events written in-process (EventBridge's log targets, Lambda's own output). */
interface LogsEntry {
  kind: 'logs';
  accountId: string;
  region: string;
  group: string;
  stream: string;
  events: LogEventInput[];
}

export type JournalEntry = HttpEntry | LogsEntry;

/** JSON services whose changes are journaled; DynamoDB keeps its own tables on disk. */
const JOURNALED_TARGETS = new Set(['AWSEvents', 'Logs_20140328', 'AWSStepFunctions', 'AmazonSQS', 'AmazonSSM']);
const READ_ONLY = /^(Describe|List|Get|Test|Filter|Receive|Validate|Simulate)/;
/**
 * Query services whose changes are journaled, by API version: IAM. CloudFormation keeps its stacks
 * as records instead (replaying CreateStack would deploy a second time), STS keeps nothing.
 */
const JOURNALED_QUERY_VERSIONS = new Set(['2010-05-08']);
/**
 * Data-plane operations: PutEvents is kept until delivered (the `events` part), executions and
 * queue messages as their services' records (ServiceRecords).
 */
const DATA_PLANE = new Set([
  'PutEvents',
  'StartExecution',
  'StartSyncExecution',
  'StopExecution',
  'SendTaskSuccess',
  'SendTaskFailure',
  'SendTaskHeartbeat',
  'SendMessage',
  'SendMessageBatch',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
  'PurgeQueue',
]);
const KEPT_HEADERS = ['content-type', 'x-amz-target', 'authorization'];
/** Headers an S3 request is replayed without: the connection's own, and the host (replayed in path style). */
const NOT_REPLAYED = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'expect', 'keep-alive']);
/** An S3 request replayed without a signature of its own still has to reach S3. */
const S3_REPLAY_AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=000000000000/20200101/us-east-1/s3/aws4_request';

/** Whether a request, if it succeeds, changes state the journal keeps. */
export function isJournaled(req: IncomingMessage, url: URL): boolean {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const dot = target.lastIndexOf('.');
    const operation = target.slice(dot + 1);
    return JOURNALED_TARGETS.has(target.slice(0, dot)) && !READ_ONLY.test(operation) && !DATA_PLANE.has(operation);
  }
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  // S3's writes: buckets, their settings, objects and multipart uploads.
  if (isS3Request(req, url)) return true;
  // A Query request names its service and action in its body: decided once it is read (keepsQuery).
  if (isQueryForm(req, url)) return true;
  const path = url.pathname;
  if (path.startsWith('/_testbed/cloudformation/stacks/')) return true;
  // Lambda's function API (not its invocations) and API Gateway's control plane.
  if (/^\/20\d\d-\d\d-\d\d\//.test(path)) return !/\/invocations\/?$/.test(path);
  return /^\/(restapis|account|apikeys|usageplans)(\/|$)/.test(path) && !path.includes('/_user_request_');
}

function isQueryForm(req: IncomingMessage, url: URL): boolean {
  return req.method === 'POST' && url.pathname === '/' && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** Whether a Query request, read, changed something a journaled service keeps. */
function keepsQuery(body: Buffer | undefined): boolean {
  const form = new URLSearchParams(body?.toString('utf8') ?? '');
  return JOURNALED_QUERY_VERSIONS.has(form.get('Version') ?? '') && !READ_ONLY.test(form.get('Action') ?? '');
}

/**
 * The journal: appended to as each journaled request is answered with success, replayed in
 * order when the emulator starts on the same folder.
 */
export class RequestJournal {
  private seq = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly state: StateDir) {}

  async load(): Promise<JournalEntry[]> {
    const entries: JournalEntry[] = [];
    for await (const [key, value] of this.state.journal.iterator()) {
      entries.push(JSON.parse(value) as JournalEntry);
      this.seq = Number(key);
    }
    return entries;
  }

  /** Watches a journaled request and appends it once it has been answered with success. */
  watch(req: IncomingMessage, res: ServerResponse, url: URL, ids: string[]): void {
    res.once('finish', () => {
      if (res.statusCode < 200 || res.statusCode >= 300) return;
      const body = rawBodyOf(req);
      if (isQueryForm(req, url) && !keepsQuery(body)) return;
      const s3 = isS3Request(req, url);
      const headers: Record<string, string> = {};
      if (s3) {
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && !NOT_REPLAYED.has(name)) headers[name] = value;
        headers.authorization ??= S3_REPLAY_AUTHORIZATION;
      } else {
        for (const name of KEPT_HEADERS) {
          const value = req.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
      }
      const path = (s3 ? pathStyle(req, url) : url.pathname) + url.search;
      this.append({ kind: 'http', method: req.method ?? 'POST', path, headers, body: body ? body.toString('base64') : '', ids });
    });
  }

  appendLogs(entry: Omit<LogsEntry, 'kind'>): void {
    this.append({ kind: 'logs', ...entry });
  }

  /** Appends in order; each write waits for the one before, so the journal keeps request order. */
  private append(entry: JournalEntry): void {
    const key = String(++this.seq).padStart(16, '0');
    this.tail = this.tail.then(() => this.state.journal.put(key, JSON.stringify(entry))).catch(() => undefined);
  }

  async flush(): Promise<void> {
    await this.tail;
  }
}
