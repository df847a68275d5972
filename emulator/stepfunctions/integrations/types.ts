import type { Hub } from '../../core/hub';
import type { Json as JsonValue } from '../asl/jsonpath';
import type { DynamoDbClients } from './dynamodb-clients';

/** Where a task runs: the state machine's account and region, and the execution it belongs to. */
export interface TaskContext {
  hub: Hub;
  dynamodb: DynamoDbClients;
  accountId: string;
  region: string;
  stateMachineArn: string;
  executionArn: string;
}

/**
 * An optimised service integration (`arn:aws:states:::<service>:<action>`): history reports it as
 * TaskScheduled/TaskStarted/TaskSucceeded/TaskFailed with this resource type and resource.
 */
export interface ServiceIntegration {
  kind: 'service';
  resourceType: string;
  resource: string;
  /** Runs the call with the state's effective parameters; throws TaskFailure or RuntimeFailure. */
  invoke(parameters: JsonValue, ctx: TaskContext): Promise<JsonValue>;
}

/** A Task whose Resource is a Lambda function ARN: history reports LambdaFunction* events. */
export interface LambdaFunctionIntegration {
  kind: 'lambda-function';
  functionArn: string;
  invoke(input: JsonValue, ctx: TaskContext): Promise<JsonValue>;
}

export type TaskIntegration = ServiceIntegration | LambdaFunctionIntegration;
