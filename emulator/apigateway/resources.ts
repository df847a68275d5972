import type { CreateResourceRequest, DeleteResourceRequest, GetResourceRequest, GetResourcesRequest, UpdateResourceRequest } from '@aws-sdk/client-api-gateway';
import type { RequestContext } from '../core/request-context';
import { badRequest, conflict, resourceNotFound } from './errors';
import { newId } from './ids';
import { methodView } from './methods';
import type { ApiRecord, Method, Resource } from './model';
import { page } from './paging';
import type { ApiGatewayStore } from './store';

// What AWS accepts as a path part: a literal, `{name}`, or the greedy `{name+}`.
const PATH_PART = /^\{?[a-zA-Z0-9._\-:]+\+?\}?$/;

export const isVariablePart = (part: string | undefined) => !!part && part.startsWith('{') && part.endsWith('}');
export const isGreedyPart = (part: string | undefined) => !!part && part.startsWith('{') && part.endsWith('+}');

/**
 * A resource as GetResources shows it. Without `embed=methods` each method is an empty object,
 * as AWS lists them; with it, the whole method including its integration.
 */
export function resourceView(resource: Resource, embedMethods: boolean): Resource {
  const view: Resource = {
    id: resource.id,
    ...(resource.parentId !== undefined && { parentId: resource.parentId }),
    ...(resource.pathPart !== undefined && { pathPart: resource.pathPart }),
    path: resource.path,
  };
  const methods = Object.entries(resource.resourceMethods ?? {});
  if (methods.length > 0) {
    view.resourceMethods = Object.fromEntries(methods.map(([verb, m]) => [verb, embedMethods ? methodView(m) : ({} as Method)]));
  }
  return view;
}

const wantsMethods = (embed: string[] | undefined) => (embed ?? []).some((e) => e.split(',').includes('methods'));

export function getResources(store: ApiGatewayStore, input: GetResourcesRequest, ctx: RequestContext): { items: Resource[]; position?: string } {
  const record = store.api(ctx, input.restApiId);
  const embed = wantsMethods(input.embed);
  return page([...record.resources.values()].map((r) => resourceView(r, embed)), input.position, input.limit);
}

export function getResource(store: ApiGatewayStore, input: GetResourceRequest, ctx: RequestContext): Resource {
  return resourceView(store.resource(ctx, input.restApiId, input.resourceId).resource, wantsMethods(input.embed));
}

export function createResource(store: ApiGatewayStore, input: CreateResourceRequest, ctx: RequestContext): Resource {
  const record = store.api(ctx, input.restApiId);
  const parent = record.resources.get(input.parentId ?? '');
  if (!parent) throw resourceNotFound();
  const part = input.pathPart ?? '';
  if (!PATH_PART.test(part)) {
    throw badRequest(
      "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
    );
  }
  if (isGreedyPart(parent.pathPart)) throw badRequest(`Cannot create a child of a resource with a greedy path variable: ${parent.pathPart}`);
  const siblings = children(record, parent.id);
  if (siblings.some((s) => s.pathPart === part)) throw conflict(`Another resource with the same parent already has this name: ${part}`);
  const variableSibling = isVariablePart(part) ? siblings.find((s) => isVariablePart(s.pathPart)) : undefined;
  if (variableSibling) {
    throw badRequest(`A sibling (${variableSibling.pathPart}) of this resource already has a variable path part -- only one is allowed`);
  }
  const resource: Resource = {
    id: newId(6, (id) => record.resources.has(id)),
    parentId: parent.id,
    pathPart: part,
    path: parent.path === '/' ? `/${part}` : `${parent.path}/${part}`,
  };
  record.resources.set(resource.id, resource);
  return resourceView(resource, false);
}

/**
 * UpdateResource: `replace` of `/pathPart` (a new name) or `/parentId` (a move); the paths of the
 * resource and everything below it follow. AWS's texts for other paths and ops, for the root, for
 * a cycle and for a name taken among the new siblings.
 */
export function updateResource(store: ApiGatewayStore, input: UpdateResourceRequest, ctx: RequestContext): Resource {
  const { record, resource } = store.resource(ctx, input.restApiId, input.resourceId);
  const isRoot = resource.id === record.api.rootResourceId;
  let { pathPart, parentId } = resource;
  for (const { op = '', path = '', value } of input.patchOperations ?? []) {
    if (op !== 'replace') throw badRequest(`Invalid patch path  '${path}' specified for op '${op}'. Please choose supported operations`);
    if (path === '/pathPart') {
      if (isRoot) throw badRequest('Root resource cannot update its pathPart.');
      pathPart = value ?? '';
    } else if (path === '/parentId') {
      if (isRoot) throw badRequest('Root resource cannot update its parentId.');
      if (!record.resources.has(value ?? '')) throw resourceNotFound();
      parentId = value;
    } else {
      throw badRequest(`Invalid patch path  '${path}' specified for op '${op}'. Must be one of: [/parentId, /pathPart]`);
    }
  }
  if (isRoot) return resourceView(resource, false);
  for (let id = parentId; id !== undefined; id = record.resources.get(id)?.parentId) {
    if (id === resource.id) throw badRequest('Resources cannot be cyclical.');
  }
  if (children(record, parentId!).some((s) => s.id !== resource.id && s.pathPart === pathPart)) {
    throw conflict(`Another resource with the same parent already has this name: ${pathPart}`);
  }
  resource.pathPart = pathPart;
  resource.parentId = parentId;
  const repath = (r: Resource) => {
    const parent = record.resources.get(r.parentId!)!;
    r.path = parent.path === '/' ? `/${r.pathPart}` : `${parent.path}/${r.pathPart}`;
    for (const child of children(record, r.id)) repath(child);
  };
  repath(resource);
  return resourceView(resource, false);
}

/** Deletes the resource and, as AWS does, everything below it. */
export function deleteResource(store: ApiGatewayStore, input: DeleteResourceRequest, ctx: RequestContext): void {
  const { record, resource } = store.resource(ctx, input.restApiId, input.resourceId);
  if (resource.id === record.api.rootResourceId) throw badRequest('The root resource cannot be deleted');
  const doomed = [resource];
  while (doomed.length > 0) {
    const next = doomed.pop()!;
    doomed.push(...children(record, next.id));
    record.resources.delete(next.id);
  }
}

function children(record: ApiRecord, parentId: string): Resource[] {
  return [...record.resources.values()].filter((r) => r.parentId === parentId);
}
