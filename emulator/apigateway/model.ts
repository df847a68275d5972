/**
 * API Gateway REST (v1) resources as the control plane returns them. Field names are the wire
 * names of the REST-JSON protocol, so an object can be serialised as it is; timestamps are epoch
 * seconds, which is how the SDK reads REST-JSON timestamps.
 */

export type IntegrationType = 'AWS' | 'AWS_PROXY' | 'HTTP' | 'HTTP_PROXY' | 'MOCK';

export interface IntegrationResponse {
  statusCode: string;
  selectionPattern?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  contentHandling?: string;
}

export interface Integration {
  type: IntegrationType;
  /** The integration's own HTTP method (`integrationHttpMethod` in the SDK). */
  httpMethod?: string;
  uri?: string;
  credentials?: string;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  passthroughBehavior: string;
  contentHandling?: string;
  cacheNamespace: string;
  cacheKeyParameters: string[];
  timeoutInMillis: number;
  connectionType?: string;
  connectionId?: string;
  integrationResponses?: Record<string, IntegrationResponse>;
}

export interface MethodResponse {
  statusCode: string;
  responseParameters?: Record<string, boolean>;
  responseModels?: Record<string, string>;
}

export interface Method {
  httpMethod: string;
  authorizationType: string;
  authorizerId?: string;
  apiKeyRequired: boolean;
  operationName?: string;
  requestParameters?: Record<string, boolean>;
  requestModels?: Record<string, string>;
  requestValidatorId?: string;
  authorizationScopes?: string[];
  methodResponses?: Record<string, MethodResponse>;
  methodIntegration?: Integration;
}

export interface Resource {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  resourceMethods?: Record<string, Method>;
}

export interface EndpointConfiguration {
  types: string[];
  ipAddressType?: string;
  vpcEndpointIds?: string[];
}

export interface RestApi {
  id: string;
  name: string;
  description?: string;
  version?: string;
  createdDate: number;
  binaryMediaTypes?: string[];
  minimumCompressionSize?: number;
  apiKeySource: string;
  endpointConfiguration: EndpointConfiguration;
  policy?: string;
  tags: Record<string, string>;
  disableExecuteApiEndpoint: boolean;
  rootResourceId: string;
}

/** What a deployment froze: the API as it was when CreateDeployment ran. */
export interface DeployedApi {
  resources: Resource[];
  binaryMediaTypes: string[];
}

export interface Deployment {
  id: string;
  description?: string;
  createdDate: number;
}

export interface Stage {
  stageName: string;
  deploymentId: string;
  description?: string;
  cacheClusterEnabled: boolean;
  cacheClusterSize?: string;
  cacheClusterStatus: string;
  methodSettings: Record<string, unknown>;
  variables?: Record<string, string>;
  documentationVersion?: string;
  tracingEnabled: boolean;
  tags?: Record<string, string>;
  createdDate: number;
  lastUpdatedDate: number;
}

export interface Account {
  cloudwatchRoleArn?: string;
  throttleSettings: { burstLimit: number; rateLimit: number };
  features: string[];
  apiKeyVersion: string;
}

/** A Lambda or Cognito authorizer: the members it was created with, as AWS describes it back. */
export interface Authorizer {
  id: string;
  name: string;
  type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS';
  providerARNs?: string[];
  authType?: string;
  authorizerUri?: string;
  authorizerCredentials?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerResultTtlInSeconds?: number;
}

/** A model (a JSON schema for request and response bodies); `schema` is the text as given. */
export interface ApiModel {
  id: string;
  name: string;
  description?: string;
  schema?: string;
  contentType: string;
}

/** One REST API and everything that hangs off it. */
export interface ApiRecord {
  api: RestApi;
  resources: Map<string, Resource>;
  authorizers: Map<string, Authorizer>;
  /** By name: methods and deletions name models, not ids. */
  models: Map<string, ApiModel>;
  deployments: Map<string, { deployment: Deployment; snapshot: DeployedApi }>;
  stages: Map<string, Stage>;
}

/** The state of one account in one region. */
export interface ApiGatewayState {
  apis: Map<string, ApiRecord>;
  account: Account;
}

export function createState(): ApiGatewayState {
  return {
    apis: new Map(),
    // The defaults AWS reports for an account that has set nothing.
    account: { throttleSettings: { burstLimit: 5000, rateLimit: 10000 }, features: ['UsagePlans'], apiKeyVersion: '4' },
  };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
