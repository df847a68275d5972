import type { HttpReply } from '../core/hub';

/** The ids API Gateway stamps on every answer: `x-amzn-RequestId` and `x-amz-apigw-id`. */
export interface InvocationIds {
  requestId: string;
  extendedRequestId: string;
}

export function stampIds(headers: Record<string, string | string[]>, ids: InvocationIds): Record<string, string | string[]> {
  return { ...headers, 'x-amzn-RequestId': ids.requestId, 'x-amz-apigw-id': ids.extendedRequestId };
}

/**
 * A gateway response: what API Gateway answers itself when a request never reaches, or comes
 * back broken from, the integration. Default body `{"message": ...}`, type in `x-amzn-ErrorType`.
 */
function gatewayResponse(ids: InvocationIds, statusCode: number, errorType: string, message: string): HttpReply {
  return {
    statusCode,
    headers: stampIds({ 'Content-Type': 'application/json', 'x-amzn-ErrorType': errorType }, ids),
    body: Buffer.from(JSON.stringify({ message })),
  };
}

/** No resource or method matches: AWS answers 403, not 404, for an unknown route. */
export const missingAuthenticationToken = (ids: InvocationIds) =>
  gatewayResponse(ids, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');

/** The stage named in the URL does not exist. */
export const forbidden = (ids: InvocationIds) => gatewayResponse(ids, 403, 'ForbiddenException', 'Forbidden');

/** The integration failed or answered something API Gateway cannot map (502), or a config error (500). */
export const internalServerError = (ids: InvocationIds, statusCode = 502) =>
  gatewayResponse(ids, statusCode, 'InternalServerErrorException', 'Internal server error');

export const endpointRequestTimedOut = (ids: InvocationIds) =>
  gatewayResponse(ids, 504, 'InternalServerErrorException', 'Endpoint request timed out');

/** REQUEST_TOO_LARGE: a body over 10 MB; the one gateway response a REST API cannot customise. */
export const requestTooLarge = (ids: InvocationIds) => gatewayResponse(ids, 413, 'RequestTooLargeException', 'Request Too Long');

/** The largest request body a REST API takes (API Gateway's payload quota). */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export const unsupportedMediaType = (ids: InvocationIds) => gatewayResponse(ids, 415, 'BadRequestException', 'Unsupported Media Type');

/** An integration type the emulator does not run (HTTP, HTTP_PROXY, AWS): a 500 that says so. */
export const unsupportedIntegration = (ids: InvocationIds, type: string) =>
  gatewayResponse(ids, 500, 'InternalServerErrorException', `Integration type ${type} is not supported by the embedded emulator`);

/**
 * An API id nobody deployed. On AWS the host name would not resolve; LocalStack answers this 404
 * and so does the emulator, for every URL form.
 */
export function apiNotDeployed(apiId: string): HttpReply {
  return {
    statusCode: 404,
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from(JSON.stringify({ message: `The API id '${apiId}' does not correspond to a deployed API Gateway API` })),
  };
}
