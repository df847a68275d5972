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
import { getAccount, updateAccount } from './account';
import { createDeployment, deleteDeployment, getDeployment, getDeployments } from './deployments';
import { deleteIntegration, deleteIntegrationResponse, getIntegration, getIntegrationResponse, putIntegration, putIntegrationResponse } from './integrations';
import { deleteMethod, deleteMethodResponse, getMethod, getMethodResponse, putMethod, putMethodResponse } from './methods';
import type { Account, Deployment, Integration, IntegrationResponse, Method, MethodResponse, Resource, RestApi, Stage } from './model';
import { createResource, deleteResource, getResource, getResources } from './resources';
import { createRestApi, deleteRestApi, getRestApi, getRestApis, updateRestApi } from './rest-apis';
import { createStage, deleteStage, getStage, getStages, updateStage } from './stages';
import type { ApiGatewayStore } from './store';

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

export function createControlPlane(store: ApiGatewayStore): ApiGatewayControlPlane {
  return {
    createRestApi: (ctx, input) => createRestApi(store, ctx, input),
    getRestApis: (ctx, input) => getRestApis(store, ctx, input),
    getRestApi: (ctx, input) => getRestApi(store, ctx, input),
    updateRestApi: (ctx, input) => updateRestApi(store, ctx, input),
    deleteRestApi: (ctx, input) => deleteRestApi(store, ctx, input),
    getResources: (ctx, input) => getResources(store, ctx, input),
    getResource: (ctx, input) => getResource(store, ctx, input),
    createResource: (ctx, input) => createResource(store, ctx, input),
    deleteResource: (ctx, input) => deleteResource(store, ctx, input),
    putMethod: (ctx, input) => putMethod(store, ctx, input),
    getMethod: (ctx, input) => getMethod(store, ctx, input),
    deleteMethod: (ctx, input) => deleteMethod(store, ctx, input),
    putMethodResponse: (ctx, input) => putMethodResponse(store, ctx, input),
    getMethodResponse: (ctx, input) => getMethodResponse(store, ctx, input),
    deleteMethodResponse: (ctx, input) => deleteMethodResponse(store, ctx, input),
    putIntegration: (ctx, input) => putIntegration(store, ctx, input),
    getIntegration: (ctx, input) => getIntegration(store, ctx, input),
    deleteIntegration: (ctx, input) => deleteIntegration(store, ctx, input),
    putIntegrationResponse: (ctx, input) => putIntegrationResponse(store, ctx, input),
    getIntegrationResponse: (ctx, input) => getIntegrationResponse(store, ctx, input),
    deleteIntegrationResponse: (ctx, input) => deleteIntegrationResponse(store, ctx, input),
    createDeployment: (ctx, input) => createDeployment(store, ctx, input),
    getDeployments: (ctx, input) => getDeployments(store, ctx, input),
    getDeployment: (ctx, input) => getDeployment(store, ctx, input),
    deleteDeployment: (ctx, input) => deleteDeployment(store, ctx, input),
    createStage: (ctx, input) => createStage(store, ctx, input),
    getStages: (ctx, input) => getStages(store, ctx, input),
    getStage: (ctx, input) => getStage(store, ctx, input),
    updateStage: (ctx, input) => updateStage(store, ctx, input),
    deleteStage: (ctx, input) => deleteStage(store, ctx, input),
    getAccount: (ctx) => getAccount(store, ctx),
    updateAccount: (ctx, input) => updateAccount(store, ctx, input),
  };
}
