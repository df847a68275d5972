import {
  DeleteItemCommand,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DeleteItemCommandInput,
  type DynamoDBClient,
  type GetItemCommandInput,
  type PutItemCommandInput,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { Json as JsonValue } from '../asl/jsonpath';
import { serviceErrorCause, TaskFailure } from '../task-failure';
import { rawResponseOf } from './dynamodb-clients';
import { sdkResponseMetadata } from './sdk-http-metadata';
import type { ServiceIntegration, TaskContext } from './types';

const ACTIONS = ['getItem', 'putItem', 'updateItem', 'deleteItem'] as const;

export type DynamoDbAction = (typeof ACTIONS)[number];

export function isDynamoDbAction(action: string): action is DynamoDbAction {
  return (ACTIONS as readonly string[]).includes(action);
}

// The definition's parameters are passed through unchanged: DynamoDB validates them.
async function send(client: DynamoDBClient, action: DynamoDbAction, parameters: unknown): Promise<object> {
  switch (action) {
    case 'getItem':
      return client.send(new GetItemCommand(parameters as GetItemCommandInput));
    case 'putItem':
      return client.send(new PutItemCommand(parameters as PutItemCommandInput));
    case 'updateItem':
      return client.send(new UpdateItemCommand(parameters as UpdateItemCommandInput));
    case 'deleteItem':
      return client.send(new DeleteItemCommand(parameters as DeleteItemCommandInput));
  }
}

/**
 * `arn:aws:states:::dynamodb:<action>`: the parameters are the DynamoDB API's own request, sent to the
 * emulator's DynamoDB in the state machine's account and region. The result is DynamoDB's response
 * plus `SdkHttpMetadata`/`SdkResponseMetadata`; failures are `DynamoDB.<ErrorCode>` (a
 * ValidationException is `DynamoDB.AmazonDynamoDBException`, as AWS reports it), so Retry and Catch
 * on e.g. `DynamoDB.ConditionalCheckFailedException` behave as on AWS.
 */
export function dynamoDbIntegration(action: DynamoDbAction): ServiceIntegration {
  return {
    kind: 'service',
    resourceType: 'dynamodb',
    resource: action,
    async invoke(parameters: JsonValue, ctx: TaskContext): Promise<JsonValue> {
      let output: object;
      try {
        output = await send(ctx.dynamodb.get(ctx.accountId, ctx.region), action, parameters);
      } catch (err) {
        throw dynamoDbFailure(err);
      }
      const raw = rawResponseOf(output);
      const { $metadata, ...body } = output as { $metadata: { requestId?: string; httpStatusCode?: number } };
      const requestId = $metadata.requestId ?? raw?.headers['x-amzn-requestid'] ?? '';
      return {
        ...(withBase64Binaries(body) as Record<string, JsonValue>),
        ...sdkResponseMetadata(raw?.statusCode ?? $metadata.httpStatusCode ?? 200, raw?.headers ?? {}, requestId),
      };
    },
  };
}

function dynamoDbFailure(err: unknown): TaskFailure {
  if (err instanceof DynamoDBServiceException) {
    const code = err.name;
    const status = err.$metadata.httpStatusCode ?? 400;
    const cause = serviceErrorCause(err.message, 'AmazonDynamoDBv2', status, code, err.$metadata.requestId ?? '');
    return new TaskFailure(code === 'ValidationException' ? 'DynamoDB.AmazonDynamoDBException' : `DynamoDB.${code}`, cause);
  }
  // No answer from the service (connection refused, unparsable response): the client's own failure.
  const message = err instanceof Error ? err.message : String(err);
  return new TaskFailure('DynamoDB.SdkClientException', message);
}

/** Binary attribute values come back from the SDK as bytes; in JSON (and in AWS's output) they are base64. */
function withBase64Binaries(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(withBase64Binaries);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withBase64Binaries(v)]));
  }
  return value;
}
