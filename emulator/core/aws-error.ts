/**
 * An error in AWS's shape. Services throw it; the protocol layer turns it into the wire form the
 * SDK maps back to its named exception class (`__type` + `x-amzn-ErrorType` for JSON services,
 * the REST services' own shapes for Lambda and API Gateway).
 */
export class AwsError extends Error {
  readonly code: string;
  readonly statusCode: number;
  /** Extra members some errors carry on the wire (e.g. Lambda's `Type`). */
  readonly extra: Record<string, unknown>;

  constructor(code: string, message: string, statusCode = 400, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.statusCode = statusCode;
    this.extra = extra;
  }
}
