import { CreateRestApiCommand, DeleteRestApiCommand, GetResourcesCommand, UpdateRestApiCommand, type PatchOperation } from '@aws-sdk/client-api-gateway';
import type { ProviderContext, ResourceProvider, ResourceState } from './provider';
import { bool, changedProperties, ignoreNotFound, num, str, tagMap, UnsupportedChange, type Props } from './support';

async function state(id: string, rootResourceId: string | undefined, ctx: ProviderContext): Promise<ResourceState> {
  let root = rootResourceId;
  if (!root) {
    const resources = await ctx.clients.apigateway.send(new GetResourcesCommand({ restApiId: id, limit: 500 }));
    root = resources.items?.find((r) => r.path === '/')?.id;
  }
  return { physicalId: id, attributes: { RootResourceId: root, RestApiId: id } };
}

const policyText = (policy: unknown) => (policy === undefined ? undefined : typeof policy === 'string' ? policy : JSON.stringify(policy));

/** Changes UpdateRestApi can make with patch operations. */
const PATCHABLE: Record<string, (p: Props) => PatchOperation> = {
  Name: (p) => ({ op: 'replace', path: '/name', value: str(p.Name) }),
  Description: (p) => ({ op: 'replace', path: '/description', value: str(p.Description) ?? '' }),
  MinimumCompressionSize: (p) => ({ op: 'replace', path: '/minimumCompressionSize', value: str(p.MinimumCompressionSize) ?? '' }),
  ApiKeySourceType: (p) => ({ op: 'replace', path: '/apiKeySource', value: str(p.ApiKeySourceType) ?? 'HEADER' }),
  DisableExecuteApiEndpoint: (p) => ({ op: 'replace', path: '/disableExecuteApiEndpoint', value: String(bool(p.DisableExecuteApiEndpoint) ?? false) }),
  Policy: (p) => ({ op: 'replace', path: '/policy', value: policyText(p.Policy) ?? '' }),
};

/** AWS::ApiGateway::RestApi (no OpenAPI import). Ref: the API id; attribute RootResourceId. */
export const restApi: ResourceProvider = {
  properties: {
    Name: 'update',
    Description: 'update',
    BinaryMediaTypes: 'update',
    MinimumCompressionSize: 'update',
    ApiKeySourceType: 'update',
    EndpointConfiguration: 'update',
    Policy: 'update',
    DisableExecuteApiEndpoint: 'update',
    Tags: 'update',
    CloneFrom: 'update',
    FailOnWarnings: 'update',
    Parameters: 'update',
    Mode: 'update',
    Body: 'update',
    BodyS3Location: 'update',
  },
  async create(p, ctx) {
    if (p.Body !== undefined || p.BodyS3Location !== undefined) {
      throw new Error('importing an OpenAPI definition (Body, BodyS3Location) is not supported by the embedded deployer; build the API from Resource and Method resources');
    }
    const endpoint = p.EndpointConfiguration as { Types?: string[]; VpcEndpointIds?: string[] } | undefined;
    const api = await ctx.clients.apigateway.send(
      new CreateRestApiCommand({
        name: str(p.Name) ?? ctx.generateName(128),
        description: str(p.Description),
        binaryMediaTypes: p.BinaryMediaTypes as string[] | undefined,
        minimumCompressionSize: num(p.MinimumCompressionSize),
        apiKeySource: str(p.ApiKeySourceType) as never,
        endpointConfiguration: endpoint && { types: endpoint.Types as never, vpcEndpointIds: endpoint.VpcEndpointIds },
        policy: policyText(p.Policy),
        disableExecuteApiEndpoint: bool(p.DisableExecuteApiEndpoint),
        cloneFrom: str(p.CloneFrom),
        tags: tagMap(p.Tags),
      }),
    );
    return state(api.id!, api.rootResourceId, ctx);
  },
  async update(previous, p, ctx) {
    const changed = changedProperties(previous.properties, p);
    const unsupported = changed.filter((c) => !(c in PATCHABLE));
    if (unsupported.length > 0) throw new UnsupportedChange('AWS::ApiGateway::RestApi', unsupported);
    await ctx.clients.apigateway.send(new UpdateRestApiCommand({ restApiId: previous.physicalId, patchOperations: changed.map((c) => PATCHABLE[c]!(p)) }));
    return state(previous.physicalId, previous.attributes?.RootResourceId as string | undefined, ctx);
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.apigateway.send(new DeleteRestApiCommand({ restApiId: resource.physicalId })));
  },
};
