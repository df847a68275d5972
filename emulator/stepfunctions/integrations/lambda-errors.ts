import { AwsError } from '../../core/aws-error';
import type { LambdaInvokeResult } from '../../core/hub';
import { serviceErrorCause, TaskFailure } from '../task-failure';

/**
 * A Lambda service error (the invocation could not happen) as Step Functions reports it:
 * `Lambda.<ErrorCode>` with the Java SDK's cause text. Anything that is not a service answer is the
 * service failing: `Lambda.ServiceException`.
 */
export function lambdaServiceFailure(err: unknown, requestId: string): TaskFailure {
  if (err instanceof AwsError) {
    return new TaskFailure(`Lambda.${err.code}`, serviceErrorCause(err.message, 'AWSLambda', err.statusCode, err.code, requestId));
  }
  const message = err instanceof Error ? err.message : String(err);
  return new TaskFailure('Lambda.ServiceException', serviceErrorCause(message, 'AWSLambda', 500, 'ServiceException', requestId));
}

/**
 * A function error (the function ran and failed): the error is the `errorType` it reported and the
 * cause its whole error payload. Without an errorType (timeouts, crashes) the error is
 * `Lambda.Unknown`, as on AWS.
 */
export function functionErrorFailure(result: LambdaInvokeResult): TaskFailure {
  const payload = result.payload.toString('utf8');
  let errorType: unknown;
  try {
    errorType = (JSON.parse(payload) as { errorType?: unknown } | null)?.errorType;
  } catch {
    errorType = undefined;
  }
  if (typeof errorType === 'string' && errorType.length > 0) return new TaskFailure(errorType, payload);
  return new TaskFailure('Lambda.Unknown', `The cause could not be determined because Lambda did not return an error type. Returned payload: ${payload}`);
}

/** A response payload as Step Functions hands it on: parsed JSON, or the text when it is not JSON. */
export function parsePayload(payload: Buffer): unknown {
  const text = payload.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
