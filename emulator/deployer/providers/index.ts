import { apiAccount } from './apigateway-account';
import { apiDeployment } from './apigateway-deployment';
import { apiMethod } from './apigateway-method';
import { apiResource } from './apigateway-resource';
import { restApi } from './apigateway-rest-api';
import { apiStage } from './apigateway-stage';
import { customResource } from './custom-resource';
import { dynamoDbTable } from './dynamodb-table';
import { ecrRepository } from './ecr-repository';
import { eventsApiDestination } from './events-api-destination';
import { eventsConnection } from './events-connection';
import { eventBus } from './events-event-bus';
import { eventsRule } from './events-rule';
import { cdkMetadata, iamManagedPolicy, iamPolicy, iamRole } from './iam';
import { lambdaFunction } from './lambda-function';
import { lambdaPermission } from './lambda-permission';
import { logGroup } from './logs-log-group';
import { s3Bucket } from './s3-bucket';
import { s3BucketPolicy } from './s3-bucket-policy';
import { ssmParameter } from './ssm-parameter';
import type { ResourceProvider } from './provider';
import { sqsQueue, sqsQueuePolicy } from './sqs-queue';
import { stateMachine } from './stepfunctions-state-machine';

export type { ResourceProvider, ProviderContext, ResourceState, DeployedResource } from './provider';

/** One provider per resource type the deployer can deploy. */
const PROVIDERS: Record<string, ResourceProvider> = {
  'AWS::Events::EventBus': eventBus,
  'AWS::Events::Rule': eventsRule,
  'AWS::Events::Connection': eventsConnection,
  'AWS::Events::ApiDestination': eventsApiDestination,
  'AWS::Logs::LogGroup': logGroup,
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::Permission': lambdaPermission,
  'AWS::ApiGateway::RestApi': restApi,
  'AWS::ApiGateway::Resource': apiResource,
  'AWS::ApiGateway::Method': apiMethod,
  'AWS::ApiGateway::Deployment': apiDeployment,
  'AWS::ApiGateway::Stage': apiStage,
  'AWS::ApiGateway::Account': apiAccount,
  'AWS::StepFunctions::StateMachine': stateMachine,
  'AWS::DynamoDB::Table': dynamoDbTable,
  'AWS::S3::Bucket': s3Bucket,
  'AWS::S3::BucketPolicy': s3BucketPolicy,
  'AWS::SSM::Parameter': ssmParameter,
  'AWS::ECR::Repository': ecrRepository,
  'AWS::SQS::Queue': sqsQueue,
  'AWS::SQS::QueuePolicy': sqsQueuePolicy,
  'AWS::IAM::Role': iamRole,
  'AWS::IAM::Policy': iamPolicy,
  'AWS::IAM::ManagedPolicy': iamManagedPolicy,
  'AWS::CDK::Metadata': cdkMetadata,
  'AWS::CloudFormation::CustomResource': customResource,
};

/** The provider of a type, or undefined when the deployer does not know it. `Custom::*` are custom resources. */
export function providerFor(type: string): ResourceProvider | undefined {
  if (type.startsWith('Custom::')) return customResource;
  return Object.hasOwn(PROVIDERS, type) ? PROVIDERS[type] : undefined;
}

export function supportedTypes(): string[] {
  return [...Object.keys(PROVIDERS), 'Custom::*'];
}
