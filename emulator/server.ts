import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiGatewayService } from './apigateway';
import { Clock, timeScaleFromEnv } from './core/clock';
import type { Hub, Service } from './core/hub';
import { contextFromHeaders, type RequestContext } from './core/request-context';
import { handleSettledRoute, PendingWork } from './core/settle';
import { createDynamoDbService } from './dynamodb';
import { createEventsService } from './events';
import { createLambdaService } from './lambda';
import { createLogsService } from './logs';
import { AwsError } from './core/aws-error';
import { sendJson, toAwsError } from './protocol/http';
import { handleJsonRequest, sendJsonError, type JsonService } from './protocol/json';
import { createStepFunctionsService } from './stepfunctions';
import { createCloudFormationService } from './cloudformation';
import { createS3Service } from './s3';
import { createSsmService } from './ssm';
import { createIamService } from './iam';
import { createStsService } from './sts';
import { bindResponse, readBody } from './protocol/http';
import { handleQueryRequest, sendQueryError, type QueryService } from './protocol/query';
import './core/node-version-warning';
import { createStudioService } from './studio';
import { TraceStore } from './core/trace';
import { requestLogger, type RequestLabel } from './core/request-log';
import { applyFaultsInProcess, chaosFrontDoor, createChaos } from './chaos';
import { createSqsService } from './sqs';
import { Drain, isJournaled, Persistence, REPLAY_HEADER, runCapturingIds } from './persistence';
import { resumeWork } from './persistence/restore';

const EXECUTE_API_HOST = /\.execute-api\./;

export const EMULATOR_NAME = 'order-fulfillment-testbed';
export const EMULATOR_VERSION = '0.1.0';

export interface EmulatorOptions {
  /** Interface to bind; loopback unless told otherwise. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Multiplier for retry back-off and similar waits; defaults to `TESTBED_TIME_SCALE` or 1. */
  timeScale?: number;
  /** How many trace records to keep (the oldest fall out first); default 200,000. */
  traceLimit?: number;
  /** Record traces (the default); off only to measure what tracing costs. */
  trace?: boolean;
  /** Called with one line per request (service, operation, status, ms); unset, the emulator is quiet. */
  logRequests?: (line: string) => void;
  /** Seeds the draws of probabilistic faults; defaults to `TESTBED_CHAOS_SEED`, else unseeded. */
  chaosSeed?: number;
  /** A folder to keep every service's state in across restarts; without it, state is in memory. */
  stateDir?: string;
}

export interface RunningEmulator {
  endpoint: string;
  host: string;
  port: number;
  hub: Hub;
  stop(): Promise<void>;
}

