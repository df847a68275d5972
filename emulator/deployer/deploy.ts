import { randomUUID } from 'node:crypto';
import { sameJson } from './canonical-json';
import { evaluateConditions } from './conditions';
import { DeployError, reasonOf } from './deploy-error';
import { resolveOptions, type DeployOptions, type Resolved } from './deploy-options';
import { dependencyGraph, creationOrder } from './graph';
import { NO_VALUE, resolve, type ResolveContext } from './intrinsics';
import { resolveParameters } from './parameters';
import { generatePhysicalName } from './physical-names';
import { providerFor, supportedTypes, type ProviderContext, type ResourceProvider } from './providers';
import { changedProperties } from './providers/support';
import { partitionOf, pseudoParameters, type StackEnvironment } from './pseudo-parameters';
import { checkRules } from './rules';
import { StackRecordStore, type CleanupRecord, type ResourceRecord, type StackRecord } from './stack-record';
import type { StackArtifact, Template } from './template';
import { TemplateError } from './template-error';

export interface DeployResult {
  stackName: string;
  stackId: string;
  outputs: Record<string, string>;
  /** True when the template and inputs equal the last successful deployment's: nothing was called. */
  noChanges: boolean;
  created: string[];
  updated: string[];
  replaced: string[];
  deleted: string[];
  /** Clean-up deletions that failed; CloudFormation reports these without failing the stack. */
  warnings: string[];
}

/** The bootstrap version answered for CDK's bootstrap-version SSM parameter when the assembly names none. */
const LOCAL_BOOTSTRAP_VERSION = 6;
const CUSTOM_RESOURCE_TIMEOUT_MS = 60_000;

/**
 * Deploys a stack into the emulator as CloudFormation would: parameters, rules and conditions
 * first; then every resource in dependency order (independent ones at the same time), each by the
 * provider of its type; then the removed and replaced resources deleted; then the outputs.
 *
 * A second deployment compares against the stack record the emulator keeps: the same template and
 * inputs are a no-op; otherwise each resource whose resolved properties changed is updated, or
 * replaced when a property that names or anchors it changed.
 *
 * There is no rollback: when a resource fails, what was created before it stays (the record lists
 * it), the error says which resource failed and why, and a new deployment continues from there.
 */
export async function deployStack(artifact: StackArtifact, options: DeployOptions): Promise<DeployResult> {
  const run = resolveOptions(options);
  try {
    return await deploy(artifact, options, run);
  } finally {
    run.clients.destroy();
  }
}

