import { AwsError } from '../../core/aws-error';
import type { Hub } from '../../core/hub';
import type { RegionalStore } from '../../core/regional-store';
import { internalContext } from '../../core/request-context';
import { namedResourceFrom, parseArn } from '../arns';
import type { ApiDestination, Connection, EventsState } from '../store';
import { failureFromError, type AttemptResult, type DeliveryJob } from './attempt';
import { sendHttp, type HttpResult } from './http-request';
import { OAuthError, OAuthTokens, headerObject } from './oauth-token';
import { RateLimiters } from './rate-limiter';
import { traceHttpExchange } from '../trace-records';
import { injectedEndpointReply } from '../../chaos/endpoint-faults';

/** EventBridge times an API destination request out after 5 seconds. */
export const API_DESTINATION_TIMEOUT_MS = 5000;

/** The headers EventBridge puts on every API destination request. */
export const FIXED_HEADERS: Readonly<Record<string, string>> = {
  'User-Agent': 'Amazon/EventBridge/ApiDestinations',
  'Content-Type': 'application/json; charset=utf-8',
  Range: 'bytes=0-1048575',
  'Accept-Encoding': 'gzip,deflate',
  Connection: 'close',
};

/** `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}/{path}` */
const EXECUTE_API_HOST = /^([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/;

interface Reply {
  status: number;
  retryAfter?: string;
  body: string;
}

/**
 * API destination target: an HTTP request with the connection's authorization and parameters,
 * the target's HttpParameters, AWS's fixed headers and its 5-second timeout, no faster than the
 * destination's invocation rate. 429 and 5xx answers and connection failures are retried
 * (honouring `Retry-After`); other answers are final. AWS-style execute-api URLs are served by
 * the emulator's API Gateway in-process; any other URL, http included (AWS requires https; the
 * emulator also allows http for local endpoints), goes over the network.
 */
export function apiDestinationDeliverer(hub: Hub, store: RegionalStore<EventsState>) {
  const limiters = new RateLimiters();
  const tokens = new OAuthTokens();

  return async (job: DeliveryJob, _attempt: number, signal: AbortSignal): Promise<AttemptResult> => {
    const arn = parseArn(job.target.Arn);
    const state = store.get(arn?.accountId || job.ctx.accountId, arn?.region || job.ctx.region);
    const destination = state.apiDestinations.get(namedResourceFrom(job.target.Arn, 'api-destination') ?? '');
    if (!destination) return missing(`The API destination ${job.target.Arn} does not exist.`);
    const connection = state.connections.get(namedResourceFrom(destination.connectionArn, 'connection') ?? '');
    if (!connection) return missing(`The connection ${destination.connectionArn} of API destination ${destination.name} does not exist.`);

    await limiters.for(destination.arn).acquire(destination.invocationRateLimitPerSecond, signal);
    try {
      let reply = await (injectedEndpointReply(hub, destination.name, arn?.region || job.ctx.region, signal) ?? invoke(destination, connection, job, signal));
      if (connection.authorizationType === 'OAUTH_CLIENT_CREDENTIALS' && (reply.status === 401 || reply.status === 407)) {
        tokens.invalidate(connection);
        reply = await invoke(destination, connection, job, signal);
      }
      return classify(reply);
    } catch (err) {
      if (signal.aborted) throw err;
      if (err instanceof AwsError) return failureFromError(err);
      const reason = err instanceof Error ? err.message : String(err);
      if (err instanceof OAuthError) return { ok: false, retryable: false, status: 'AuthorizationError', errorCode: 'AuthorizationError', reason };
      // Refused connections, resets and timeouts: the next attempt may get through.
      return { ok: false, retryable: true, status: 'ConnectionError', errorCode: 'ConnectionError', reason };
    }
  };

  async function invoke(destination: ApiDestination, connection: Connection, job: DeliveryJob, signal: AbortSignal): Promise<Reply> {
    const invocation = connection.auth.InvocationHttpParameters ?? {};
    const http = job.target.HttpParameters ?? {};
    const url = new URL(withPathParameters(destination.invocationEndpoint, http.PathParameterValues ?? []));
    for (const p of invocation.QueryStringParameters ?? []) if (p.Key) url.searchParams.append(p.Key, p.Value ?? '');
    for (const [k, value] of Object.entries(http.QueryStringParameters ?? {})) url.searchParams.append(k, value);

    const headers: Record<string, string> = { ...FIXED_HEADERS, ...headerObject(invocation.HeaderParameters), ...(http.HeaderParameters ?? {}) };
    Object.assign(headers, await authorization(connection, signal));
    const withBody = destination.httpMethod !== 'GET' && destination.httpMethod !== 'HEAD';
    const body = withBody ? Buffer.from(withBodyParameters(job.body, invocation.BodyParameters ?? []), 'utf8') : undefined;
    if (body) headers['Content-Length'] = String(body.length);

    const exchange = job.span && hub.trace.begin(job.span.header);
    if (exchange) headers['X-Amzn-Trace-Id'] = exchange.header;
    const api = EXECUTE_API_HOST.exec(url.hostname);
    let reply: Reply | undefined;
    try {
      if (api) reply = await invokeInProcess(api[1]!, url, destination.httpMethod, headers, body ?? Buffer.alloc(0));
      else {
        const res: HttpResult = await sendHttp(url, destination.httpMethod, headers, body, API_DESTINATION_TIMEOUT_MS, signal);
        const retryAfter = res.headers['retry-after'];
        reply = { status: res.status, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, body: res.body };
      }
      return reply;
    } finally {
      if (exchange) traceHttpExchange(hub, job, exchange, { method: destination.httpMethod, url: url.href, headers, body: body?.toString('utf8') }, reply);
    }
  }

  async function authorization(connection: Connection, signal: AbortSignal): Promise<Record<string, string>> {
    const auth = connection.auth;
    switch (connection.authorizationType) {
      case 'BASIC':
        return { Authorization: `Basic ${Buffer.from(`${auth.BasicAuthParameters!.Username}:${auth.BasicAuthParameters!.Password}`).toString('base64')}` };
      case 'API_KEY':
        return { [auth.ApiKeyAuthParameters!.ApiKeyName]: auth.ApiKeyAuthParameters!.ApiKeyValue };
      case 'OAUTH_CLIENT_CREDENTIALS':
        return { Authorization: await tokens.authorization(connection, signal) };
    }
  }

  async function invokeInProcess(apiId: string, url: URL, method: string, headers: Record<string, string>, body: Buffer): Promise<Reply> {
    const owner = hub.apigateway.findApi(apiId);
    // An API id nobody owns: API Gateway's own answer for an unknown execute-api host.
    if (!owner) return { status: 403, body: '{"message":"Forbidden"}' };
    const [, stage = '', ...rest] = url.pathname.split('/');
    const lower: Record<string, string> = { host: url.host };
    for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
    const reply = await hub.apigateway.invokeApi(internalContext(owner.accountId, owner.region), apiId, stage, {
      method,
      path: `/${rest.join('/')}`,
      query: url.searchParams,
      headers: lower,
      body,
      sourceIp: '127.0.0.1',
    });
    const retryAfter = reply.headers['retry-after'] ?? reply.headers['Retry-After'];
    return { status: reply.statusCode, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, body: reply.body.toString('utf8') };
  }
}

function missing(reason: string): AttemptResult {
  return { ok: false, retryable: false, status: 'ResourceNotFoundException', errorCode: 'ResourceNotFoundException', reason };
}

/** 2xx succeeds; 429 and 5xx are retried; 1xx, 3xx and other 4xx answers are final. */
function classify(reply: Reply): AttemptResult {
  if (reply.status >= 200 && reply.status < 300) return { ok: true, status: reply.status };
  const retryable = reply.status === 429 || reply.status >= 500;
  const reason = `the endpoint answered ${reply.status}${reply.body ? `: ${reply.body.slice(0, 200)}` : ''}`;
  const result: AttemptResult = { ok: false, retryable, status: reply.status, reason };
  if (retryable && reply.retryAfter !== undefined) {
    const ms = retryAfterMs(reply.retryAfter);
    if (ms !== undefined && ms < 0) result.stopRetrying = true;
    else if (ms !== undefined) result.retryAfterMs = ms;
  }
  return result;
}

/** `Retry-After` as seconds or an HTTP date. */
function retryAfterMs(value: string): number | undefined {
  const trimmed = value.trim();
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Each `*` in the endpoint takes the next of the target's PathParameterValues. */
function withPathParameters(endpoint: string, values: string[]): string {
  let i = 0;
  return endpoint.replace(/\*/g, () => encodeURIComponent(values[i++] ?? ''));
}

/** The connection's body parameters join a JSON object body. */
function withBodyParameters(body: string, params: { Key?: string; Value?: string }[]): string {
  if (params.length === 0 || !body.startsWith('{')) return body;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    for (const p of params) if (p.Key) parsed[p.Key] = p.Value ?? '';
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}
