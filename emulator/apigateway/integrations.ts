import type {
  DeleteIntegrationRequest,
  DeleteIntegrationResponseRequest,
  GetIntegrationRequest,
  GetIntegrationResponseRequest,
  PutIntegrationRequest,
  PutIntegrationResponseRequest,
} from '@aws-sdk/client-api-gateway';
import type { RequestContext } from '../core/request-context';
import { badRequest, integrationNotFound, responseNotFound } from './errors';
import type { Integration, IntegrationResponse, IntegrationType, Method } from './model';
import type { ApiGatewayStore } from './store';

export const INTEGRATION_TYPES: IntegrationType[] = ['HTTP', 'MOCK', 'AWS_PROXY', 'HTTP_PROXY', 'AWS'];
const AWS_INTEGRATION_ARN = /^arn:aws[a-z-]*:apigateway:[a-zA-Z0-9-]+:[a-zA-Z0-9-.]+:(path|action)\//;
/** The only AWS_PROXY target the emulator runs: a Lambda function by its invocation path. */
export const LAMBDA_INVOCATION_URI = /^arn:aws[a-z-]*:apigateway:[a-zA-Z0-9-]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;
const FIREHOSE_ARN = /^arn:aws[a-z-]*:apigateway:[a-zA-Z0-9-]+:firehose:action\//;

/** The wire form: empty integration responses are left out, as AWS leaves them out. */
export function integrationView(integration: Integration): Integration {
  const view = structuredClone(integration);
  if (!view.integrationResponses || Object.keys(view.integrationResponses).length === 0) delete view.integrationResponses;
  return view;
}

function validateTarget(type: IntegrationType, httpMethod: string | undefined, uri: string | undefined): void {
  if (type === 'MOCK') return;
  if (!httpMethod) throw badRequest('Enumeration value for HttpMethod must be non-empty');
  if (type === 'HTTP' || type === 'HTTP_PROXY') {
    if (!URL.canParse(uri ?? '') || !/^https?:$/.test(new URL(uri!).protocol)) throw badRequest('Invalid HTTP endpoint specified for URI');
    return;
  }
  if (!uri?.startsWith('arn:')) throw badRequest('Invalid ARN specified in the request');
  if (!AWS_INTEGRATION_ARN.test(uri)) throw badRequest('AWS ARN for integration must contain path or action');
  if (type === 'AWS_PROXY' && !LAMBDA_INVOCATION_URI.test(uri) && !FIREHOSE_ARN.test(uri)) {
    throw badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
  }
}

export function putIntegration(store: ApiGatewayStore, input: PutIntegrationRequest, ctx: RequestContext): Integration {
  const type = input.type as IntegrationType;
  const { resource, method } = store.method(ctx, input.restApiId, input.resourceId, input.httpMethod);
  validateTarget(type, input.integrationHttpMethod, input.uri);
  const integration: Integration = {
    type,
    ...(input.integrationHttpMethod !== undefined && { httpMethod: input.integrationHttpMethod }),
    ...(input.uri !== undefined && { uri: input.uri }),
    ...(input.credentials !== undefined && { credentials: input.credentials }),
    ...(input.requestParameters && { requestParameters: { ...input.requestParameters } }),
    ...(input.requestTemplates && { requestTemplates: { ...input.requestTemplates } }),
    passthroughBehavior: input.passthroughBehavior ?? 'WHEN_NO_MATCH',
    ...(input.contentHandling !== undefined && { contentHandling: input.contentHandling }),
    cacheNamespace: input.cacheNamespace ?? resource.id,
    cacheKeyParameters: [...(input.cacheKeyParameters ?? [])],
    timeoutInMillis: input.timeoutInMillis ?? 29000,
    ...(input.connectionType !== undefined && { connectionType: input.connectionType }),
    ...(input.connectionId !== undefined && { connectionId: input.connectionId }),
  };
  if (input.credentials?.startsWith('arn:')) store.hub.iam.passRole(ctx, input.credentials, 'apigateway.amazonaws.com', 'PutIntegration');
  method.methodIntegration = integration;
  return integrationView(integration);
}

function findIntegration(store: ApiGatewayStore, ctx: RequestContext, input: { restApiId?: string; resourceId?: string; httpMethod?: string }): Integration {
  return integrationOf(store, ctx, input).methodIntegration!;
}

function integrationOf(store: ApiGatewayStore, ctx: RequestContext, input: { restApiId?: string; resourceId?: string; httpMethod?: string }): Method {
  const { method } = store.method(ctx, input.restApiId, input.resourceId, input.httpMethod);
  if (!method.methodIntegration) throw integrationNotFound();
  return method;
}

export function getIntegration(store: ApiGatewayStore, input: GetIntegrationRequest, ctx: RequestContext): Integration {
  return integrationView(findIntegration(store, ctx, input));
}

export function deleteIntegration(store: ApiGatewayStore, input: DeleteIntegrationRequest, ctx: RequestContext): void {
  delete integrationOf(store, ctx, input).methodIntegration;
}

export function putIntegrationResponse(store: ApiGatewayStore, input: PutIntegrationResponseRequest, ctx: RequestContext): IntegrationResponse {
  const integration = findIntegration(store, ctx, input);
  const response: IntegrationResponse = {
    statusCode: input.statusCode!,
    ...(input.selectionPattern !== undefined && { selectionPattern: input.selectionPattern }),
    ...(input.responseParameters && { responseParameters: { ...input.responseParameters } }),
    ...(input.responseTemplates && { responseTemplates: { ...input.responseTemplates } }),
    ...(input.contentHandling !== undefined && { contentHandling: input.contentHandling }),
  };
  integration.integrationResponses = { ...integration.integrationResponses, [response.statusCode]: response };
  return structuredClone(response);
}

export function getIntegrationResponse(store: ApiGatewayStore, input: GetIntegrationResponseRequest, ctx: RequestContext): IntegrationResponse {
  const response = findIntegration(store, ctx, input).integrationResponses?.[input.statusCode!];
  if (!response) throw responseNotFound();
  return structuredClone(response);
}

export function deleteIntegrationResponse(store: ApiGatewayStore, input: DeleteIntegrationResponseRequest, ctx: RequestContext): void {
  const integration = findIntegration(store, ctx, input);
  if (!integration.integrationResponses?.[input.statusCode!]) throw responseNotFound();
  delete integration.integrationResponses[input.statusCode!];
}
