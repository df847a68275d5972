import type {
  CreateRestApiRequest,
  DeleteRestApiRequest,
  GetRestApiRequest,
  GetRestApisRequest,
  UpdateRestApiRequest,
} from '@aws-sdk/client-api-gateway';
import type { RequestContext } from '../core/request-context';
import { badRequest } from './errors';
import { newId } from './ids';
import { defaultModels } from './models';
import { nowSeconds, type EndpointConfiguration, type RestApi } from './model';
import { page } from './paging';
import { pathSegments } from './patch-operations';
import type { ApiGatewayStore } from './store';

export const ENDPOINT_TYPES = ['PRIVATE', 'EDGE', 'REGIONAL'] as const;
export const IP_ADDRESS_TYPES = ['ipv4', 'dualstack'] as const;
const MAX_COMPRESSION = 10485760;
const COMPRESSION_ERROR = `Invalid minimum compression size, must be between 0 and ${MAX_COMPRESSION}`;

/** The wire form: members AWS leaves out when they are empty stay out. */
export function restApiView(api: RestApi): RestApi {
  const view: RestApi = { ...api, tags: { ...api.tags } };
  if (!api.binaryMediaTypes?.length) delete view.binaryMediaTypes;
  if (Object.keys(api.tags).length === 0) delete (view as Partial<RestApi>).tags;
  return view;
}

function endpointConfiguration(input: CreateRestApiRequest['endpointConfiguration']): EndpointConfiguration {
  const types = input?.types ?? ['EDGE'];
  const ip = input?.ipAddressType;
  if (types.length === 0) throw badRequest('REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.');
  if (types.length > 1) throw badRequest('Cannot create an api with multiple Endpoint Types.');
  const isPrivate = types[0] === 'PRIVATE';
  if (isPrivate && ip === 'ipv4') throw badRequest('Only dualstack ipAddressType is supported for Private APIs.');
  const config: EndpointConfiguration = { types: [...types], ipAddressType: ip ?? (isPrivate ? 'dualstack' : 'ipv4') };
  if (input?.vpcEndpointIds) config.vpcEndpointIds = [...input.vpcEndpointIds];
  return config;
}

export function createRestApi(store: ApiGatewayStore, input: CreateRestApiRequest, ctx: RequestContext): RestApi {
  const config = endpointConfiguration(input.endpointConfiguration);
  if (input.description === '') throw badRequest('Description cannot be an empty string');
  const compression = input.minimumCompressionSize;
  if (compression !== undefined && (!Number.isInteger(compression) || compression < 0 || compression > MAX_COMPRESSION)) {
    throw badRequest(COMPRESSION_ERROR);
  }
  const id = newId(10, (candidate) => store.isApiIdTaken(candidate));
  const rootId = newId(10);
  const api: RestApi = {
    id,
    name: input.name!,
    ...(input.description !== undefined && { description: input.description }),
    ...(input.version !== undefined && { version: input.version }),
    createdDate: nowSeconds(),
    ...(input.binaryMediaTypes?.length && { binaryMediaTypes: [...input.binaryMediaTypes] }),
    ...(compression !== undefined && { minimumCompressionSize: compression }),
    apiKeySource: input.apiKeySource ?? 'HEADER',
    endpointConfiguration: config,
    ...(input.policy !== undefined && { policy: input.policy }),
    tags: { ...input.tags },
    disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
    rootResourceId: rootId,
  };
  store.state(ctx).apis.set(id, {
    api,
    resources: new Map([[rootId, { id: rootId, path: '/' }]]),
    authorizers: new Map(),
    models: defaultModels(),
    deployments: new Map(),
    stages: new Map(),
  });
  return restApiView(api);
}

export function getRestApis(store: ApiGatewayStore, input: GetRestApisRequest, ctx: RequestContext): { items: RestApi[]; position?: string } {
  const all = [...store.state(ctx).apis.values()].map((r) => restApiView(r.api));
  return page(all, input.position, input.limit);
}

export function getRestApi(store: ApiGatewayStore, input: GetRestApiRequest, ctx: RequestContext): RestApi {
  return restApiView(store.api(ctx, input.restApiId).api);
}

