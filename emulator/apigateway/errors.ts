import { AwsError } from '../core/aws-error';

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

/** Coral's message for a value outside a member's enumeration. */
export function enumViolation(value: string, member: string, allowed: readonly string[]): AwsError {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );
}

const STATUS_CODE = /^[1-5]\d\d$/;

/** Method and integration response status codes: three digits, 1xx to 5xx. */
export function checkStatusCode(statusCode: string): void {
  if (!STATUS_CODE.test(statusCode)) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${statusCode}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`,
    );
  }
}
