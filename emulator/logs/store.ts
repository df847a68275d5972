import { RegionalStore } from '../core/regional-store';
import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';

/**
 * One ingested event. `seq` is the order of ingestion within the account and region: together with
 * the timestamp it orders events exactly as CloudWatch Logs does (timestamp first, then ingestion),
 * and it makes every event identifiable for event ids and paging tokens.
 */
export interface StoredEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
  readonly seq: number;
}

export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}

/**
 * AWS event ids (and the positions inside GetLogEvents tokens) are 56-digit decimal strings whose
 * leading digits grow with the timestamp. Ours are the timestamp in 20 digits and the ingestion
 * order in 36, so they sort as the events do and can be decoded back into a position.
 */
export function eventId(timestamp: number, seq: number): string {
  return String(timestamp).padStart(20, '0') + String(seq).padStart(36, '0');
}

export function parseEventId(id: string): { timestamp: number; seq: number } | undefined {
  if (!/^\d{56}$/.test(id)) return undefined;
  const timestamp = Number(id.slice(0, 20));
  const seq = Number(id.slice(20));
  if (!Number.isSafeInteger(timestamp) || !Number.isSafeInteger(seq)) return undefined;
  return { timestamp, seq };
}

export class LogStream {
  /** Kept in arrival order; sorted lazily (reads are rarer than writes on the delivery path). */
  private readonly events: StoredEvent[] = [];
  private sorted = true;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  /** Counts PutLogEvents calls; AWS still reports a token though it no longer checks it. */
  uploads = 0;

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly creationTime: number,
  ) {}

  append(event: StoredEvent): void {
    const last = this.events[this.events.length - 1];
    if (last && compareEvents(event, last) < 0) this.sorted = false;
    this.events.push(event);
    if (this.firstEventTimestamp === undefined || event.timestamp < this.firstEventTimestamp) this.firstEventTimestamp = event.timestamp;
    if (this.lastEventTimestamp === undefined || event.timestamp > this.lastEventTimestamp) this.lastEventTimestamp = event.timestamp;
    this.lastIngestionTime = event.ingestionTime;
  }

  /** Events in CloudWatch order: by timestamp, then by ingestion. */
  ordered(): readonly StoredEvent[] {
    if (!this.sorted) {
      this.events.sort(compareEvents);
      this.sorted = true;
    }
    return this.events;
  }

  get uploadSequenceToken(): string | undefined {
    return this.uploads === 0 ? undefined : sequenceToken(this.uploads);
  }
}

/** The 56-digit form AWS's sequence tokens have. */
export function sequenceToken(n: number): string {
  return '4' + String(n).padStart(55, '0');
}

export class LogGroup {
  readonly streams = new Map<string, LogStream>();
  readonly tags = new Map<string, string>();
  retentionInDays?: number;
  storedBytes = 0;

  constructor(
    readonly name: string,
    readonly arnPrefix: string,
    readonly creationTime: number,
    readonly kmsKeyId: string | undefined,
    readonly logGroupClass: string,
    public deletionProtectionEnabled: boolean,
  ) {}

  /** The ARN with the trailing `:*` that DescribeLogGroups reports as `arn`. */
  get arn(): string {
    return `${this.logGroupArn}:*`;
  }

  /** The ARN without `:*`, as tagging and `logGroupArn` use it. */
  get logGroupArn(): string {
    return `${this.arnPrefix}:log-group:${this.name}`;
  }

  streamArn(stream: string): string {
    return `${this.logGroupArn}:log-stream:${stream}`;
  }
}

export interface ResourcePolicy {
  policyName: string;
  policyDocument: string;
  lastUpdatedTime: number;
}

export class LogsState {
  readonly groups = new Map<string, LogGroup>();
  /** Account-scoped policies by name; AWS allows ten per account and region. */
  readonly accountPolicies = new Map<string, ResourcePolicy>();
  private seq = 0;

  constructor(
    readonly accountId: string,
    readonly region: string,
  ) {}

  /** `arn:<partition>:logs:<region>:<account>`. */
  get arnPrefix(): string {
    return `arn:${partition(this.region)}:logs:${this.region}:${this.accountId}`;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  group(name: string): LogGroup {
    const group = this.groups.get(name);
    if (!group) throw groupNotFound();
    return group;
  }

  stream(group: LogGroup, name: string): LogStream {
    const stream = group.streams.get(name);
    if (!stream) throw streamNotFound();
    return stream;
  }

  /** Finds a group by name or by ARN, as `logGroupIdentifier` allows. */
  groupByIdentifier(identifier: string): LogGroup {
    if (!identifier.startsWith('arn:')) return this.group(identifier);
    const prefix = `${this.arnPrefix}:log-group:`;
    const group = identifier.startsWith(prefix) ? this.groups.get(identifier.slice(prefix.length)) : undefined;
    if (!group) throw groupNotFound();
    return group;
  }
}

export function partition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function groupNotFound(): AwsError {
  return new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
}

export function streamNotFound(): AwsError {
  return new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
}

export function createStore(): RegionalStore<LogsState> {
  return new RegionalStore((accountId, region) => new LogsState(accountId, region));
}

export type LogsStore = RegionalStore<LogsState>;

export function stateOf(store: LogsStore, ctx: RequestContext): LogsState {
  return store.get(ctx.accountId, ctx.region);
}
