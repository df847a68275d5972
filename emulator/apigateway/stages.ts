import type { CreateStageRequest, DeleteStageRequest, GetStageRequest, GetStagesRequest, UpdateStageRequest } from '@aws-sdk/client-api-gateway';
import type { RequestContext } from '../core/request-context';
import { badRequest, conflict, deploymentNotFound, stageNotFound } from './errors';
import { nowSeconds, type Stage } from './model';
import { pathSegments } from './patch-operations';
import type { ApiGatewayStore } from './store';

// AWS's list of UpdateStage paths, spacing and all, as its error message spells it.
const STAGE_PATHS =
  '[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]';

export function newStage(input: {
  stageName: string;
  deploymentId: string;
  description?: string;
  variables?: Record<string, string>;
  cacheClusterEnabled?: boolean;
  cacheClusterSize?: string;
  tracingEnabled?: boolean;
  documentationVersion?: string;
  tags?: Record<string, string>;
}): Stage {
  const now = nowSeconds();
  return {
    stageName: input.stageName,
    deploymentId: input.deploymentId,
    ...(input.description !== undefined && { description: input.description }),
    cacheClusterEnabled: input.cacheClusterEnabled ?? false,
    ...(input.cacheClusterSize !== undefined && { cacheClusterSize: input.cacheClusterSize }),
    cacheClusterStatus: input.cacheClusterEnabled ? 'AVAILABLE' : 'NOT_AVAILABLE',
    methodSettings: {},
    ...(input.variables && { variables: { ...input.variables } }),
    ...(input.documentationVersion !== undefined && { documentationVersion: input.documentationVersion }),
    tracingEnabled: input.tracingEnabled ?? false,
    ...(input.tags && { tags: { ...input.tags } }),
    createdDate: now,
    lastUpdatedDate: now,
  };
}

/** The wire form: no `variables` member when there are none, as AWS answers. */
export function stageView(stage: Stage): Stage {
  const view = structuredClone(stage);
  if (!view.variables || Object.keys(view.variables).length === 0) delete view.variables;
  return view;
}

export function createStage(store: ApiGatewayStore, input: CreateStageRequest, ctx: RequestContext): Stage {
  const record = store.api(ctx, input.restApiId);
  if (!record.deployments.has(input.deploymentId ?? '')) throw deploymentNotFound();
  if (record.stages.has(input.stageName!)) throw conflict('Stage already exists');
  const stage = newStage({
    stageName: input.stageName!,
    deploymentId: input.deploymentId!,
    description: input.description,
    variables: input.variables,
    cacheClusterEnabled: input.cacheClusterEnabled,
    cacheClusterSize: input.cacheClusterSize,
    tracingEnabled: input.tracingEnabled,
    documentationVersion: input.documentationVersion,
    tags: input.tags,
  });
  record.stages.set(stage.stageName, stage);
  return stageView(stage);
}

export function getStages(store: ApiGatewayStore, input: GetStagesRequest, ctx: RequestContext): { item: Stage[] } {
  const stages = [...store.api(ctx, input.restApiId).stages.values()];
  return { item: stages.filter((s) => !input.deploymentId || s.deploymentId === input.deploymentId).map(stageView) };
}

function findStage(store: ApiGatewayStore, ctx: RequestContext, apiId: string | undefined, stageName: string | undefined) {
  const record = store.api(ctx, apiId);
  const stage = record.stages.get(stageName ?? '');
  if (!stage) throw stageNotFound();
  return { record, stage };
}

export function getStage(store: ApiGatewayStore, input: GetStageRequest, ctx: RequestContext): Stage {
  return stageView(findStage(store, ctx, input.restApiId, input.stageName).stage);
}

export function deleteStage(store: ApiGatewayStore, input: DeleteStageRequest, ctx: RequestContext): void {
  const { record } = findStage(store, ctx, input.restApiId, input.stageName);
  record.stages.delete(input.stageName!);
}

/**
 * Applies the stage settings the emulator models: deployment, description, variables, tracing and
 * cache flags. Method settings, access logs and canaries are valid on AWS but not modelled here,
 * so they are refused by name instead of being dropped silently.
 */
export function updateStage(store: ApiGatewayStore, input: UpdateStageRequest, ctx: RequestContext): Stage {
  const { record, stage } = findStage(store, ctx, input.restApiId, input.stageName);
  const operations = input.patchOperations ?? [];
  const next = structuredClone(stage);
  for (const { op, path = '', value } of operations) {
    const [head, ...rest] = pathSegments(path);
    if (head === 'variables' && rest.length === 1) {
      if (op === 'remove') delete next.variables?.[rest[0]!];
      else if (op === 'add' || op === 'replace') next.variables = { ...next.variables, [rest[0]!]: value ?? '' };
      else throw badRequest(`Invalid ${op} operation with path: ${path}`);
      continue;
    }
    if (path === '/deploymentId' || path === '/description' || path === '/tracingEnabled' || path === '/cacheClusterEnabled' || path === '/cacheClusterSize') {
      if (op !== 'replace') throw badRequest(`Invalid ${op} operation with path: ${path}`);
      if (path === '/deploymentId') {
        if (!record.deployments.has(value ?? '')) throw badRequest('Deployment id does not exist');
        next.deploymentId = value!;
      } else if (path === '/description') next.description = value ?? '';
      else if (path === '/tracingEnabled') next.tracingEnabled = value === 'true';
      else if (path === '/cacheClusterEnabled') {
        next.cacheClusterEnabled = value === 'true';
        next.cacheClusterStatus = next.cacheClusterEnabled ? 'AVAILABLE' : 'NOT_AVAILABLE';
      } else next.cacheClusterSize = value ?? '';
      continue;
    }
    if (isAwsStagePath(path)) throw badRequest(`The stage setting ${path} is not supported by the embedded emulator`);
    throw badRequest(`Invalid method setting path: ${path}. Must be one of: ${STAGE_PATHS}`);
  }
  next.lastUpdatedDate = nowSeconds();
  record.stages.set(next.stageName, next);
  return stageView(next);
}

const OTHER_STAGE_PATH = /^\/(clientCertificateId|accessLogSettings(\/(destinationArn|format))?|canarySettings(\/.+)?|[^/]+(\/[^/]+)*\/[A-Z*]+\/(metrics|logging|throttling|caching)\/[A-Za-z]+)$/;

function isAwsStagePath(path: string): boolean {
  return OTHER_STAGE_PATH.test(path);
}
