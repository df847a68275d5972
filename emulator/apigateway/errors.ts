import { AwsError } from '../core/aws-error';
import { frontDoorLimit } from '../protocol/http';
import type { RestJsonStyle } from '../protocol/rest-json';
import { MAX_PAYLOAD_BYTES } from './gateway-responses';

/**
 * The control plane's errors with the messages AWS sends (recorded in LocalStack's AWS-validated
 * snapshot tests). API Gateway puts the code in `x-amzn-ErrorType` and only `message` in the body.
 */
export const badRequest = (message: string) => new AwsError('BadRequestException', message, 400);
export const notFound = (message: string) => new AwsError('NotFoundException', message, 404);
export const conflict = (message: string) => new AwsError('ConflictException', message, 409);

export const apiNotFound = (accountId: string, apiId: string) => notFound(`Invalid API identifier specified ${accountId}:${apiId}`);
export const resourceNotFound = () => notFound('Invalid Resource identifier specified');
export const methodNotFound = () => notFound('Invalid Method identifier specified');
export const integrationNotFound = () => notFound('Invalid Integration identifier specified');
export const responseNotFound = () => notFound('Invalid Response status code specified');
export const stageNotFound = () => notFound('Invalid Stage identifier specified');
export const deploymentNotFound = () => notFound('Invalid Deployment identifier specified');

/** API Gateway on the wire: the code in `x-amzn-ErrorType`, only `message` in the body. */
export const API_GATEWAY_ERRORS: RestJsonStyle = {
  errorBody: (err) => ({ message: err.message }),
  badBody: () => new AwsError('SerializationException', 'Unable to parse the request body as JSON'),
  // The control plane's largest body is an OpenAPI import (ImportRestApi, PutRestApi).
  bodyLimit: () => frontDoorLimit(MAX_PAYLOAD_BYTES),
};
