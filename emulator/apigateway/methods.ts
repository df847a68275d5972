import type {
  DeleteMethodRequest,
  DeleteMethodResponseRequest,
  GetMethodRequest,
  GetMethodResponseRequest,
  PutMethodRequest,
  PutMethodResponseRequest,
} from '@aws-sdk/client-api-gateway';
import type { RequestContext } from '../core/request-context';
import { badRequest, conflict, responseNotFound } from './errors';
import { integrationView } from './integrations';
import type { Method, MethodResponse } from './model';
import type { ApiGatewayStore } from './store';

export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'ANY'];

/** A method as GetMethod returns it; empty maps are left out, as AWS leaves them out. */
export function methodView(method: Method): Method {
  const view: Method = { ...method };
  if (!method.methodResponses || Object.keys(method.methodResponses).length === 0) delete view.methodResponses;
  else view.methodResponses = structuredClone(method.methodResponses);
  if (method.methodIntegration) view.methodIntegration = integrationView(method.methodIntegration);
  return view;
}

export function putMethod(store: ApiGatewayStore, input: PutMethodRequest, ctx: RequestContext): Method {
  const { record, resource } = store.resource(ctx, input.restApiId, input.resourceId);
  const verb = input.httpMethod ?? '';
  if (!HTTP_METHODS.includes(verb)) throw badRequest(`Invalid HttpMethod specified. Valid options are ${HTTP_METHODS.join(',')}`);
  const custom = input.authorizationType === 'CUSTOM' || input.authorizationType === 'COGNITO_USER_POOLS';
  if (custom && !record.authorizers.has(input.authorizerId ?? '')) {
    throw badRequest('Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.');
  }
  // The emulator keeps no request validators, so a reference to one cannot resolve.
  if (input.requestValidatorId) throw badRequest('Invalid Request Validator identifier specified');
  const unknownModel = Object.values(input.requestModels ?? {}).find((name) => !record.models.has(name));
  if (unknownModel !== undefined) throw badRequest(`Invalid model identifier specified: ${unknownModel}`);
  if (resource.resourceMethods?.[verb]) throw conflict('Method already exists for this resource');
  const method: Method = {
    httpMethod: verb,
    authorizationType: input.authorizationType ?? 'NONE',
    apiKeyRequired: input.apiKeyRequired ?? false,
    ...(custom && { authorizerId: input.authorizerId }),
    ...(input.operationName !== undefined && { operationName: input.operationName }),
    ...(input.requestParameters && { requestParameters: { ...input.requestParameters } }),
    ...(input.requestModels && { requestModels: { ...input.requestModels } }),
    ...(input.authorizationScopes && { authorizationScopes: [...input.authorizationScopes] }),
  };
  resource.resourceMethods = { ...resource.resourceMethods, [verb]: method };
  return methodView(method);
}

export function getMethod(store: ApiGatewayStore, input: GetMethodRequest, ctx: RequestContext): Method {
  return methodView(store.method(ctx, input.restApiId, input.resourceId, input.httpMethod).method);
}

export function deleteMethod(store: ApiGatewayStore, input: DeleteMethodRequest, ctx: RequestContext): void {
  const { resource } = store.method(ctx, input.restApiId, input.resourceId, input.httpMethod);
  delete resource.resourceMethods![input.httpMethod!];
  if (Object.keys(resource.resourceMethods!).length === 0) delete resource.resourceMethods;
}

export function putMethodResponse(store: ApiGatewayStore, input: PutMethodResponseRequest, ctx: RequestContext): MethodResponse {
  const { method } = store.method(ctx, input.restApiId, input.resourceId, input.httpMethod);
  const response: MethodResponse = {
    statusCode: input.statusCode!,
    ...(input.responseParameters && { responseParameters: { ...input.responseParameters } }),
    ...(input.responseModels && { responseModels: { ...input.responseModels } }),
  };
  method.methodResponses = { ...method.methodResponses, [response.statusCode]: response };
  return structuredClone(response);
}

export function getMethodResponse(store: ApiGatewayStore, input: GetMethodResponseRequest, ctx: RequestContext): MethodResponse {
  const { method } = store.method(ctx, input.restApiId, input.resourceId, input.httpMethod);
  const response = method.methodResponses?.[input.statusCode!];
  if (!response) throw responseNotFound();
  return structuredClone(response);
}

export function deleteMethodResponse(store: ApiGatewayStore, input: DeleteMethodResponseRequest, ctx: RequestContext): void {
  const { method } = store.method(ctx, input.restApiId, input.resourceId, input.httpMethod);
  if (!method.methodResponses?.[input.statusCode!]) throw responseNotFound();
  delete method.methodResponses[input.statusCode!];
}
