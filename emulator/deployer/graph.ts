import type { TemplateResource } from './template';
import { TemplateError } from './template-error';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const SUB_VARIABLE = /\$\{([^}]*)\}/g;

/** Every logical id a template value names through `Ref`, `Fn::GetAtt` or an `Fn::Sub` variable. */
export function referencedNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) referencedNames(v, into);
    return into;
  }
  if (!isObject(value)) return into;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys as [string];
    const args = value[key];
    if (key === 'Ref' && typeof args === 'string') {
      into.add(args);
      return into;
    }
    if (key === 'Fn::GetAtt') {
      if (typeof args === 'string') into.add(args.split('.')[0]!);
      else if (Array.isArray(args) && typeof args[0] === 'string') {
        into.add(args[0]);
        referencedNames(args[1], into);
      }
      return into;
    }
    if (key === 'Fn::Sub') {
      const [text, variables] = typeof args === 'string' ? [args, {}] : Array.isArray(args) ? [args[0], args[1]] : [undefined, {}];
      if (typeof text === 'string') {
        const local = isObject(variables) ? variables : {};
        for (const [, raw] of text.matchAll(SUB_VARIABLE)) {
          const name = raw!.trim();
          if (name.startsWith('!') || Object.hasOwn(local, name)) continue;
          into.add(name.startsWith('AWS::') ? name : name.split('.')[0]!);
        }
      }
      referencedNames(variables, into);
      return into;
    }
  }
  for (const v of Object.values(value)) referencedNames(v, into);
  return into;
}

export function dependsOnList(resource: TemplateResource): string[] {
  const d = resource.DependsOn;
  return d === undefined ? [] : Array.isArray(d) ? d : [d];
}

/**
 * The resources each resource needs first: those it names through `Ref`, `Fn::GetAtt`, `Fn::Sub`
 * (in any branch of an `Fn::If`, as CloudFormation reads them) and `DependsOn`. A name that is
 * neither a resource, a parameter nor a pseudo parameter is an error, as is a cycle.
 *
 * `resources` holds only the resources whose condition holds; `excluded` the others (references
 * to those are left for the resolver, which fails only if the reference is actually taken).
 */
export function dependencyGraph(
  resources: Record<string, TemplateResource>,
  knownNonResources: ReadonlySet<string>,
  excluded: ReadonlySet<string> = new Set(),
): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const deps = new Set<string>();
    const unresolved: string[] = [];
    for (const name of [...referencedNames(resource.Properties ?? {}), ...dependsOnList(resource)]) {
      if (Object.hasOwn(resources, name)) {
        if (name === id) throw new TemplateError(`Circular dependency between resources: [${id}]`);
        deps.add(name);
      } else if (!knownNonResources.has(name) && !excluded.has(name)) unresolved.push(name);
    }
    if (unresolved.length > 0) throw new TemplateError(`Template format error: Unresolved resource dependencies [${unresolved.join(', ')}] in the Resources block of the template`);
    graph.set(id, deps);
  }
  findCycle(graph);
  return graph;
}

/** Throws naming the resources of a cycle, if there is one. */
function findCycle(graph: Map<string, Set<string>>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    path.push(id);
    for (const dep of graph.get(id) ?? []) {
      const s = state.get(dep);
      if (s === 'visiting') throw new TemplateError(`Circular dependency between resources: [${path.slice(path.indexOf(dep)).join(', ')}]`);
      if (s === undefined) visit(dep);
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const id of graph.keys()) if (!state.has(id)) visit(id);
}

/** A creation order: every resource after all it depends on; template order among equals. */
export function creationOrder(graph: Map<string, Set<string>>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const remaining = [...graph.keys()];
  while (remaining.length > 0) {
    const index = remaining.findIndex((id) => [...graph.get(id)!].every((d) => placed.has(d)));
    if (index < 0) throw new TemplateError(`Circular dependency between resources: [${remaining.join(', ')}]`);
    const [id] = remaining.splice(index, 1) as [string];
    order.push(id);
    placed.add(id);
  }
  return order;
}
