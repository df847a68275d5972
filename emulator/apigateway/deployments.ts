import type { CreateDeploymentRequest, DeleteDeploymentRequest, GetDeploymentRequest, GetDeploymentsRequest } from '@aws-sdk/client-api-gateway';
import type { RequestContext } from '../core/request-context';
import { badRequest, deploymentNotFound } from './errors';
import { newId } from './ids';
import { nowSeconds, type ApiRecord, type DeployedApi, type Deployment } from './model';
import { page } from './paging';
import { newStage } from './stages';
import type { ApiGatewayStore } from './store';

/**
 * AWS refuses to deploy an API with no method, or with a method that has no integration: an
 * invocation would have nowhere to go.
 */
function checkDeployable(record: ApiRecord): void {
  const methods = [...record.resources.values()].flatMap((r) => Object.values(r.resourceMethods ?? {}));
  if (methods.length === 0) throw badRequest("The REST API doesn't contain any methods");
  if (methods.some((m) => !m.methodIntegration)) throw badRequest('No integration defined for method');
}

/** What the deployment freezes: later changes to resources reach callers only on the next deployment. */
function snapshot(record: ApiRecord): DeployedApi {
  return { resources: structuredClone([...record.resources.values()]), binaryMediaTypes: [...(record.api.binaryMediaTypes ?? [])] };
}

export function createDeployment(store: ApiGatewayStore, input: CreateDeploymentRequest, ctx: RequestContext): Deployment {
  const record = store.api(ctx, input.restApiId);
  checkDeployable(record);
  const deployment: Deployment = {
    id: newId(6, (id) => record.deployments.has(id)),
    ...(input.description !== undefined && { description: input.description }),
    createdDate: nowSeconds(),
  };
  record.deployments.set(deployment.id, { deployment, snapshot: snapshot(record) });
  if (input.stageName) {
    const existing = record.stages.get(input.stageName);
    if (existing) {
      existing.deploymentId = deployment.id;
      if (input.variables) existing.variables = { ...input.variables };
      if (input.stageDescription !== undefined) existing.description = input.stageDescription;
      if (input.cacheClusterEnabled !== undefined) existing.cacheClusterEnabled = input.cacheClusterEnabled;
      if (input.cacheClusterSize !== undefined) existing.cacheClusterSize = input.cacheClusterSize;
      if (input.tracingEnabled !== undefined) existing.tracingEnabled = input.tracingEnabled;
      existing.lastUpdatedDate = nowSeconds();
    } else {
      record.stages.set(
        input.stageName,
        newStage({
          stageName: input.stageName,
          deploymentId: deployment.id,
          description: input.stageDescription,
          variables: input.variables,
          cacheClusterEnabled: input.cacheClusterEnabled,
          cacheClusterSize: input.cacheClusterSize,
          tracingEnabled: input.tracingEnabled,
        }),
      );
    }
  }
  return { ...deployment };
}

export function getDeployments(store: ApiGatewayStore, input: GetDeploymentsRequest, ctx: RequestContext): { items: Deployment[]; position?: string } {
  const record = store.api(ctx, input.restApiId);
  return page(
    [...record.deployments.values()].map((d) => ({ ...d.deployment })),
    input.position,
    input.limit,
  );
}

export function getDeployment(store: ApiGatewayStore, input: GetDeploymentRequest, ctx: RequestContext): Deployment {
  const found = store.api(ctx, input.restApiId).deployments.get(input.deploymentId ?? '');
  if (!found) throw deploymentNotFound();
  return { ...found.deployment };
}

export function deleteDeployment(store: ApiGatewayStore, input: DeleteDeploymentRequest, ctx: RequestContext): void {
  const record = store.api(ctx, input.restApiId);
  if (!record.deployments.has(input.deploymentId ?? '')) throw deploymentNotFound();
  if ([...record.stages.values()].some((s) => s.deploymentId === input.deploymentId)) {
    throw badRequest('Active stages pointing to this deployment must be moved or deleted');
  }
  record.deployments.delete(input.deploymentId!);
}
