import { DeleteMethodCommand, PutIntegrationCommand, PutIntegrationResponseCommand, PutMethodCommand, PutMethodResponseCommand } from '@aws-sdk/client-api-gateway';
import type { ProviderContext, ResourceProvider, ResourceState } from './provider';
import { bool, ignoreNotFound, num, str, type Props } from './support';

interface Integration {
  Type?: string;
  IntegrationHttpMethod?: string;
  Uri?: string;
  Credentials?: string;
  RequestParameters?: Record<string, string>;
  RequestTemplates?: Record<string, string>;
  PassthroughBehavior?: string;
  ContentHandling?: string;
  TimeoutInMillis?: number;
  CacheNamespace?: string;
  CacheKeyParameters?: string[];
  ConnectionType?: string;
  ConnectionId?: string;
  IntegrationResponses?: Array<{ StatusCode: string; SelectionPattern?: string; ResponseParameters?: Record<string, string>; ResponseTemplates?: Record<string, string>; ContentHandling?: string }>;
}

interface MethodResponse {
  StatusCode: string;
  ResponseParameters?: Record<string, boolean>;
  ResponseModels?: Record<string, string>;
}

/** PutMethod, then method responses, the integration and its responses, in the order API Gateway needs them. */
async function putAll(p: Props, ctx: ProviderContext): Promise<ResourceState> {
  const restApiId = String(p.RestApiId);
  const resourceId = String(p.ResourceId);
  const httpMethod = String(p.HttpMethod).toUpperCase();
  const api = ctx.clients.apigateway;
  await api.send(
    new PutMethodCommand({
      restApiId,
      resourceId,
      httpMethod,
      authorizationType: str(p.AuthorizationType) ?? 'NONE',
      authorizerId: str(p.AuthorizerId),
      apiKeyRequired: bool(p.ApiKeyRequired),
      operationName: str(p.OperationName),
      requestParameters: p.RequestParameters as Record<string, boolean> | undefined,
      requestModels: p.RequestModels as Record<string, string> | undefined,
      requestValidatorId: str(p.RequestValidatorId),
      authorizationScopes: p.AuthorizationScopes as string[] | undefined,
    }),
  );
  for (const r of (p.MethodResponses as MethodResponse[] | undefined) ?? []) {
    await api.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod, statusCode: String(r.StatusCode), responseParameters: r.ResponseParameters, responseModels: r.ResponseModels }));
  }
  const integration = p.Integration as Integration | undefined;
  if (integration) {
    await api.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId,
        httpMethod,
        type: integration.Type as never,
        integrationHttpMethod: integration.IntegrationHttpMethod,
        uri: integration.Uri,
        credentials: integration.Credentials,
        requestParameters: integration.RequestParameters,
        requestTemplates: integration.RequestTemplates,
        passthroughBehavior: integration.PassthroughBehavior,
        contentHandling: integration.ContentHandling as never,
        timeoutInMillis: num(integration.TimeoutInMillis),
        cacheNamespace: integration.CacheNamespace,
        cacheKeyParameters: integration.CacheKeyParameters,
        connectionType: integration.ConnectionType as never,
        connectionId: integration.ConnectionId,
      }),
    );
    for (const r of integration.IntegrationResponses ?? []) {
      await api.send(
        new PutIntegrationResponseCommand({
          restApiId,
          resourceId,
          httpMethod,
          statusCode: String(r.StatusCode),
          selectionPattern: r.SelectionPattern,
          responseParameters: r.ResponseParameters,
          responseTemplates: r.ResponseTemplates,
          contentHandling: r.ContentHandling as never,
        }),
      );
    }
  }
  return { physicalId: `${restApiId}|${resourceId}|${httpMethod}` };
}

async function deleteMethod(p: Props, ctx: ProviderContext): Promise<void> {
  await ignoreNotFound(() =>
    ctx.clients.apigateway.send(new DeleteMethodCommand({ restApiId: String(p.RestApiId), resourceId: String(p.ResourceId), httpMethod: String(p.HttpMethod).toUpperCase() })),
  );
}

/**
 * AWS::ApiGateway::Method with its Integration and responses. An update puts the method again
 * from scratch (API Gateway's PutMethod replaces it), keeping the same physical id.
 */
export const apiMethod: ResourceProvider = {
  properties: {
    RestApiId: 'replace',
    ResourceId: 'replace',
    HttpMethod: 'replace',
    AuthorizationType: 'update',
    AuthorizerId: 'update',
    ApiKeyRequired: 'update',
    AuthorizationScopes: 'update',
    OperationName: 'update',
    RequestModels: 'update',
    RequestParameters: 'update',
    RequestValidatorId: 'update',
    Integration: 'update',
    MethodResponses: 'update',
  },
  required: ['RestApiId', 'ResourceId', 'HttpMethod'],
  create: putAll,
  async update(previous, p, ctx) {
    await deleteMethod(previous.properties, ctx);
    return putAll(p, ctx);
  },
  async delete(resource, ctx) {
    await deleteMethod(resource.properties, ctx);
  },
};
