import { randomUUID } from 'node:crypto';
import { applyResources, type AppliedResources, type ApplyFailure } from './apply-resources';
import { sameJson } from './canonical-json';
import { cleanUp } from './clean-up';
import { DeployError, reasonOf } from './deploy-error';
import { resolveOptions, type DeployOptions, type Resolved } from './deploy-options';
import type { Deployment } from './deployment';
import { resolve } from './intrinsics';
import { partitionOf, type StackEnvironment } from './pseudo-parameters';
import { resolveStack, type ResolvedStack } from './resolve-stack';
import { StackRecordStore, type CleanupRecord, type ResourceRecord, type StackRecord, type StackRecords, type StackStatus } from './stack-record';
import type { StackArtifact, Template } from './template';
import { TemplateError } from './template-error';

export interface DeployResult {
  stackName: string;
  stackId: string;
  outputs: Record<string, string>;
  /** The outputs' export names and values (`Export.Name`), for ListExports. */
  exports: Record<string, string>;
  /** True when the template and inputs equal the last successful deployment's: nothing was called. */
  noChanges: boolean;
  created: string[];
  updated: string[];
  replaced: string[];
  deleted: string[];
  /** Clean-up deletions that failed; CloudFormation reports these without failing the stack. */
  warnings: string[];
}

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

/**
 * The no-op check, then the phases in turn: resolve the template (`resolveStack`), apply the
 * resources (`applyResources`), and either record the failure (`recordFailure`) or clean up
 * (`cleanUp`), resolve the outputs (`resolveOutputs`) and record the stack.
 */
async function deploy(artifact: StackArtifact, options: DeployOptions, run: Resolved): Promise<DeployResult> {
  const { stackName, template } = artifact;
  const store = options.records ?? new StackRecordStore(run.endpoint, run.accountId, run.region);
  const previous = await store.get(stackName);
  const given = options.parameters ?? {};
  const assetPaths = Object.fromEntries([...artifact.assets].map(([key, asset]) => [key, asset.sourcePath]));
  const result: DeployResult = { stackName, stackId: '', outputs: {}, exports: {}, noChanges: false, created: [], updated: [], replaced: [], deleted: [], warnings: [] };

  if (previous && previous.status.endsWith('_COMPLETE') && sameJson(previous.template, template) && sameJson(previous.parameters, given) && sameJson(previous.assets, assetPaths)) {
    run.log(`${stackName}: no changes`);
    return { ...result, stackId: previous.stackId, outputs: previous.outputs, exports: previous.exports ?? {}, noChanges: true };
  }

  const { partition } = partitionOf(run.region);
  const env: StackEnvironment = {
    stackName,
    stackId: options.stackId ?? previous?.stackId ?? `arn:${partition}:cloudformation:${run.region}:${run.accountId}:stack/${stackName}/${randomUUID()}`,
    accountId: run.accountId,
    region: run.region,
  };
  result.stackId = env.stackId;
  const d: Deployment = { artifact, options, run, previous, given, assetPaths, env, partition, result };

  const stack = resolveStack(d);
  const applied = await applyResources(d, stack);
  if (applied.failure) return recordFailure(d, store, applied, applied.failure);
  const remaining = await cleanUp(d, applied);
  Object.assign(result, resolveOutputs(template, stack, applied));
  // Clean-up failures are warnings, as in CloudFormation; the record keeps them to try again.
  await store.put(stackRecord(d, previous ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE', Object.fromEntries(applied.current), remaining, result.outputs));
  run.log(`${stackName}: ${previous ? 'UPDATE' : 'CREATE'}_COMPLETE`);
  return result;
}

/**
 * Keeps on record everything that exists after a failed deployment (untouched old resources, new
 * ones, replaced old ones), then throws the error that names the failed resource and what is left.
 */
async function recordFailure(d: Deployment, store: StackRecords, applied: AppliedResources, failure: ApplyFailure): Promise<never> {
  const { previous, result } = d;
  const resources = { ...(previous?.resources ?? {}), ...Object.fromEntries(applied.current) };
  const pending = [...(previous?.cleanup ?? []), ...applied.replacedOld];
  await store.put(stackRecord(d, previous ? 'UPDATE_FAILED' : 'CREATE_FAILED', resources, pending, previous?.outputs ?? {}));
  const done = [...result.created, ...result.updated, ...result.replaced];
  const named = done.length > 8 ? `${done.length} resources (${done.slice(0, 6).join(', ')} and ${done.length - 6} more)` : done.join(', ');
  const left = done.length > 0 ? ` Left in place, no rollback: ${named}; deploy again to continue, or destroy the stack to remove them.` : ' Nothing else was changed.';
  throw new DeployError(`Resource ${failure.id} (${failure.type}) failed to ${failure.action}: ${reasonOf(failure.error)}.${left}`, failure.id, failure.type);
}

/** The template's outputs whose condition holds, and their exports, resolved against the deployed resources. */
function resolveOutputs(template: Template, stack: ResolvedStack, applied: AppliedResources): Pick<DeployResult, 'outputs' | 'exports'> {
  const outputs: Record<string, string> = {};
  const exports: Record<string, string> = {};
  for (const [key, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition !== undefined && !stack.condition(output.Condition)) continue;
    outputs[key] = outputText(key, resolve(output.Value, applied.context));
    if (output.Export?.Name !== undefined) exports[outputText(key, resolve(output.Export.Name, applied.context))] = outputs[key]!;
  }
  return { outputs, exports };
}

/**
 * Resolves the template as far as it goes before anything is created (parameters, rules,
 * conditions, resource types, the dependency graph) and throws the first problem, so a
 * CloudFormation front can refuse a template before it creates a stack. Returns the resources
 * whose condition holds.
 */
export async function checkStack(artifact: StackArtifact, options: DeployOptions): Promise<Set<string>> {
  const run = resolveOptions(options);
  try {
    const previous = await options.records?.get(artifact.stackName);
    const env: StackEnvironment = { stackName: artifact.stackName, stackId: options.stackId ?? previous?.stackId ?? '', accountId: run.accountId, region: run.region };
    const result: DeployResult = { stackName: artifact.stackName, stackId: env.stackId, outputs: {}, exports: {}, noChanges: false, created: [], updated: [], replaced: [], deleted: [], warnings: [] };
    const d: Deployment = { artifact, options, run, previous, given: options.parameters ?? {}, assetPaths: {}, env, partition: partitionOf(run.region).partition, result };
    return new Set(Object.keys(resolveStack(d).included));
  } finally {
    run.clients.destroy();
  }
}

function stackRecord(d: Deployment, status: StackStatus, resources: Record<string, ResourceRecord>, pending: CleanupRecord[], outputs: Record<string, string>): StackRecord {
  return {
    formatVersion: 1,
    stackName: d.artifact.stackName,
    stackId: d.env.stackId,
    accountId: d.run.accountId,
    region: d.run.region,
    status,
    template: d.artifact.template,
    parameters: d.given,
    assets: d.assetPaths,
    resources,
    cleanup: pending,
    outputs,
    exports: d.result.exports,
    updatedAt: new Date().toISOString(),
  };
}

/** Output values are strings; a list output is joined with commas, as CloudFormation shows it. */
function outputText(key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(String).join(',');
  throw new TemplateError(`Template format error: the value of output ${key} must resolve to a string, got ${JSON.stringify(value)}.`);
}
