import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonService } from '../protocol/json';
import type { QueryService } from '../protocol/query';
import type { Clock } from './clock';
import type { PendingWork } from './settle';
import type { RequestContext } from './request-context';
import type { TraceStore } from './trace';

/**
 * A service of the emulator. It may speak a JSON protocol (dispatched by `X-Amz-Target`) or AWS
 * Query (dispatched by `Version`), answer
 * HTTP routes of its own (REST-JSON services, invocation URLs, `/_testbed/...`), or both.
 */
export interface Service {
  /** Its key in `GET /_localstack/health`, as LocalStack names it (`events`, `logs`, ...). */
  readonly healthName: string;
  readonly json?: JsonService;
  /** An AWS Query service (form POST to `/`), dispatched by the `Version` it answers. */
  readonly query?: QueryService;
  /** Answers the request and returns true when the route is its own; returns false otherwise. */
  handleHttp?(req: IncomingMessage, res: ServerResponse, url: URL, ctx: RequestContext): Promise<boolean>;
  stop?(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// What services ask of each other inside the process. Each service implements its interface; the
// hub wires them together so that, e.g., EventBridge delivery writes to CloudWatch Logs without a
// round trip over HTTP.
// ---------------------------------------------------------------------------------------------

export interface LogEventInput {
  timestamp: number;
  message: string;
}

export interface LogsInternal extends Service {
  /** Appends events to a stream, creating the stream (never the group) when it is missing. */
  appendEvents(ctx: RequestContext, group: string, stream: string, events: LogEventInput[]): void;
  /** Creates the group when it is missing (Lambda's own log groups appear on first output). */
  ensureLogGroup(ctx: RequestContext, group: string): void;
  hasLogGroup(ctx: RequestContext, group: string): boolean;
}

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface LambdaInvokeResult {
  statusCode: number;
  payload: Buffer;
  /** `Unhandled` or `Handled` when the function failed, as in `X-Amz-Function-Error`. */
  functionError?: string;
  executedVersion: string;
  /** Base64 of the last 4 KB of the log, when `LogType: Tail` was asked for. */
  logResult?: string;
}

export interface LambdaInternal extends Service {
  /**
   * Invokes a function by name, partial or full ARN. `Event` queues the invocation (with the
   * asynchronous retry policy) and resolves with status 202 once accepted. Throws AwsError
   * (`ResourceNotFoundException`, ...) when the invocation cannot be accepted.
   */
  invoke(ctx: RequestContext, functionName: string, payload: Buffer, invocationType: InvocationType, options?: { logType?: 'Tail' | 'None'; source?: string }): Promise<LambdaInvokeResult>;
}

export interface HttpExchange {
  method: string;
  /** Path below the stage, starting with `/`, not decoded. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  sourceIp: string;
}

export interface HttpReply {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export interface ApiGatewayInternal extends Service {
  /** Runs a request against a deployed stage, as a call to its invoke URL would. */
  invokeApi(ctx: RequestContext, apiId: string, stage: string, request: HttpExchange): Promise<HttpReply>;
  /** The region and account that own an API id, so an AWS-style host name can be resolved. */
  findApi(apiId: string): { accountId: string; region: string } | undefined;
}

export interface StepFunctionsInternal extends Service {
  /** `finished` settles when the execution ends (or is stopped with the emulator). */
  startExecution(ctx: RequestContext, input: { stateMachineArn: string; name?: string; input?: string }): Promise<{ executionArn: string; startDate: Date; finished?: Promise<unknown> }>;
}

export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
  Time?: string | number | Date;
  EventBusName?: string;
  TraceHeader?: string;
}

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
}

export interface EventsInternal extends Service {
  putEvents(ctx: RequestContext, entries: PutEventsEntry[]): Promise<PutEventsResult>;
}

export interface DynamoDbInternal extends Service {}

export interface PassRoleInput {
  roleArn: string;
  /** The service principal the role is handed to (`lambda.amazonaws.com`), as in `iam:PassedToService`. */
  passedTo: string;
  /** The operation that passed it (`CreateFunction`). */
  operation: string;
}

/** One recorded `iam:PassRole` check (see `GET /_testbed/iam/pass-role`). */
export interface PassRoleCheck extends PassRoleInput {
  /** ISO 8601. */
  time: string;
  /** The caller's account and region. */
  accountId: string;
  region: string;
  /** Whether the emulator's IAM has a role of that ARN. */
  roleExists: boolean;
}

export interface IamInternal extends Service {
  /**
   * Records the `iam:PassRole` check AWS makes when a call hands a role to a service. It never
   * refuses: the emulator has no caller policies to decide by.
   */
  passRole(ctx: RequestContext, roleArn: string, passedTo: string, operation: string): void;
}

/** Everything a service may reach: the other services, the clock, and the emulator's endpoint. */
export interface Hub {
  /** `http://host:port` once the server listens; what SDK clients inside the emulator use. */
  endpoint: string;
  clock: Clock;
  /** Every step of every order, joined by trace header (see core/trace). */
  trace: TraceStore;
  /** Work under way (deliveries, async invocations, executions): what `/_testbed/settled` waits for. */
  pending: PendingWork;
  events: EventsInternal;
  logs: LogsInternal;
  dynamodb: DynamoDbInternal;
  lambda: LambdaInternal;
  apigateway: ApiGatewayInternal;
  stepfunctions: StepFunctionsInternal;
  iam: IamInternal;
}
