import { AwsError } from '../core/aws-error';

/**
 * An SQS error as the JSON protocol carries it: `__type` in the service's namespace and, because
 * SQS was a Query service first, its Query error code and fault in `x-amzn-query-error`, which the
 * SDK v3 reads to name the exception (`QueueDoesNotExist`, ...).
 */
export class SqsError extends AwsError {
  constructor(
    code: string,
    readonly queryError: string,
    message: string,
    statusCode = 400,
  ) {
    super(`com.amazonaws.sqs#${code}`, message, statusCode);
  }
}

export const queueDoesNotExist = () => new SqsError('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue;Sender', 'The specified queue does not exist.');

export const invalidParameterValue = (message: string) => new SqsError('InvalidParameterValueException', 'InvalidParameterValue;Sender', message);

export const invalidAttributeName = (name: string) => new SqsError('InvalidAttributeName', 'InvalidAttributeName;Sender', `Unknown Attribute ${name}.`);

export const receiptHandleIsInvalid = (handle: string) =>
  new SqsError('ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid;Sender', `The input receipt handle "${handle}" is not a valid receipt handle.`);
