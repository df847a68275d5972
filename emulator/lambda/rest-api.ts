import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InvocationType } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { readBody, sendJson } from '../protocol/http';
import { toAwsError } from '../protocol/http';
import { createFunction } from './create-function';
import { deleteFunction } from './delete-function';
import { lambdaError, sendLambdaError } from './errors';
import {
  deleteFunctionEventInvokeConfig,
  getFunctionEventInvokeConfig,
  putFunctionEventInvokeConfig,
  updateFunctionEventInvokeConfig,
} from './event-invoke-config';
import { deleteFunctionConcurrency, getFunctionConcurrency, putFunctionConcurrency } from './function-concurrency';
import { addPermission, getPolicy, removePermission } from './function-policy';
import { listTags, tagResource, untagResource } from './tags';
import { getFunction, getFunctionConfiguration } from './get-function';
import { invoke } from './invoke';
import { listFunctions } from './list-functions';
import type { LambdaState } from './state';
import { updateFunctionCode } from './update-function-code';
import { updateFunctionConfiguration } from './update-function-configuration';

/** A matched route: the status to answer and the result (or a full custom answer). */
type Handler = (call: Call) => Promise<Reply> | Reply;
type Reply = { status: number; body?: unknown } | { raw: true };

interface Call {
  state: LambdaState;
  ctx: RequestContext;
  req: IncomingMessage;
  res: ServerResponse;
  params: string[];
  query: URLSearchParams;
  json(): Promise<any>;
}

const FN = '([^/]+)';
const routes: Array<[method: string, path: RegExp, handler: Handler]> = [
  ['POST', /^\/2015-03-31\/functions\/?$/, async (c) => ({ status: 201, body: createFunction(c.state, c.ctx, await c.json()) })],
  ['GET', /^\/2015-03-31\/functions\/?$/, (c) => ({ status: 200, body: listFunctions(c.state, c.ctx, c.query) })],
  ['GET', new RegExp(`^/2015-03-31/functions/${FN}/?$`), (c) => ({ status: 200, body: getFunction(c.state, c.ctx, c.params[0]!, c.query.get('Qualifier')) })],
  ['DELETE', new RegExp(`^/2015-03-31/functions/${FN}/?$`), (c) => (deleteFunction(c.state, c.ctx, c.params[0]!, c.query.get('Qualifier')), { status: 204 })],
  ['GET', new RegExp(`^/2015-03-31/functions/${FN}/configuration/?$`), (c) => ({ status: 200, body: getFunctionConfiguration(c.state, c.ctx, c.params[0]!, c.query.get('Qualifier')) })],
  ['PUT', new RegExp(`^/2015-03-31/functions/${FN}/configuration/?$`), async (c) => ({ status: 200, body: updateFunctionConfiguration(c.state, c.ctx, c.params[0]!, await c.json()) })],
  ['PUT', new RegExp(`^/2015-03-31/functions/${FN}/code/?$`), async (c) => ({ status: 200, body: updateFunctionCode(c.state, c.ctx, c.params[0]!, await c.json()) })],
  ['POST', new RegExp(`^/2015-03-31/functions/${FN}/invocations/?$`), invokeRoute],
  ['PUT', new RegExp(`^/2017-10-31/functions/${FN}/concurrency/?$`), async (c) => ({ status: 200, body: putFunctionConcurrency(c.state, c.ctx, c.params[0]!, await c.json()) })],
  ['DELETE', new RegExp(`^/2017-10-31/functions/${FN}/concurrency/?$`), (c) => (deleteFunctionConcurrency(c.state, c.ctx, c.params[0]!), { status: 204 })],
  ['GET', new RegExp(`^/2019-09-30/functions/${FN}/concurrency/?$`), (c) => ({ status: 200, body: getFunctionConcurrency(c.state, c.ctx, c.params[0]!) })],
  ['POST', new RegExp(`^/2015-03-31/functions/${FN}/policy/?$`), async (c) => ({ status: 201, body: addPermission(c.state, c.ctx, c.params[0]!, c.query.get('Qualifier'), await c.json()) })],
  ['GET', new RegExp(`^/2015-03-31/functions/${FN}/policy/?$`), (c) => ({ status: 200, body: getPolicy(c.state, c.ctx, c.params[0]!, c.query.get('Qualifier')) })],
  ['DELETE', new RegExp(`^/2015-03-31/functions/${FN}/policy/([^/]+)/?$`), (c) => (removePermission(c.state, c.ctx, c.params[0]!, c.params[1]!, c.query), { status: 204 })],
  ['PUT', new RegExp(`^/2019-09-25/functions/${FN}/event-invoke-config/?$`), async (c) => ({ status: 200, body: putFunctionEventInvokeConfig(c.state, c.ctx, c.params[0]!, c.query.get('Qualifier'), await c.json()) })],
  ['POST', new RegExp(`^/2019-09-25/functions/${FN}/event-invoke-config/?$`), async (c) => ({ status: 200, body: updateFunctionEventInvokeConfig(c.state, c.ctx, c.params[0]!, c.query.get('Qualifier'), await c.json()) })],
  ['GET', new RegExp(`^/2019-09-25/functions/${FN}/event-invoke-config/?$`), (c) => ({ status: 200, body: getFunctionEventInvokeConfig(c.state, c.ctx, c.params[0]!, c.query.get('Qualifier')) })],
  ['DELETE', new RegExp(`^/2019-09-25/functions/${FN}/event-invoke-config/?$`), (c) => (deleteFunctionEventInvokeConfig(c.state, c.ctx, c.params[0]!, c.query.get('Qualifier')), { status: 204 })],
  ['GET', /^\/2017-03-31\/tags\/([^/]+)\/?$/, (c) => ({ status: 200, body: listTags(c.state, c.params[0]!) })],
  ['POST', /^\/2017-03-31\/tags\/([^/]+)\/?$/, async (c) => (tagResource(c.state, c.params[0]!, await c.json()), { status: 204 })],
  ['DELETE', /^\/2017-03-31\/tags\/([^/]+)\/?$/, (c) => (untagResource(c.state, c.params[0]!, c.query), { status: 204 })],
  // The emulator's own views: asynchronous invocation records, and the code GetFunction points at.
  ['GET', /^\/_testbed\/lambda\/async\/?$/, (c) => ({ status: 200, body: { invocations: c.state.asyncInvocations.list({ functionName: c.query.get('functionName') ?? undefined }) } })],
  ['GET', /^\/_testbed\/lambda\/code\/(\d{12})\/([a-z0-9-]+)\/([^/]+)\.zip$/, codeRoute],
];

