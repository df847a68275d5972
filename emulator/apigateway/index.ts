import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiGatewayInternal, HttpExchange, HttpReply, Hub } from '../core/hub';
import { readBody } from '../protocol/http';
import { restJsonService } from '../protocol/rest-json';
import { VALIDATION_EXCEPTION } from '../protocol/validation';
import { createControlPlane, type ApiGatewayControlPlane } from './control-plane';
import { API_GATEWAY_ERRORS } from './errors';
import { apiGatewayOperations } from './operations';
import { MAX_PAYLOAD_BYTES, requestTooLarge } from './gateway-responses';
import { invokeApi, newIds, type ApiRequest } from './invoke-api';
import { parseInvokeUrl } from './invoke-urls';
import { ApiGatewayStore } from './store';

// The control plane as plain methods, for tests that build APIs without the wire. Added to the
// hub's interface here, so the core names no service module.
declare module '../core/hub' {
  interface ApiGatewayInternal {
    readonly controlPlane: ApiGatewayControlPlane;
  }
}

/** API Gateway's front end names ValidationException; a member of the wrong JSON type is one more violation. */
const API_GATEWAY_DIALECT = { ...VALIDATION_EXCEPTION, wrongType: 'violation' } as const;

/**
 * API Gateway REST APIs (v1): the control plane over REST-JSON, and invocation of deployed
 * stages at LocalStack's URL forms and, from inside the emulator, at AWS-style `{apiId}.execute-api.{region}.amazonaws.com` URLs.
 */
export function createApiGatewayService(hub: Hub): ApiGatewayInternal {
  const store = new ApiGatewayStore(hub);
  const api = restJsonService(apiGatewayOperations, store, API_GATEWAY_DIALECT, API_GATEWAY_ERRORS);
  const controlPlane = createControlPlane(api.operations);

  return {
    healthName: 'apigateway',
    controlPlane,

    async handleHttp(req, res, url, ctx) {
      const target = parseInvokeUrl(req.url ?? '/', req.headers.host);
      if (target) {
        let body: Buffer;
        try {
          body = await readBody(req, MAX_PAYLOAD_BYTES);
        } catch {
          writeReply(res, requestTooLarge(newIds()));
          return true;
        }
        const reply = await invokeApi(hub, store, {
          apiId: target.apiId,
          stage: target.stage,
          httpMethod: req.method ?? 'GET',
          rawPath: target.rawPath,
          query: new URLSearchParams(target.query),
          headers: rawHeaderPairs(req),
          body,
          sourceIp: sourceIp(req),
          protocol: `HTTP/${req.httpVersion}`,
          forwardedPort: String(req.socket.localPort ?? ''),
          forwardedProto: 'http',
        });
        writeReply(res, reply);
        return true;
      }
      return api(req, res, url, ctx);
    },

    invokeApi(_ctx, apiId, stage, request: HttpExchange) {
      const api: ApiRequest = {
        apiId,
        stage,
        httpMethod: request.method,
        rawPath: request.path,
        query: request.query,
        headers: recordHeaderPairs(request.headers),
        body: request.body,
        sourceIp: request.sourceIp,
        protocol: 'HTTP/1.1',
        // An AWS-style URL is an HTTPS one on the standard port.
        forwardedPort: '443',
        forwardedProto: 'https',
      };
      return invokeApi(hub, store, api);
    },

    findApi(apiId) {
      const found = store.locate(apiId);
      return found && { accountId: found.accountId, region: found.region };
    },
  };
}

/** Headers as the client sent them: original casing and order, repeated names kept. */
function rawHeaderPairs(req: IncomingMessage): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return pairs;
}

function recordHeaderPairs(headers: HttpExchange['headers']): Array<[string, string]> {
  return Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
  );
}

function sourceIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

function writeReply(res: ServerResponse, reply: HttpReply): void {
  res.writeHead(reply.statusCode, { ...reply.headers, 'Content-Length': String(reply.body.length) });
  res.end(reply.body);
}
