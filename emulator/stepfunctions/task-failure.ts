/**
 * A failed task, as the interpreter sees it: `name` is the ASL error Retry and Catch match
 * (`DynamoDB.ConditionalCheckFailedException`, `Lambda.ServiceException`, a function's errorType),
 * `message` the cause that Catch hands on and history records.
 */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/**
 * `States.Runtime`: a failure no Retry or Catch may handle, as AWS treats it (the interpreter names
 * the state it happened in).
 */
export class RuntimeFailure extends Error {
  constructor(cause: string) {
    super(cause);
    this.name = 'States.Runtime';
  }
}

/** The cause text Step Functions gives for an AWS service error (the Java SDK's exception text). */
export function serviceErrorCause(message: string, service: string, statusCode: number, code: string, requestId: string): string {
  return `${message} (Service: ${service}; Status Code: ${statusCode}; Error Code: ${code}; Request ID: ${requestId}; Proxy: null)`;
}