/** Answers Lambda's REST-JSON routes; returns false for paths that are not Lambda's. */
export async function handleLambdaHttp(state: LambdaState, req: IncomingMessage, res: ServerResponse, url: URL, ctx: RequestContext): Promise<boolean> {
  const path = url.pathname;
  if (!path.startsWith('/20') && !path.startsWith('/_testbed/lambda/')) return false;
  for (const [method, pattern, handler] of routes) {
    const m = pattern.exec(path);
    if (!m || method !== req.method) continue;
    let body: Promise<Buffer> | undefined;
    const call: Call = {
      state,
      ctx,
      req,
      res,
      params: m.slice(1).map((p) => decodeURIComponent(p)),
      query: url.searchParams,
      json: async () => parseJson(await (body ??= readBody(req))),
    };
    try {
      const reply = await handler(call);
      if ('raw' in reply) return true;
      if (reply.status === 204 || reply.body === undefined) {
        res.writeHead(reply.status, { 'x-amzn-requestid': ctx.requestId });
        res.end();
      } else {
        sendJson(res, reply.status, reply.body, { 'x-amzn-requestid': ctx.requestId });
      }
    } catch (err) {
      sendLambdaError(res, toAwsError(err), ctx.requestId);
    }
    return true;
  }
  return false;
}

async function invokeRoute(c: Call): Promise<Reply> {
  const header = (name: string) => {
    const v = c.req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const payload = await readBody(c.req);
  const result = await invoke(c.state, c.ctx, c.params[0]!, payload, (header('x-amz-invocation-type') ?? 'RequestResponse') as InvocationType, {
    logType: header('x-amz-log-type') === 'Tail' ? 'Tail' : 'None',
    qualifier: c.query.get('Qualifier'),
    clientContext: header('x-amz-client-context'),
    source: 'invoke',
  });
  const headers: Record<string, string | number> = { 'x-amzn-requestid': c.ctx.requestId, 'content-length': result.payload.length };
  if (result.statusCode === 200) {
    headers['content-type'] = 'application/json';
    headers['x-amz-executed-version'] = result.executedVersion;
    if (result.functionError) headers['x-amz-function-error'] = result.functionError;
    if (result.logResult !== undefined) headers['x-amz-log-result'] = result.logResult;
  }
  c.res.writeHead(result.statusCode, headers);
  c.res.end(result.payload);
  return { raw: true };
}

function codeRoute(c: Call): Reply {
  const [accountId, region, name] = c.params as [string, string, string];
  const fn = c.state.functions.find({ accountId, region, name });
  if (!fn?.code.zip) throw lambdaError('ResourceNotFoundException', 'The resource you requested does not exist.');
  c.res.writeHead(200, { 'content-type': 'application/zip', 'content-length': fn.code.zip.length });
  c.res.end(fn.code.zip);
  return { raw: true };
}

function parseJson(raw: Buffer): any {
  if (raw.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // answered below
  }
  throw lambdaError('InvalidRequestContentException', 'Could not parse request body into json: the body is not a JSON object.');
}
