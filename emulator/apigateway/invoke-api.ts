import { randomBytes, randomUUID } from 'node:crypto';
import { AwsError } from '../core/aws-error';
import type { Hub, HttpReply } from '../core/hub';
import {
  apiNotDeployed,
  endpointRequestTimedOut,
  forbidden,
  internalServerError,
  missingAuthenticationToken,
  stampIds,
  unsupportedIntegration,
  type InvocationIds,
} from './gateway-responses';
import { LAMBDA_INVOCATION_URI } from './integrations';
import { headerValue, type Invocation } from './invocation';
import { mapProxyResponse, proxyEvent, traceId } from './lambda-proxy';
import type { Integration } from './model';
import { runMockIntegration } from './mock-integration';
import { matchRoute } from './route-matching';
import type { ApiGatewayStore } from './store';
import { traceApiRequest } from './trace-request';

/** A request to an invocation URL, however it arrived (over HTTP or from inside the emulator). */
export interface ApiRequest {
  apiId: string;
  stage: string | undefined;
  httpMethod: string;
  rawPath: string;
  query: URLSearchParams;
  headers: Array<[string, string]>;
  body: Buffer;
  sourceIp: string;
  protocol: string;
  forwardedPort: string;
  forwardedProto: string;
}

export function newIds(): InvocationIds {
  // AWS's extended request ids look like `IzPCkGtsIAMFfPA=`: 11 random bytes in base64.
  return { requestId: randomUUID(), extendedRequestId: randomBytes(11).toString('base64') };
}

/**
 * Runs a request against a deployed stage as API Gateway does: the API (404 when unknown, as
 * LocalStack answers), the stage (403 Forbidden), the route in the stage's deployment (403
 * Missing Authentication Token), then the integration.
 */
export async function invokeApi(hub: Hub, store: ApiGatewayStore, request: ApiRequest): Promise<HttpReply> {
  // The request is a step of the caller's trace (or starts one); the integration continues it.
  const span = hub.trace.begin(headerValue(request.headers, 'x-amzn-trace-id'));
  const traced = { ...request, headers: [...request.headers.filter(([k]) => k.toLowerCase() !== 'x-amzn-trace-id'), ['X-Amzn-Trace-Id', span.header] as [string, string]] };
  const reply = await runApi(hub, store, traced);
  traceApiRequest(hub, span, request, reply);
  return reply;
}

async function runApi(hub: Hub, store: ApiGatewayStore, request: ApiRequest): Promise<HttpReply> {
  const located = store.locate(request.apiId);
  if (!located) return apiNotDeployed(request.apiId);
  const ids = newIds();
  const stage = request.stage === undefined ? undefined : located.record.stages.get(request.stage);
  const deployment = stage && located.record.deployments.get(stage.deploymentId);
  if (!stage || !deployment) return forbidden(ids);
  const route = matchRoute(deployment.snapshot.resources, request.httpMethod, request.rawPath);
  if (!route) return missingAuthenticationToken(ids);
  const inv: Invocation = {
    ids,
    accountId: located.accountId,
    region: located.region,
    apiId: located.record.api.id,
    stage,
    deployment: deployment.snapshot,
    route,
    httpMethod: request.httpMethod,
    rawPath: request.rawPath,
    path: request.rawPath === '' ? '/' : request.rawPath.replace(/^\/+/, '/'),
    query: request.query,
    headers: request.headers,
    body: request.body,
    sourceIp: request.sourceIp,
    protocol: request.protocol,
    forwardedPort: request.forwardedPort,
    forwardedProto: request.forwardedProto,
    receivedAt: new Date(),
    endpointType: located.record.api.endpointConfiguration.types[0],
  };
  const integration = route.method.methodIntegration!;
  switch (integration.type) {
    case 'AWS_PROXY':
      return runLambdaProxy(hub, integration, inv);
    case 'MOCK':
      return runMockIntegration(integration, inv);
    default:
      return unsupportedIntegration(ids, integration.type);
  }
}

/** `${stageVariables.name}` in an integration URI, resolved from the stage. */
function renderStageVariables(uri: string, inv: Invocation): string {
  return uri.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => inv.stage.variables?.[name] ?? '');
}

async function runLambdaProxy(hub: Hub, integration: Integration, inv: Invocation): Promise<HttpReply> {
  const functionArn = LAMBDA_INVOCATION_URI.exec(renderStageVariables(integration.uri ?? '', inv))?.[1];
  // Lambda is invoked with POST; any other integration method fails the call, a 500 on AWS.
  if (!functionArn || integration.httpMethod !== 'POST') return internalServerError(inv.ids, 500);
  const trace = traceId(headerValue(inv.headers, 'x-amzn-trace-id'), inv.receivedAt);
  const payload = Buffer.from(JSON.stringify(proxyEvent(inv, trace)));
  const ctx = { accountId: inv.accountId, region: inv.region, requestId: inv.ids.requestId, traceHeader: headerValue(inv.headers, 'x-amzn-trace-id') };

  // API Gateway stops waiting after the integration timeout (29 s by default) and answers 504.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), integration.timeoutInMillis);
    timer.unref();
  });
  let outcome;
  try {
    outcome = await Promise.race([hub.lambda.invoke(ctx, functionArn, payload, 'RequestResponse'), timeout]);
  } catch (err) {
    // An invocation Lambda refuses (no such function, throttled, ...) is a 502; a permission problem a 500.
    return internalServerError(inv.ids, err instanceof AwsError && err.code === 'AccessDeniedException' ? 500 : 502);
  } finally {
    clearTimeout(timer);
  }
  if (outcome === 'timeout') return endpointRequestTimedOut(inv.ids);
  if (outcome.functionError) return internalServerError(inv.ids, 502);
  const mapped = mapProxyResponse(outcome.payload, inv);
  if (!mapped.ok) return internalServerError(inv.ids, mapped.statusCode);
  return { ...mapped.reply, headers: stampIds({ ...mapped.reply.headers, 'X-Amzn-Trace-Id': trace }, inv.ids) };
}
