import { sameJson } from './canonical-json';
import { providerContext, type Deployment } from './deployment';
import { NO_VALUE, resolve, type ResolveContext } from './intrinsics';
import type { ResourceProvider } from './providers';
import { changedProperties } from './providers/support';
import { reasonOf } from './deploy-error';
import type { ResolvedStack } from './resolve-stack';
import type { CleanupRecord, ResourceRecord } from './stack-record';
import { TemplateError } from './template-error';

/** The first resource that failed, and what was being done to it. */
export interface ApplyFailure {
  id: string;
  type: string;
  action: string;
  error: unknown;
}

export interface AppliedResources {
  /** Every resource of this deployment that exists now, by logical id. */
  current: Map<string, ResourceRecord>;
  /** The old resources that replacements took the place of: to be deleted. */
  replacedOld: CleanupRecord[];
  failure?: ApplyFailure;
  /** `Ref` and `Fn::GetAtt` against the resources as deployed (the outputs resolve with it). */
  context: ResolveContext;
}

/**
 * Creates, updates or replaces every resource in dependency order, independent ones at the same
 * time. After the first failure nothing new is started; what was started finishes.
 */
export async function applyResources(d: Deployment, stack: ResolvedStack): Promise<AppliedResources> {
  const current = new Map<string, ResourceRecord>();
  const applied: AppliedResources = { current, replacedOld: [], context: resolveContext(d, stack, current) };
  const running = new Map<string, Promise<void>>();
  const start = (id: string): Promise<void> => {
    let p = running.get(id);
    if (!p) {
      p = Promise.all([...stack.graph.get(id)!].map(start)).then(() => {
        if (applied.failure) throw new Error('not attempted');
        return applyResource(d, stack, applied, id);
      });
      running.set(id, p);
    }
    return p;
  };
  await Promise.allSettled(stack.order.map(start));
  return applied;
}

/** One resource: created when new, left alone when its properties are the same, else updated or replaced. */
async function applyResource(d: Deployment, stack: ResolvedStack, applied: AppliedResources, id: string): Promise<void> {
  const { result, run } = d;
  const resource = stack.included[id]!;
  const provider = stack.providers.get(id)!;
  const ctx = providerContext(d, id, resource.Type);
  let action = 'create';
  const event = (status: string, physicalId?: string, reason?: string) =>
    d.options.onEvent?.({ logicalId: id, type: resource.Type, status: `${action === 'create' ? 'CREATE' : 'UPDATE'}_${status}`, physicalId, reason });
  try {
    const resolved = resolve(resource.Properties ?? {}, applied.context);
    const properties = (resolved === NO_VALUE ? {} : resolved) as Record<string, unknown>;
    const missing = (provider.required ?? []).filter((name) => properties[name] === undefined);
    if (missing.length > 0) throw new TemplateError(`Properties validation failed for resource ${id} with message: required key [${missing.join(', ')}] not found`);
    const old = d.previous?.resources[id];
    let state;
    if (!old) {
      event('IN_PROGRESS');
      state = await provider.create(properties, ctx);
      result.created.push(id);
    } else if (sameJson(old.properties, properties)) {
      applied.current.set(id, { ...old, dependsOn: [...stack.graph.get(id)!], deletionPolicy: resource.DeletionPolicy, updateReplacePolicy: resource.UpdateReplacePolicy });
      return;
    } else if (needsReplacement(provider, old.properties, properties)) {
      action = 'replace';
      const name = provider.nameProperty;
      if (name && properties[name] !== undefined && sameJson(properties[name], old.properties[name])) {
        throw new Error(`CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${String(properties[name])} and update the stack again.`);
      }
      event('IN_PROGRESS', old.physicalId, 'Requested update requires the creation of a new physical resource; hence creating one.');
      state = await provider.create(properties, ctx);
      applied.replacedOld.push({ ...old, logicalId: id });
      result.replaced.push(id);
    } else {
      action = 'update';
      event('IN_PROGRESS', old.physicalId);
      state = await provider.update!({ physicalId: old.physicalId, ref: old.ref, attributes: old.attributes, properties: old.properties }, properties, ctx);
      // A new physical id from an update means a new resource: the old one goes in clean-up.
      if (state.physicalId !== old.physicalId) applied.replacedOld.push({ ...old, logicalId: id });
      result.updated.push(id);
    }
    applied.current.set(id, {
      type: resource.Type,
      physicalId: state.physicalId,
      ref: state.ref ?? state.physicalId,
      attributes: state.attributes ?? {},
      properties,
      dependsOn: [...stack.graph.get(id)!],
      deletionPolicy: resource.DeletionPolicy,
      updateReplacePolicy: resource.UpdateReplacePolicy,
    });
    event('COMPLETE', state.physicalId);
    run.log(`${action.toUpperCase()}_COMPLETE  ${resource.Type}  ${id}  ${state.physicalId}`);
  } catch (error) {
    event('FAILED', d.previous?.resources[id]?.physicalId, reasonOf(error));
    applied.failure ??= { id, type: resource.Type, action, error };
    throw error;
  }
}

/** References resolve to parameters, pseudo parameters and the resources deployed so far. */
function resolveContext(d: Deployment, stack: ResolvedStack, current: Map<string, ResourceRecord>): ResolveContext {
  const { parameters, pseudo, excluded } = stack;
  return {
    region: d.run.region,
    mappings: d.artifact.template.Mappings,
    condition: stack.condition,
    ref(name) {
      if (parameters.has(name)) return parameters.get(name);
      if (pseudo.has(name)) return pseudo.get(name);
      const r = current.get(name);
      if (r) return r.ref;
      if (excluded.has(name)) throw new TemplateError(`Unresolved resource dependency [${name}]: its condition is false, so it is not created.`);
      throw new TemplateError(`Unresolved reference ${name}.`);
    },
    getAtt(id, attribute) {
      const r = current.get(id);
      if (!r) {
        if (excluded.has(id)) throw new TemplateError(`Unresolved resource dependency [${id}]: its condition is false, so it is not created.`);
        throw new TemplateError(`Fn::GetAtt names ${id}, which is not a resource of the template.`);
      }
      const value = r.attributes[attribute];
      if (value === undefined || value === null) {
        if (r.type.startsWith('Custom::') || r.type === 'AWS::CloudFormation::CustomResource') {
          throw new TemplateError(`CustomResource attribute error: Vendor response doesn't contain ${attribute} key in the response of ${id}.`);
        }
        throw new TemplateError(`Template error: resource ${id} does not support attribute type ${attribute} in Fn::GetAtt`);
      }
      return value;
    },
  };
}

function needsReplacement(provider: ResourceProvider, before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  if (provider.properties === 'any') return false;
  if (!provider.update) return true;
  const kinds = provider.properties;
  return changedProperties(before, after).some((name) => kinds[name] === 'replace');
}