async function deploy(artifact: StackArtifact, options: DeployOptions, run: Resolved): Promise<DeployResult> {
  const { stackName, template } = artifact;
  const store = new StackRecordStore(run.endpoint, run.accountId, run.region);
  const previous = await store.get(stackName);
  const given = options.parameters ?? {};
  const assetPaths = Object.fromEntries([...artifact.assets].map(([key, asset]) => [key, asset.sourcePath]));
  const result: DeployResult = { stackName, stackId: '', outputs: {}, noChanges: false, created: [], updated: [], replaced: [], deleted: [], warnings: [] };

  if (previous && previous.status.endsWith('_COMPLETE') && sameJson(previous.template, template) && sameJson(previous.parameters, given) && sameJson(previous.assets, assetPaths)) {
    run.log(`${stackName}: no changes`);
    return { ...result, stackId: previous.stackId, outputs: previous.outputs, noChanges: true };
  }

  const { partition } = partitionOf(run.region);
  const env: StackEnvironment = {
    stackName,
    stackId: previous?.stackId ?? `arn:${partition}:cloudformation:${run.region}:${run.accountId}:stack/${stackName}/${randomUUID()}`,
    accountId: run.accountId,
    region: run.region,
  };
  result.stackId = env.stackId;

  // --- Parameters, conditions and rules: everything that can fail before a resource is touched.
  const ssm = new Map(Object.entries(options.ssmParameters ?? {}));
  // The embedded target needs no bootstrap stack: its version parameter is answered locally.
  const bootstrapParameter = artifact.bootstrapVersionParameter ?? '/cdk-bootstrap/hnb659fds/version';
  if (!ssm.has(bootstrapParameter)) ssm.set(bootstrapParameter, String(artifact.requiredBootstrapVersion ?? LOCAL_BOOTSTRAP_VERSION));
  const parameters = resolveParameters(template.Parameters, given, ssm);
  const pseudo = pseudoParameters(env);
  const staticRef = (name: string): unknown => {
    if (parameters.has(name)) return parameters.get(name);
    if (pseudo.has(name)) return pseudo.get(name);
    throw new TemplateError(`Unresolved reference ${name}: it is neither a parameter nor a pseudo parameter.`);
  };
  const noGetAtt = (id: string): never => {
    throw new TemplateError(`Fn::GetAtt ${id} cannot be used in conditions or rules: they see only parameters and pseudo parameters.`);
  };
  const conditions = evaluateConditions(template.Conditions, { region: run.region, mappings: template.Mappings, ref: staticRef, getAtt: noGetAtt });
  const condition = (name: string): boolean => {
    const value = conditions.get(name);
    if (value === undefined) throw new TemplateError(`Unresolved condition ${name}: the template has no condition of that name.`);
    return value;
  };
  checkRules(template.Rules, { region: run.region, mappings: template.Mappings, ref: staticRef, getAtt: noGetAtt, condition });

  const included: Record<string, Template['Resources'][string]> = {};
  const excluded = new Set<string>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Condition === undefined || condition(resource.Condition)) included[id] = resource;
    else excluded.add(id);
  }
  const providers = checkResources(included, previous);
  const graph = dependencyGraph(included, new Set([...parameters.keys(), ...pseudo.keys(), 'AWS::NoValue']), excluded);
  const order = creationOrder(graph);

  // --- Resources, in dependency order, independent ones concurrently.
  const current = new Map<string, ResourceRecord>();
  const cleanup: CleanupRecord[] = [...(previous?.cleanup ?? [])];
  const context: ResolveContext = {
    region: run.region,
    mappings: template.Mappings,
    condition,
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

  const providerContext = (id: string, type: string): ProviderContext => ({
    logicalId: id,
    resourceType: type,
    stackName,
    stackId: env.stackId,
    accountId: run.accountId,
    region: run.region,
    partition,
    clients: run.clients,
    endpoint: run.endpoint,
    assets: artifact.assets,
    customResourceTimeoutMs: options.customResourceTimeoutMs ?? CUSTOM_RESOURCE_TIMEOUT_MS,
    generateName: (max) => generatePhysicalName(stackName, id, max),
    log: run.log,
  });

  let failure: { id: string; type: string; action: string; error: unknown } | undefined;
  const replacedOld: CleanupRecord[] = [];

  async function apply(id: string): Promise<void> {
    const resource = included[id]!;
    const provider = providers.get(id)!;
    const ctx = providerContext(id, resource.Type);
    let action = 'create';
    try {
      const resolved = resolve(resource.Properties ?? {}, context);
      const properties = (resolved === NO_VALUE ? {} : resolved) as Record<string, unknown>;
      const missing = (provider.required ?? []).filter((name) => properties[name] === undefined);
      if (missing.length > 0) throw new TemplateError(`Properties validation failed for resource ${id} with message: required key [${missing.join(', ')}] not found`);
      const old = previous?.resources[id];
      let state;
      if (!old) {
        state = await provider.create(properties, ctx);
        result.created.push(id);
      } else if (sameJson(old.properties, properties)) {
        current.set(id, { ...old, dependsOn: [...graph.get(id)!], deletionPolicy: resource.DeletionPolicy, updateReplacePolicy: resource.UpdateReplacePolicy });
        return;
      } else if (needsReplacement(provider, old.properties, properties)) {
        action = 'replace';
        const name = provider.nameProperty;
        if (name && properties[name] !== undefined && sameJson(properties[name], old.properties[name])) {
          throw new Error(`CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${String(properties[name])} and update the stack again.`);
        }
        state = await provider.create(properties, ctx);
        replacedOld.push({ ...old, logicalId: id });
        result.replaced.push(id);
      } else {
        action = 'update';
        state = await provider.update!({ physicalId: old.physicalId, ref: old.ref, attributes: old.attributes, properties: old.properties }, properties, ctx);
        // A new physical id from an update means a new resource: the old one goes in clean-up.
        if (state.physicalId !== old.physicalId) replacedOld.push({ ...old, logicalId: id });
        result.updated.push(id);
      }
      current.set(id, {
        type: resource.Type,
        physicalId: state.physicalId,
        ref: state.ref ?? state.physicalId,
        attributes: state.attributes ?? {},
        properties,
        dependsOn: [...graph.get(id)!],
        deletionPolicy: resource.DeletionPolicy,
        updateReplacePolicy: resource.UpdateReplacePolicy,
      });
      run.log(`${action.toUpperCase()}_COMPLETE  ${resource.Type}  ${id}  ${state.physicalId}`);
    } catch (error) {
      failure ??= { id, type: resource.Type, action, error };
      throw error;
    }
  }

  const running = new Map<string, Promise<void>>();
  const start = (id: string): Promise<void> => {
    let p = running.get(id);
    if (!p) {
      p = Promise.all([...graph.get(id)!].map(start)).then(() => {
        if (failure) throw new Error('not attempted');
        return apply(id);
      });
      running.set(id, p);
    }
    return p;
  };
  await Promise.allSettled(order.map(start));

  const record = (status: StackRecord['status'], resources: Record<string, ResourceRecord>, pending: CleanupRecord[], outputs: Record<string, string>): StackRecord => ({
    formatVersion: 1,
    stackName,
    stackId: env.stackId,
    accountId: run.accountId,
    region: run.region,
    status,
    template,
    parameters: given,
    assets: assetPaths,
    resources,
    cleanup: pending,
    outputs,
    updatedAt: new Date().toISOString(),
  });

  if (failure) {
    // Everything that exists stays on record: untouched old resources, new ones, replaced old ones.
    const resources = { ...(previous?.resources ?? {}), ...Object.fromEntries(current) };
    await store.put(record(previous ? 'UPDATE_FAILED' : 'CREATE_FAILED', resources, [...cleanup, ...replacedOld], previous?.outputs ?? {}));
    const done = [...result.created, ...result.updated, ...result.replaced];
    const named = done.length > 8 ? `${done.length} resources (${done.slice(0, 6).join(', ')} and ${done.length - 6} more)` : done.join(', ');
    const left = done.length > 0 ? ` Left in place, no rollback: ${named}; deploy again to continue, or destroy the stack to remove them.` : ' Nothing else was changed.';
    throw new DeployError(`Resource ${failure.id} (${failure.type}) failed to ${failure.action}: ${reasonOf(failure.error)}.${left}`, failure.id, failure.type);
  }

  // --- Clean-up: removed resources in reverse dependency order, then the replaced ones.
  const removed: CleanupRecord[] = Object.entries(previous?.resources ?? {})
    .filter(([id]) => !current.has(id))
    .map(([id, r]) => ({ ...r, logicalId: id }));
  const remaining: CleanupRecord[] = [];
  for (const item of [...cleanup, ...deletionOrder(removed), ...replacedOld.reverse()]) {
    const retained = removed.includes(item) ? item.deletionPolicy === 'Retain' : item.updateReplacePolicy === 'Retain';
    if (retained) {
      run.log(`DELETE_SKIPPED  ${item.type}  ${item.logicalId}  ${item.physicalId} (retained)`);
      continue;
    }
    try {
      await providerFor(item.type)!.delete({ physicalId: item.physicalId, ref: item.ref, attributes: item.attributes, properties: item.properties }, providerContext(item.logicalId, item.type));
      result.deleted.push(item.logicalId);
      run.log(`DELETE_COMPLETE  ${item.type}  ${item.logicalId}  ${item.physicalId}`);
    } catch (error) {
      result.warnings.push(`Could not delete the old ${item.type} ${item.logicalId} (${item.physicalId}): ${reasonOf(error)}`);
      remaining.push(item);
    }
  }

  // --- Outputs.
  for (const [key, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition !== undefined && !condition(output.Condition)) continue;
    result.outputs[key] = outputText(key, resolve(output.Value, context));
  }
  // Clean-up failures are warnings, as in CloudFormation; the record keeps them to try again.
  await store.put(record(previous ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE', Object.fromEntries(current), remaining, result.outputs));
  run.log(`${stackName}: ${previous ? 'UPDATE' : 'CREATE'}_COMPLETE`);
  return result;
}

/** Every resource's provider, or an error naming the first type the deployer does not know. */
function checkResources(resources: Template['Resources'], previous: StackRecord | undefined): Map<string, ResourceProvider> {
  const providers = new Map<string, ResourceProvider>();
  const typeChanges: string[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    const provider = providerFor(resource.Type);
    if (!provider) {
      throw new TemplateError(`Resource ${id} has type ${resource.Type}, which the embedded deployer cannot deploy. It deploys ${supportedTypes().join(', ')}.`);
    }
    if (provider.properties !== 'any') {
      const known = provider.properties;
      const unknown = Object.keys(resource.Properties ?? {}).filter((name) => !Object.hasOwn(known, name));
      if (unknown.length > 0) {
        throw new TemplateError(`Resource ${id} (${resource.Type}) has ${unknown.length === 1 ? 'property' : 'properties'} ${unknown.join(', ')}, which the embedded deployer does not support.`);
      }
    }
    const old = previous?.resources[id];
    if (old && old.type !== resource.Type) typeChanges.push(id);
    providers.set(id, provider);
  }
  if (typeChanges.length > 0) {
    throw new TemplateError(`Update of resource type is not permitted. The new template modifies resource type of the following resources: [${typeChanges.join(', ')}]`);
  }
  return providers;
}

function needsReplacement(provider: ResourceProvider, before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  if (provider.properties === 'any') return false;
  if (!provider.update) return true;
  const kinds = provider.properties;
  return changedProperties(before, after).some((name) => kinds[name] === 'replace');
}

/** Dependents before what they depend on, among the resources being deleted. */
export function deletionOrder<T extends { logicalId: string; dependsOn: string[] }>(items: T[]): T[] {
  const ids = new Set(items.map((i) => i.logicalId));
  const graph = new Map(items.map((i) => [i.logicalId, new Set(i.dependsOn.filter((d) => ids.has(d)))]));
  const byId = new Map(items.map((i) => [i.logicalId, i]));
  return creationOrder(graph)
    .reverse()
    .map((id) => byId.get(id)!);
}

/** Output values are strings; a list output is joined with commas, as CloudFormation shows it. */
function outputText(key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(String).join(',');
  throw new TemplateError(`Template format error: the value of output ${key} must resolve to a string, got ${JSON.stringify(value)}.`);
}
