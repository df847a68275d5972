import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { readBody, toAwsError } from '../protocol/http';
import type { ApiGatewayControlPlane } from './control-plane';

// The labels of the route's template (restApiId, resourceId, ...), each present by construction.
type Params = any;
type Body = Record<string, any>;
type Handler = (cp: ApiGatewayControlPlane, ctx: RequestContext, p: Params, q: URLSearchParams, body: Body) => unknown;

interface Route {
  method: string;
  segments: string[];
  /** The success status the SDK's model gives the operation (201 for creation, 202/204 for deletion). */
  status: number;
  handler: Handler;
}

const limitOf = (q: URLSearchParams) => (q.has('limit') ? Number(q.get('limit')) : undefined);
const positionOf = (q: URLSearchParams) => q.get('position') ?? undefined;
const R = '/restapis/{restApiId}';
const M = `${R}/resources/{resourceId}/methods/{httpMethod}`;

// The REST-JSON routes of @aws-sdk/client-api-gateway for the operations the emulator implements.
const ROUTES: Route[] = [
  route('POST', '/restapis', 201, (cp, ctx, _p, _q, b) => cp.createRestApi(ctx, b as never)),
  route('GET', '/restapis', 200, (cp, ctx, _p, q) => cp.getRestApis(ctx, { position: positionOf(q), limit: limitOf(q) })),
  route('GET', R, 200, (cp, ctx, p) => cp.getRestApi(ctx, p)),
  route('PATCH', R, 200, (cp, ctx, p, _q, b) => cp.updateRestApi(ctx, { ...p, patchOperations: b.patchOperations })),
  route('DELETE', R, 202, (cp, ctx, p) => cp.deleteRestApi(ctx, p)),
  route('GET', `${R}/resources`, 200, (cp, ctx, p, q) =>
    cp.getResources(ctx, { ...p, position: positionOf(q), limit: limitOf(q), embed: q.getAll('embed') }),
  ),
  route('GET', `${R}/resources/{resourceId}`, 200, (cp, ctx, p, q) => cp.getResource(ctx, { ...p, embed: q.getAll('embed') })),
  route('POST', `${R}/resources/{parentId}`, 201, (cp, ctx, p, _q, b) => cp.createResource(ctx, { ...p, pathPart: b.pathPart })),
  route('DELETE', `${R}/resources/{resourceId}`, 202, (cp, ctx, p) => cp.deleteResource(ctx, p)),
  route('PUT', M, 201, (cp, ctx, p, _q, b) => cp.putMethod(ctx, { ...b, ...p } as never)),
  route('GET', M, 200, (cp, ctx, p) => cp.getMethod(ctx, p)),
  route('DELETE', M, 204, (cp, ctx, p) => cp.deleteMethod(ctx, p)),
  route('PUT', `${M}/responses/{statusCode}`, 201, (cp, ctx, p, _q, b) => cp.putMethodResponse(ctx, { ...b, ...p })),
  route('GET', `${M}/responses/{statusCode}`, 200, (cp, ctx, p) => cp.getMethodResponse(ctx, p)),
  route('DELETE', `${M}/responses/{statusCode}`, 204, (cp, ctx, p) => cp.deleteMethodResponse(ctx, p)),
  // On the wire the integration's own method travels as `httpMethod` in the body.
  route('PUT', `${M}/integration`, 201, (cp, ctx, p, _q, { httpMethod, ...b }) => cp.putIntegration(ctx, { ...b, ...p, integrationHttpMethod: httpMethod } as never)),
  route('GET', `${M}/integration`, 200, (cp, ctx, p) => cp.getIntegration(ctx, p)),
  route('DELETE', `${M}/integration`, 204, (cp, ctx, p) => cp.deleteIntegration(ctx, p)),
  route('PUT', `${M}/integration/responses/{statusCode}`, 201, (cp, ctx, p, _q, b) => cp.putIntegrationResponse(ctx, { ...b, ...p })),
  route('GET', `${M}/integration/responses/{statusCode}`, 200, (cp, ctx, p) => cp.getIntegrationResponse(ctx, p)),
  route('DELETE', `${M}/integration/responses/{statusCode}`, 204, (cp, ctx, p) => cp.deleteIntegrationResponse(ctx, p)),
  route('POST', `${R}/deployments`, 201, (cp, ctx, p, _q, b) => cp.createDeployment(ctx, { ...b, ...p })),
  route('GET', `${R}/deployments`, 200, (cp, ctx, p, q) => cp.getDeployments(ctx, { ...p, position: positionOf(q), limit: limitOf(q) })),
  route('GET', `${R}/deployments/{deploymentId}`, 200, (cp, ctx, p) => cp.getDeployment(ctx, p)),
  route('DELETE', `${R}/deployments/{deploymentId}`, 202, (cp, ctx, p) => cp.deleteDeployment(ctx, p)),
  route('POST', `${R}/stages`, 201, (cp, ctx, p, _q, b) => cp.createStage(ctx, { ...b, ...p })),
  route('GET', `${R}/stages`, 200, (cp, ctx, p, q) => cp.getStages(ctx, { ...p, deploymentId: q.get('deploymentId') ?? undefined })),
  route('GET', `${R}/stages/{stageName}`, 200, (cp, ctx, p) => cp.getStage(ctx, p)),
  route('PATCH', `${R}/stages/{stageName}`, 200, (cp, ctx, p, _q, b) => cp.updateStage(ctx, { ...p, patchOperations: b.patchOperations })),
  route('DELETE', `${R}/stages/{stageName}`, 202, (cp, ctx, p) => cp.deleteStage(ctx, p)),
  route('GET', '/account', 200, (cp, ctx) => cp.getAccount(ctx)),
  route('PATCH', '/account', 200, (cp, ctx, _p, _q, b) => cp.updateAccount(ctx, { patchOperations: b.patchOperations })),
];

