import { constraint, violation } from '../protocol/validation';

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

// The validation front end's error, for the services whose checks are not yet declared in an
// operation table (Step Functions); new code uses emulator/protocol/validation.ts.
export { validationError } from '../protocol/validation';

/** The violation text AWS uses for a required member that is absent. */
export function nullViolation(member: string): string {
  return violation(null, member, constraint.notNull);
}
