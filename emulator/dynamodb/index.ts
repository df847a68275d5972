import type { IncomingMessage, ServerResponse, Server } from 'node:http';
import dynalite from 'dynalite';
import type { DynamoDbInternal, Hub } from '../core/hub';
import { traceWrite } from './trace-write';
import type { RequestContext } from '../core/request-context';
import { RegionalStore } from '../core/regional-store';
import { installExpressionCache } from './expression-cache';
import { declaredLength, frontDoorLimit, invite, refuse } from '../protocol/http';
import { sendJsonError } from '../protocol/json';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** DynamoDB's AWS JSON 1.0 target prefix (`X-Amz-Target: DynamoDB_20120810.PutItem`). */
export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810';

/**
 * DynamoDB is a pass-through service: dynalite (a maintained, in-memory DynamoDB implementation)
 * owns its operations, validation (the Coral messages the validation front end copies) and
 * errors, so there is no operation table here. This is its one entry point: requests whose
 * `X-Amz-Target` names DynamoDB go straight to dynalite's request listener, one instance per
 * account and region so tables stay apart as on AWS. No second port, no proxy hop.
 */
export function createDynamoDbService(hub?: Pick<Hub, 'trace'>, options: { path?: (accountId: string, region: string) => string } = {}): DynamoDbInternal {
  installExpressionCache();
  const servers: Server[] = [];
  const instances = new RegionalStore<RequestListener>((accountId, region) => {
    // Tables become ACTIVE at once; AWS takes seconds, which nothing here needs to imitate. With a
    // state folder, dynalite keeps the tables in LevelDB there (its `path` option).
    const path = options.path?.(accountId, region);
    const server = withAccountAndRegion(accountId, region, () => dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path ? { path } : {}) })) as Server;
    if (path) {
      // dynalite closes its database only as part of closing a listening server; requests still
      // come through the listener below, never through this port.
      server.listen(0, '127.0.0.1');
      servers.push(server);
    }
    return server.listeners('request')[0] as RequestListener;
  });

  return {
    healthName: 'dynamodb',
    async handleHttp(req: IncomingMessage, res: ServerResponse, _url: URL, ctx: RequestContext): Promise<boolean> {
      const target = req.headers['x-amz-target'];
      if (typeof target !== 'string' || !target.startsWith(`${DYNAMODB_TARGET_PREFIX}.`)) return false;
      if (tooLarge(req, res, ctx)) return true;
      if (hub?.trace.enabled) traceWrite(hub.trace, req, res, target.slice(target.indexOf('.') + 1), ctx);
      instances.get(ctx.accountId, ctx.region)(req, res);
      return true;
    },
    // A state folder's databases must be closed before another emulator opens them.
    async stop() {
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

/** DynamoDB's request size limit (BatchWriteItem's 16 MB). */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const LIMIT = frontDoorLimit(MAX_REQUEST_BYTES);

/**
 * dynalite reads the body itself and refuses a streamed (chunked) body once it passes 16 MB; a
 * declared length over the limit is refused here, before anything is read. Returns whether it was.
 */
function tooLarge(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): boolean {
  const declared = declaredLength(req);
  if (declared === undefined || declared <= MAX_REQUEST_BYTES) {
    invite(req);
    return false;
  }
  refuse(req);
  sendJsonError(res, LIMIT.tooLarge(declared), ctx.requestId, 'application/x-amz-json-1.0');
  return true;
}

/**
 * dynalite takes the account and region for its ARNs from `AWS_ACCOUNT_ID` and `AWS_REGION` when
 * an instance is created, and from nowhere else. Each instance is created with its own pair in
 * place (synchronously, so nothing else observes it) and the caller's environment is put back.
 */
function withAccountAndRegion<T>(accountId: string, region: string, create: () => T): T {
  const saved = { AWS_ACCOUNT_ID: process.env.AWS_ACCOUNT_ID, AWS_REGION: process.env.AWS_REGION };
  process.env.AWS_ACCOUNT_ID = accountId;
  process.env.AWS_REGION = region;
  try {
    return create();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
