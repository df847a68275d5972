import type { Method, Resource } from './model';
import { isGreedyPart, isVariablePart } from './resources';

export interface RouteMatch {
  resource: Resource;
  method: Method;
  /** Path parameters as sent (API Gateway does not decode them for the proxy event). */
  pathParameters: Record<string, string>;
}

/**
 * Finds the resource and method a request reaches in a deployed API, as API Gateway routes: at
 * each level a literal path part wins over `{param}`, which wins over `{proxy+}`; a resource
 * counts only if it has the request's method or `ANY`, and a dead end falls back to the next
 * candidate. Trailing slashes are ignored. Undefined means AWS's 403 Missing Authentication Token.
 */
export function matchRoute(resources: readonly Resource[], httpMethod: string, path: string): RouteMatch | undefined {
  const { root, children } = treeOf(resources);
  if (!root) return undefined;
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  const segments = trimmed === '' ? [] : trimmed.split('/');

  const methodOf = (r: Resource) => r.resourceMethods?.[httpMethod] ?? r.resourceMethods?.ANY;

  const visit = (resource: Resource, index: number, params: Record<string, string>): RouteMatch | undefined => {
    if (index === segments.length) {
      const method = methodOf(resource);
      return method ? { resource, method, pathParameters: params } : undefined;
    }
    const segment = segments[index]!;
    const kids = children.get(resource.id) ?? [];
    const literal = kids.find((k) => !isVariablePart(k.pathPart) && k.pathPart === segment);
    const found = literal && visit(literal, index + 1, params);
    if (found) return found;
    const variable = kids.find((k) => isVariablePart(k.pathPart) && !isGreedyPart(k.pathPart));
    if (variable && segment !== '') {
      const hit = visit(variable, index + 1, { ...params, [variable.pathPart!.slice(1, -1)]: segment });
      if (hit) return hit;
    }
    const greedy = kids.find((k) => isGreedyPart(k.pathPart));
    const method = greedy && methodOf(greedy);
    if (greedy && method) {
      return { resource: greedy, method, pathParameters: { ...params, [greedy.pathPart!.slice(1, -2)]: segments.slice(index).join('/') } };
    }
    return undefined;
  };
  return visit(root, 0, {});
}

interface Tree {
  root?: Resource;
  children: Map<string, Resource[]>;
}

// A deployment's resources never change, so its tree is built once and kept with it.
const trees = new WeakMap<readonly Resource[], Tree>();

function treeOf(resources: readonly Resource[]): Tree {
  let tree = trees.get(resources);
  if (!tree) {
    tree = { children: new Map() };
    for (const r of resources) {
      if (r.parentId === undefined) tree.root = r;
      else tree.children.set(r.parentId, [...(tree.children.get(r.parentId) ?? []), r]);
    }
    trees.set(resources, tree);
  }
  return tree;
}
