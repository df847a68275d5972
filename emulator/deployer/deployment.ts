import type { DeployResult } from './deploy';
import type { DeployOptions, Resolved } from './deploy-options';
import { generatePhysicalName } from './physical-names';
import type { ProviderContext } from './providers';
import type { StackEnvironment } from './pseudo-parameters';
import type { StackRecord } from './stack-record';
import type { StackArtifact } from './template';

const CUSTOM_RESOURCE_TIMEOUT_MS = 60_000;

/** What every phase of one deployment works from, and the result they fill in. */
export interface Deployment {
  artifact: StackArtifact;
  options: DeployOptions;
  run: Resolved;
  /** The stack record of the last deployment, absent for a new stack. */
  previous: StackRecord | undefined;
  /** The parameter values given and the asset paths: with the template, what makes a redeployment a no-op. */
  given: Record<string, string>;
  assetPaths: Record<string, string>;
  env: StackEnvironment;
  partition: string;
  result: DeployResult;
}

/** What a resource provider is told about the resource it creates, updates or deletes. */
export function providerContext(d: Deployment, id: string, type: string): ProviderContext {
  const { stackName } = d.artifact;
  return {
    logicalId: id,
    resourceType: type,
    stackName,
    stackId: d.env.stackId,
    accountId: d.run.accountId,
    region: d.run.region,
    partition: d.partition,
    clients: d.run.clients,
    endpoint: d.run.endpoint,
    assets: d.artifact.assets,
    customResourceTimeoutMs: d.options.customResourceTimeoutMs ?? CUSTOM_RESOURCE_TIMEOUT_MS,
    generateName: (max) => generatePhysicalName(stackName, id, max),
    log: d.run.log,
  };
}
