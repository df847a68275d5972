import { AwsError } from '../core/aws-error';
import { decodeToken as decode } from '../core/paging';
import { integer, long, string, type Dialect } from '../protocol/validation';

/**
 * CloudWatch Logs' front end reports broken constraints as `InvalidParameterException` rather
 * than `ValidationException`, and a member of the wrong JSON type as `SerializationException`.
 */
export const LOGS_DIALECT: Dialect = { exception: 'InvalidParameterException', wrongType: 'serialization' };

// Shapes shared by several operations (botocore `logs/2014-03-28` names in comments).
export const LOG_GROUP_NAME = string({ min: 1, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]+' }); // LogGroupName
export const LOG_STREAM_NAME = string({ min: 1, max: 512, pattern: '[^:*]*' }); // LogStreamName
export const LOG_GROUP_IDENTIFIER = string({ min: 1, max: 2048, pattern: '[\\w#+=/:,.@-]*' }); // LogGroupIdentifier
export const NEXT_TOKEN = string({ min: 1 }); // NextToken
export const DESCRIBE_LIMIT = integer({ min: 1, max: 50 }); // DescribeLimit
export const EVENTS_LIMIT = integer({ min: 1, max: 10000 }); // EventsLimit
export const TIMESTAMP = long({ min: 0 }); // Timestamp

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

export const INVALID_TOKEN = 'The specified nextToken is invalid.';

/** A paging token of this service, refused with AWS's message when it does not decode. */
export function decodeToken<T>(token: string, check: (value: any) => value is T): T {
  const value = decode(token, check);
  if (value === undefined) throw invalidParameter(INVALID_TOKEN);
  return value;
}

/**
 * A name over 512 characters gets its own message on AWS, ahead of the model's checks
 * (CreateLogGroup, CreateLogStream).
 */
export function oversizedName(member: string) {
  return (input: Record<string, unknown>): void => {
    const value = input[member];
    if (typeof value === 'string' && value.length > 512) throw invalidParameter('Invalid LogGroup or LogStream, both must have length less than or equal to 512.');
  };
}
