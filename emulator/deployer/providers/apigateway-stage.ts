import { CreateStageCommand, DeleteStageCommand, UpdateStageCommand, type PatchOperation } from '@aws-sdk/client-api-gateway';
import type { ProviderContext, ResourceProvider } from './provider';
import { bool, changedProperties, ignoreNotFound, str, tagMap, UnsupportedChange, type Props } from './support';

interface MethodSetting {
  ResourcePath?: string;
  HttpMethod?: string;
  [setting: string]: unknown;
}

/** MethodSettings members and the stage patch paths API Gateway keeps them under. */
const METHOD_SETTING_PATHS: Record<string, string> = {
  LoggingLevel: 'logging/loglevel',
  MetricsEnabled: 'metrics/enabled',
  DataTraceEnabled: 'logging/dataTrace',
  ThrottlingBurstLimit: 'throttling/burstLimit',
  ThrottlingRateLimit: 'throttling/rateLimit',
  CachingEnabled: 'caching/enabled',
  CacheTtlInSeconds: 'caching/ttlInSeconds',
  CacheDataEncrypted: 'caching/dataEncrypted',
};

/** Stage settings CreateStage does not take, as UpdateStage patch operations. */
function settingOperations(p: Props): PatchOperation[] {
  const ops: PatchOperation[] = [];
  for (const setting of (p.MethodSettings as MethodSetting[] | undefined) ?? []) {
    // ResourcePath arrives encoded as API Gateway wants it (`/~1orders`, or `/*` for all).
    const prefix = `${setting.ResourcePath ?? '/*'}/${setting.HttpMethod ?? '*'}`;
    for (const [member, path] of Object.entries(METHOD_SETTING_PATHS)) {
      if (setting[member] !== undefined) ops.push({ op: 'replace', path: `${prefix}/${path}`, value: String(setting[member]) });
    }
  }
  const accessLog = p.AccessLogSetting as { DestinationArn?: string; Format?: string } | undefined;
  if (accessLog?.DestinationArn) ops.push({ op: 'replace', path: '/accessLogSettings/destinationArn', value: accessLog.DestinationArn });
  if (accessLog?.Format) ops.push({ op: 'replace', path: '/accessLogSettings/format', value: accessLog.Format });
  return ops;
}

async function patch(p: Props, ops: PatchOperation[], ctx: ProviderContext): Promise<void> {
  if (ops.length === 0) return;
  await ctx.clients.apigateway.send(new UpdateStageCommand({ restApiId: String(p.RestApiId), stageName: String(p.StageName), patchOperations: ops }));
}

/** AWS::ApiGateway::Stage. Ref: the stage name. */
export const apiStage: ResourceProvider = {
  properties: {
    RestApiId: 'replace',
    StageName: 'replace',
    DeploymentId: 'update',
    Description: 'update',
    Variables: 'update',
    TracingEnabled: 'update',
    CacheClusterEnabled: 'update',
    CacheClusterSize: 'update',
    MethodSettings: 'update',
    AccessLogSetting: 'update',
    Tags: 'update',
  },
  required: ['RestApiId', 'StageName'],
  nameProperty: 'StageName',
  async create(p, ctx) {
    await ctx.clients.apigateway.send(
      new CreateStageCommand({
        restApiId: String(p.RestApiId),
        stageName: String(p.StageName),
        deploymentId: str(p.DeploymentId)!,
        description: str(p.Description),
        variables: p.Variables as Record<string, string> | undefined,
        tracingEnabled: bool(p.TracingEnabled),
        cacheClusterEnabled: bool(p.CacheClusterEnabled),
        cacheClusterSize: str(p.CacheClusterSize) as never,
        tags: tagMap(p.Tags),
      }),
    );
    await patch(p, settingOperations(p), ctx);
    return { physicalId: String(p.StageName) };
  },
  async update(previous, p, ctx) {
    const changed = changedProperties(previous.properties, p);
    const ops: PatchOperation[] = [];
    const unsupported: string[] = [];
    for (const c of changed) {
      if (c === 'DeploymentId') ops.push({ op: 'replace', path: '/deploymentId', value: str(p.DeploymentId) });
      else if (c === 'Description') ops.push({ op: 'replace', path: '/description', value: str(p.Description) ?? '' });
      else if (c === 'TracingEnabled') ops.push({ op: 'replace', path: '/tracingEnabled', value: String(bool(p.TracingEnabled) ?? false) });
      else if (c === 'CacheClusterEnabled') ops.push({ op: 'replace', path: '/cacheClusterEnabled', value: String(bool(p.CacheClusterEnabled) ?? false) });
      else if (c === 'Variables') {
        const now = (p.Variables as Record<string, string> | undefined) ?? {};
        for (const k of Object.keys((previous.properties.Variables as Record<string, string> | undefined) ?? {})) if (!(k in now)) ops.push({ op: 'remove', path: `/variables/${k}` });
        for (const [k, v] of Object.entries(now)) ops.push({ op: 'replace', path: `/variables/${k}`, value: String(v) });
      } else if (c === 'MethodSettings' || c === 'AccessLogSetting') {
        // Settings are replaced member by member; ones removed from the template stay as they were.
        const removed = c === 'MethodSettings' ? ((previous.properties.MethodSettings as unknown[]) ?? []).length > ((p.MethodSettings as unknown[]) ?? []).length : p.AccessLogSetting === undefined;
        if (removed) unsupported.push(c);
      } else unsupported.push(c);
    }
    if (unsupported.length > 0) throw new UnsupportedChange('AWS::ApiGateway::Stage', unsupported);
    if (changed.includes('MethodSettings') || changed.includes('AccessLogSetting')) ops.push(...settingOperations(p));
    await patch(p, ops, ctx);
    return { physicalId: previous.physicalId };
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.apigateway.send(new DeleteStageCommand({ restApiId: String(resource.properties.RestApiId), stageName: resource.physicalId })));
  },
};