/** Starts the emulator: one HTTP server for every service, like LocalStack's port 4566. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    console.warn(`Warning: the emulator listens on ${host}, beyond this machine. Its control endpoints (/_testbed, /_localstack/chaos) have no authentication: anyone who can reach the port can change its state and inject faults.`);
  }
  const hub = {
    endpoint: '',
    clock: new Clock(options.timeScale ?? timeScaleFromEnv()),
    trace: new TraceStore(options.traceLimit, options.trace ?? true),
    pending: new PendingWork(),
    chaos: createChaos(options.chaosSeed),
  } as Hub;
  const persistence = options.stateDir ? await Persistence.open(options.stateDir) : undefined;
  if (persistence) hub.persistence = persistence;
  // IAM first: every service records the roles passed to it there (iam:PassRole).
  hub.iam = createIamService();
  hub.logs = createLogsService(hub);
  hub.dynamodb = createDynamoDbService(hub, persistence ? { path: (accountId, region) => persistence.state.dynamoDbPath(accountId, region) } : {});
  hub.events = createEventsService(hub);
  hub.lambda = createLambdaService(hub);
  hub.apigateway = createApiGatewayService(hub);
  hub.stepfunctions = createStepFunctionsService(hub);
  hub.s3 = createS3Service();
  hub.ssm = createSsmService();
  hub.sqs = createSqsService(hub);
  const services: Service[] = [
    hub.events,
    hub.logs,
    hub.dynamodb,
    hub.lambda,
    hub.apigateway,
    hub.stepfunctions,
    hub.sqs,
    createCloudFormationService(hub),
    createStsService(),
    hub.iam,
    hub.ssm,
    // S3 answers only requests signed for S3 or sent to a bucket's host; it goes last.
    hub.s3,
  ];

  // The testbed's own routes (explain, trace, studio); not an AWS service, so not in the health answer.
  const studio = createStudioService(hub);
  // Fault injection: in-process calls between services here, HTTP calls in dispatch().
  applyFaultsInProcess(hub, hub.chaos);
  const rawLogs = hub.logs;
  persistence?.journalLogs(hub);
  // With a state folder, a graceful stop lets the work under way finish first (persistence/drain.ts).
  const drain = persistence ? (hub.drain = new Drain(hub)) : undefined;
  let replaying = false;

  const byTargetPrefix = new Map<string, JsonService>();
  const serviceOfTarget = new Map<string, string>();
  for (const s of services) {
    if (!s.json) continue;
    byTargetPrefix.set(s.json.targetPrefix, s.json);
    serviceOfTarget.set(s.json.targetPrefix, s.healthName);
  }
  // DynamoDB answers its own X-Amz-Target prefix (dynalite), outside the JSON dispatch.
  serviceOfTarget.set('DynamoDB_20120810', 'dynamodb');
  const byQueryVersion = new Map<string, { query: QueryService; name: string }>();
  for (const s of services) if (s.query) byQueryVersion.set(s.query.version, { query: s.query, name: s.healthName });

  // Timeouts are checked every second, so a stalled client is cut off close to its limit.
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    bindResponse(req, res);
    const label = options.logRequests ? requestLogger(req, res, options.logRequests) : undefined;
    if (drain?.refuse(req, res)) return;
    dispatch(req, res, label).catch((err) => {
      if (!res.headersSent) sendJsonError(res, toAwsError(err), 'unknown');
      else res.destroy();
    });
  });
  // `Expect: 100-continue` is answered when a body is about to be read (readBody), not before.
  server.on('checkContinue', (req, res) => server.emit('request', req, res));
  // Keep-alive sockets from SDK clients must not hold stop() open.
  server.keepAliveTimeout = 5_000;
  // A slow client cannot hold a connection: headers within 10 s, the whole request within 2 minutes
  // (a 70 MB function upload included).
  server.headersTimeout = 10_000;
  server.requestTimeout = 120_000;

  async function dispatch(req: IncomingMessage, res: ServerResponse, label?: RequestLabel): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    // While the state folder is replayed, only the replay is served: the emulator is not ready.
    if (replaying && req.headers[REPLAY_HEADER] === undefined) {
      sendJsonError(res, new AwsError('ServiceUnavailable', 'The emulator is restoring its state; try again shortly.', 503), 'restoring');
      return;
    }
    if (req.method === 'GET' && url.pathname === '/_localstack/health') {
      sendJson(res, 200, health(services));
      return;
    }
    if (url.pathname.startsWith('/_testbed/')) {
      if (await studio.handleHttp(req, res, url)) return;
      if (await handleSettledRoute(hub.pending, req, res, url, hub.trace)) return;
    }
    const ctx = contextFromHeaders(req.headers);
    if (await chaosFrontDoor(hub.chaos, req, res, url, ctx)) return;
    // With a state folder, a request that changes a resource is journaled once answered.
    if (persistence && isJournaled(req, url)) {
      const replay = replaying ? (JSON.parse(String(req.headers[REPLAY_HEADER] ?? '[]')) as string[]) : undefined;
      return runCapturingIds(replay, (ids) => {
        if (!replaying) persistence.journal.watch(req, res, url, ids);
        return route(req, res, url, ctx, label);
      });
    }
    return route(req, res, url, ctx, label);
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, ctx: RequestContext, label?: RequestLabel): Promise<void> {
    // An API's own host name wins over everything: its requests may carry any header or path.
    if (EXECUTE_API_HOST.test(req.headers.host ?? '') && (await hub.apigateway.handleHttp!(req, res, url, ctx))) return;
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') {
      const dot = target.lastIndexOf('.');
      const json = byTargetPrefix.get(target.slice(0, dot));
      if (label) Object.assign(label, { service: serviceOfTarget.get(target.slice(0, dot)) ?? target.slice(0, dot), operation: target.slice(dot + 1) });
      if (json) return handleJsonRequest(json, target.slice(dot + 1), req, res, ctx);
    }
    if (req.method === 'POST' && url.pathname === '/' && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      // AWS Query (CloudFormation, STS, IAM): the API version in the form names the service.
      let form: URLSearchParams;
      try {
        form = new URLSearchParams((await readBody(req)).toString('utf8'));
      } catch (err) {
        return sendQueryError(res, toAwsError(err), ctx.requestId);
      }
      const found = byQueryVersion.get(form.get('Version') ?? '');
      if (label) Object.assign(label, { service: found?.name ?? 'query', operation: form.get('Action') ?? '' });
      if (found) return handleQueryRequest(found.query, form, res, ctx);
      return sendQueryError(res, new AwsError('InvalidAction', `No service answers Action=${form.get('Action')} Version=${form.get('Version')}`), ctx.requestId);
    }
    for (const s of services) {
      if (s.handleHttp && (await s.handleHttp(req, res, url, ctx))) {
        if (label) label.service ||= s.healthName;
        return;
      }
    }
    sendJsonError(res, new AwsError('UnknownOperationException', `No service answers ${req.method} ${url.pathname}`, 404), ctx.requestId);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  hub.endpoint = endpoint;
  if (persistence) {
    replaying = true;
    try {
      await persistence.replay(hub, endpoint, rawLogs);
    } finally {
      replaying = false;
    }
    await resumeWork(hub, persistence);
    persistence.resume();
  }

  return {
    endpoint,
    host,
    port,
    hub,
    async stop() {
      await drain?.run();
      for (const s of services) await s.stop?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await persistence?.close();
    },
  };
}

/** LocalStack's health shape, so one readiness check serves both; `emulator` says which it is. */
function health(services: Service[]) {
  return {
    services: Object.fromEntries(services.map((s) => [s.healthName, 'running'])),
    edition: 'embedded',
    version: EMULATOR_VERSION,
    emulator: EMULATOR_NAME,
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
