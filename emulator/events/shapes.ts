import { AwsError } from '../core/aws-error';
import { integer, list, required, string, structure } from '../protocol/validation';

// Shapes of the events service model (botocore events-2015-10-07) that several operations share.
export const NAME_PATTERN = '[\\.\\-_A-Za-z0-9]+';
export const NAME = string({ min: 1, max: 64, pattern: NAME_PATTERN });
export const BUS_NAME = string({ min: 1, max: 256, pattern: '[/\\.\\-_A-Za-z0-9]+' });
/** `EventBusName` as a name-or-ARN member (rules and targets operations). */
export const BUS_NAME_OR_ARN = string({ min: 1, max: 1600, pattern: '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+' });
export const NON_PARTNER_BUS = string({ min: 1, max: 1600, pattern: '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\.\\-_A-Za-z0-9]+' });
export const ARN = string({ min: 1, max: 1600 });
export const DESCRIPTION = string({ max: 512 });
export const LIMIT = integer({ min: 1, max: 100 });
export const NEXT_TOKEN = string({ min: 1, max: 2048 });
export const TAGS = list(structure({ Key: required(string({ min: 1, max: 128 })), Value: required(string({ min: 0, max: 256 })) }));

/** EventBridge's own refusals, once the input has passed the model's constraints. */
export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function notFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

export function alreadyExists(message: string): AwsError {
  return new AwsError('ResourceAlreadyExistsException', message);
}