function route(method: string, template: string, status: number, handler: Handler): Route {
  return { method, segments: template.split('/').slice(1), status, handler };
}

function match(method: string, segments: string[]): { route: Route; params: Params } | undefined {
  for (const r of ROUTES) {
    if (r.method !== method || r.segments.length !== segments.length) continue;
    const params: Params = {};
    const ok = r.segments.every((t, i) => {
      if (t.startsWith('{')) {
        params[t.slice(1, -1)] = segments[i]!;
        return true;
      }
      return t === segments[i];
    });
    if (ok) return { route: r, params };
  }
  return undefined;
}

/**
 * Answers the control-plane route a request names, or returns false when the path and method
 * are not one of them (so `/restapis/{id}/{stage}/_user_request_/...` must be tried first).
 */
export async function handleControlPlane(
  cp: ApiGatewayControlPlane,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: RequestContext,
): Promise<boolean> {
  if (url.pathname !== '/account' && url.pathname !== '/restapis' && !url.pathname.startsWith('/restapis/')) return false;
  let segments: string[];
  try {
    segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return false;
  }
  const found = match(req.method ?? 'GET', segments);
  if (!found) return false;
  try {
    const raw = await readBody(req);
    let body: Body = {};
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8')) as Body;
      } catch {
        throw new AwsError('SerializationException', 'Unable to parse the request body as JSON');
      }
    }
    const result = await found.route.handler(cp, ctx, found.params, url.searchParams, body ?? {});
    const text = result === undefined ? '' : JSON.stringify(toWire(result));
    res.writeHead(found.route.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': ctx.requestId,
    });
    res.end(text);
  } catch (err) {
    sendControlPlaneError(res, toAwsError(err), ctx.requestId);
  }
  return true;
}

/**
 * The SDK's list outputs call their elements `items`; on the wire the member is named `item`
 * (API Gateway's HAL heritage), so a page is sent as `{ item, position }`.
 */
function toWire(result: unknown): unknown {
  if (typeof result === 'object' && result !== null && 'items' in result) {
    const { items, ...rest } = result as { items: unknown };
    return { item: items, ...rest };
  }
  return result;
}

/** API Gateway's error: the code in `x-amzn-ErrorType`, only `message` in the body. */
function sendControlPlaneError(res: ServerResponse, err: AwsError, requestId: string): void {
  const text = JSON.stringify({ message: err.message });
  res.writeHead(err.statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-errortype': err.code,
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}