export function deleteRestApi(store: ApiGatewayStore, input: DeleteRestApiRequest, ctx: RequestContext): void {
  store.api(ctx, input.restApiId);
  store.state(ctx).apis.delete(input.restApiId!);
}

/**
 * The patch paths the emulator applies: name, description, version, policy, apiKeySource,
 * disableExecuteApiEndpoint, minimumCompressionSize, binaryMediaTypes entries and the endpoint
 * type. Anything else is refused by name rather than ignored.
 */
export function updateRestApi(store: ApiGatewayStore, input: UpdateRestApiRequest, ctx: RequestContext): RestApi {
  const record = store.api(ctx, input.restApiId);
  const operations = input.patchOperations ?? [];
  // Work on a copy so a failing operation leaves the API untouched.
  const next: RestApi = structuredClone(record.api);
  for (const { op = '', path = '', value } of operations) {
    const [head, ...rest] = pathSegments(path);
    switch (head) {
      case 'name':
      case 'description':
      case 'version':
      case 'policy':
      case 'apiKeySource':
        if (op !== 'replace') throw badRequest('Invalid patch operation specified. Must be one of: [replace]');
        if (head === 'name') next.name = value ?? '';
        else if (value === undefined || value === '') delete next[head as 'description'];
        else next[head as 'description'] = value;
        break;
      case 'disableExecuteApiEndpoint':
        if (op !== 'replace') throw badRequest('Invalid patch operation specified. Must be one of: [replace]');
        next.disableExecuteApiEndpoint = value === 'true';
        break;
      case 'minimumCompressionSize': {
        if (op !== 'replace') throw badRequest('Invalid patch operation specified. Must be one of: [replace]');
        if (!value) {
          delete next.minimumCompressionSize;
          break;
        }
        const size = Number(value);
        if (!Number.isInteger(size) || size < 0 || size > MAX_COMPRESSION) throw badRequest(COMPRESSION_ERROR);
        next.minimumCompressionSize = size;
        break;
      }
      case 'binaryMediaTypes': {
        if (rest.length !== 1) throw badRequest(`Invalid patch path ${path}`);
        const type = rest[0]!;
        const types = (next.binaryMediaTypes ?? []).filter((t) => t !== type);
        // AWS removes and re-appends on replace, so the replaced type ends up last.
        if (op === 'add' || op === 'replace') types.push(op === 'replace' && value ? value : type);
        else if (op !== 'remove') throw badRequest(`Invalid patch operation specified. Must be 'add'|'remove'|'replace'`);
        next.binaryMediaTypes = types;
        break;
      }
      case 'endpointConfiguration':
        applyEndpointPatch(next, op, rest, value);
        break;
      default:
        throw badRequest(`Invalid patch path ${path}`);
    }
  }
  record.api = next;
  return restApiView(next);
}

function applyEndpointPatch(api: RestApi, op: string, rest: string[], value: string | undefined): void {
  if (rest[0] === 'types') {
    if (op !== 'replace') throw badRequest(`Invalid patch operation specified. Must be 'add'|'remove'|'replace'`);
    if (!value || !(ENDPOINT_TYPES as readonly string[]).includes(value)) throw badRequest('Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE');
    api.endpointConfiguration.types = [value];
    if (value === 'PRIVATE') api.endpointConfiguration.ipAddressType = 'dualstack';
    return;
  }
  if (rest[0] === 'ipAddressType') {
    if (op !== 'replace') throw badRequest('Invalid patch operation specified. Must be one of: [replace]');
    if (!value || !(IP_ADDRESS_TYPES as readonly string[]).includes(value)) throw badRequest('ipAddressType must be either ipv4 or dualstack.');
    if (api.endpointConfiguration.types[0] === 'PRIVATE' && value === 'ipv4') {
      throw badRequest('Only dualstack ipAddressType is supported for Private APIs.');
    }
    api.endpointConfiguration.ipAddressType = value;
    return;
  }
  throw badRequest(`Invalid patch path /endpointConfiguration/${rest.join('/')}`);
}
