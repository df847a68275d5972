import { dynamoDbIntegration, isDynamoDbAction } from './dynamodb';
import { eventsPutEvents } from './events-put-events';
import { lambdaFunction } from './lambda-function';
import { lambdaInvoke } from './lambda-invoke';
import type { TaskIntegration } from './types';

const SERVICE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]*:\d*:([a-zA-Z0-9-]+):([a-zA-Z0-9]+)(\.[a-zA-Z]+(:\d+)?)?$/;

/**
 * The integration a Task's Resource names, or why the emulator cannot run it. Supported: Lambda
 * function ARNs, `lambda:invoke`, `dynamodb:getItem|putItem|updateItem|deleteItem` and
 * `events:putEvents`, all request-response (no `.sync` or `.waitForTaskToken`).
 */
export function resolveIntegration(resource: string): TaskIntegration | { unsupported: string } {
  const fn = lambdaFunction(resource);
  if (fn) return fn;
  const match = SERVICE_ARN.exec(resource);
  if (match) {
    const [, service, action, pattern] = match;
    if (pattern) return { unsupported: `The integration pattern '${pattern}' of '${resource}' is not supported by the embedded emulator (request-response only).` };
    if (service === 'lambda' && action === 'invoke') return lambdaInvoke;
    if (service === 'dynamodb' && isDynamoDbAction(action!)) return dynamoDbIntegration(action);
    if (service === 'events' && action === 'putEvents') return eventsPutEvents;
  }
  return {
    unsupported: `The resource '${resource}' is not supported by the embedded emulator. Supported: Lambda function ARNs, lambda:invoke, dynamodb:getItem/putItem/updateItem/deleteItem, events:putEvents.`,
  };
}

export type { TaskContext, TaskIntegration } from './types';
export { DynamoDbClients } from './dynamodb-clients';
