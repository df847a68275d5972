import { AwsError } from '../core/aws-error';
import type { RestJsonStyle } from '../protocol/rest-json';

/**
 * Lambda's REST errors. The body is `{"Type":"User","message":"..."}` with the code in
 * `x-amzn-ErrorType`; the SDK maps the header to its named exception class. Each exception's
 * model spells its message member its own way (`Message` for ResourceNotFoundException and
 * ServiceException, `message` for most others), and AWS sends it that way, so we do too.
 */
interface ErrorShape {
  status: number;
  messageKey: 'message' | 'Message';
  /** `User` for caller faults, `Service` for ours; absent on the un-modelled ValidationException. */
  type?: 'User' | 'Service';
}

const SHAPES: Record<string, ErrorShape> = {
  ResourceNotFoundException: { status: 404, messageKey: 'Message', type: 'User' },
  ResourceConflictException: { status: 409, messageKey: 'message', type: 'User' },
  InvalidParameterValueException: { status: 400, messageKey: 'message', type: 'User' },
  InvalidRequestContentException: { status: 400, messageKey: 'message', type: 'User' },
  RequestTooLargeException: { status: 413, messageKey: 'message', type: 'User' },
  TooManyRequestsException: { status: 429, messageKey: 'message', type: 'User' },
  PreconditionFailedException: { status: 412, messageKey: 'message', type: 'User' },
  InvalidRuntimeException: { status: 502, messageKey: 'Message', type: 'User' },
  ServiceException: { status: 500, messageKey: 'Message', type: 'Service' },
  ValidationException: { status: 400, messageKey: 'message' },
  RequestEntityTooLargeException: { status: 413, messageKey: 'message' },
};

export function lambdaError(code: keyof typeof SHAPES & string, message: string, extra: Record<string, unknown> = {}): AwsError {
  const shape = SHAPES[code]!;
  return new AwsError(code, message, shape.status, extra);
}

export function functionNotFound(arn: string): AwsError {
  return lambdaError('ResourceNotFoundException', `Function not found: ${arn}`);
}

export function invalidParameter(message: string): AwsError {
  return lambdaError('InvalidParameterValueException', message);
}

/** Lambda's REST errors on the wire: the body each exception's model gives it, and `Retry-After` when throttled. */
export const LAMBDA_ERRORS: RestJsonStyle = {
  errorBody(err) {
    const shape = SHAPES[err.code] ?? { status: err.statusCode, messageKey: 'message', type: 'Service' };
    const body: Record<string, unknown> = {};
    if (shape.type) body.Type = shape.type;
    body[shape.messageKey] = err.message;
    const { retryAfterSeconds: _, ...extra } = err.extra;
    return Object.assign(body, extra);
  },
  errorHeaders: (err): Record<string, string> => (err.extra.retryAfterSeconds !== undefined ? { 'retry-after': String(err.extra.retryAfterSeconds) } : {}),
  badBody: () => lambdaError('InvalidRequestContentException', 'Could not parse request body into json: the body is not a JSON object.'),
};
