import type {
  CreateDeploymentRequest,
  CreateResourceRequest,
  CreateRestApiRequest,
  CreateStageRequest,
  DeleteDeploymentRequest,
  DeleteIntegrationRequest,
  DeleteIntegrationResponseRequest,
  DeleteMethodRequest,
  DeleteMethodResponseRequest,
  DeleteResourceRequest,
  DeleteRestApiRequest,
  DeleteStageRequest,
  GetDeploymentRequest,
  GetDeploymentsRequest,
  GetIntegrationRequest,
  GetIntegrationResponseRequest,
  GetMethodRequest,
  GetMethodResponseRequest,
  GetResourceRequest,
  GetResourcesRequest,
  GetRestApiRequest,
  GetRestApisRequest,
  GetStageRequest,
  GetStagesRequest,
  PutIntegrationRequest,
  PutIntegrationResponseRequest,
  PutMethodRequest,
  PutMethodResponseRequest,
  UpdateAccountRequest,
  UpdateRestApiRequest,
  UpdateStageRequest,
} from '@aws-sdk/client-api-gateway';
import type { RequestContext } from '../core/request-context';
import type { CompiledOperation } from '../protocol/operations';
import type { Account, Deployment, Integration, IntegrationResponse, Method, MethodResponse, Resource, RestApi, Stage } from './model';

/**
 * The control plane as plain methods, for callers inside the process (the deployer): the same
 * operations, inputs (the SDK's request shapes) and errors (AwsError) as over HTTP. Results are
 * the wire shapes, with timestamps in epoch seconds.
 */
export interface ApiGatewayControlPlane {
  createRestApi(ctx: RequestContext, input: CreateRestApiRequest): RestApi;
  getRestApis(ctx: RequestContext, input: GetRestApisRequest): { items: RestApi[]; position?: string };
  getRestApi(ctx: RequestContext, input: GetRestApiRequest): RestApi;
  updateRestApi(ctx: RequestContext, input: UpdateRestApiRequest): RestApi;
  deleteRestApi(ctx: RequestContext, input: DeleteRestApiRequest): void;
  getResources(ctx: RequestContext, input: GetResourcesRequest): { items: Resource[]; position?: string };
  getResource(ctx: RequestContext, input: GetResourceRequest): Resource;
  createResource(ctx: RequestContext, input: CreateResourceRequest): Resource;
  deleteResource(ctx: RequestContext, input: DeleteResourceRequest): void;
  putMethod(ctx: RequestContext, input: PutMethodRequest): Method;
  getMethod(ctx: RequestContext, input: GetMethodRequest): Method;
  deleteMethod(ctx: RequestContext, input: DeleteMethodRequest): void;
  putMethodResponse(ctx: RequestContext, input: PutMethodResponseRequest): MethodResponse;
  getMethodResponse(ctx: RequestContext, input: GetMethodResponseRequest): MethodResponse;
  deleteMethodResponse(ctx: RequestContext, input: DeleteMethodResponseRequest): void;
  putIntegration(ctx: RequestContext, input: PutIntegrationRequest): Integration;
  getIntegration(ctx: RequestContext, input: GetIntegrationRequest): Integration;
  deleteIntegration(ctx: RequestContext, input: DeleteIntegrationRequest): void;
  putIntegrationResponse(ctx: RequestContext, input: PutIntegrationResponseRequest): IntegrationResponse;
  getIntegrationResponse(ctx: RequestContext, input: GetIntegrationResponseRequest): IntegrationResponse;
  deleteIntegrationResponse(ctx: RequestContext, input: DeleteIntegrationResponseRequest): void;
  createDeployment(ctx: RequestContext, input: CreateDeploymentRequest): Deployment;
  getDeployments(ctx: RequestContext, input: GetDeploymentsRequest): { items: Deployment[]; position?: string };
  getDeployment(ctx: RequestContext, input: GetDeploymentRequest): Deployment;
  deleteDeployment(ctx: RequestContext, input: DeleteDeploymentRequest): void;
  createStage(ctx: RequestContext, input: CreateStageRequest): Stage;
  getStages(ctx: RequestContext, input: GetStagesRequest): { item: Stage[] };
  getStage(ctx: RequestContext, input: GetStageRequest): Stage;
  updateStage(ctx: RequestContext, input: UpdateStageRequest): Stage;
  deleteStage(ctx: RequestContext, input: DeleteStageRequest): void;
  getAccount(ctx: RequestContext): Account;
  updateAccount(ctx: RequestContext, input: UpdateAccountRequest): Account;
}

/**
 * The control plane for in-process callers, each method the compiled table entry of its
 * operation: the same checks, handler and errors as over the wire.
 */
export function createControlPlane(operations: Record<string, CompiledOperation>): ApiGatewayControlPlane {
  const call = (name: string) => (ctx: RequestContext, input: object = {}) => operations[name]!(input as Record<string, unknown>, ctx);
  const methods: Record<string, unknown> = {};
  for (const name of Object.keys(operations)) methods[name.charAt(0).toLowerCase() + name.slice(1)] = call(name);
  return methods as unknown as ApiGatewayControlPlane;
}
