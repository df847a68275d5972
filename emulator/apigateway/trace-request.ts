import type { HttpReply, Hub } from '../core/hub';
import type { Span } from '../core/trace';
import type { ApiRequest } from './invoke-api';

const KEPT_BODY = 16 * 1024;

/** A request to a deployed stage as a step of the trace: method, path, status and both bodies. */
export function traceApiRequest(hub: Hub, span: Span, request: ApiRequest, reply: HttpReply): void {
  if (!hub.trace.enabled) return;
  const query = request.query.toString();
  hub.trace.add({
    id: span.id,
    traceId: span.traceId,
    parentId: span.parentId,
    kind: 'api-request',
    service: 'apigateway',
    name: `${request.httpMethod} ${request.rawPath || '/'}`,
    start: span.start,
    durationMs: Date.now() - span.start,
    status: reply.statusCode < 400 ? 'ok' : 'error',
    data: {
      apiId: request.apiId,
      stage: request.stage,
      path: `${request.rawPath || '/'}${query ? `?${query}` : ''}`,
      statusCode: reply.statusCode,
      request: request.body.toString('utf8', 0, KEPT_BODY),
      response: reply.body.toString('utf8', 0, KEPT_BODY),
    },
  });
}
