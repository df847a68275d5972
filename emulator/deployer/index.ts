import path from 'node:path';
import { deployStack, type DeployResult } from './deploy';
import type { DeployOptions } from './deploy-options';
import { writeOutputsFile } from './outputs';
import { loadStackArtifact } from './template';

export { checkStack, deployStack, type DeployResult } from './deploy';
export { destroyStack, type DestroyResult } from './destroy';
export { DeployError } from './deploy-error';
export { TemplateError } from './template-error';
export type { DeployOptions, ResourceEvent } from './deploy-options';
export type { StackRecord, StackRecords } from './stack-record';
export { loadStackArtifact, type StackArtifact, type Template } from './template';
export { readOutputsFile, writeOutputsFile } from './outputs';

export interface DeployAssemblyOptions extends DeployOptions {
  /** The cloud assembly directory `cdk synth` wrote; default `cdk.out`. */
  assemblyDir?: string;
  /** The stack to deploy; default: the assembly's only stack. */
  stackName?: string;
  /** Where to write the outputs (`cdk deploy --outputs-file` format); none when absent or `false`. */
  outputsFile?: string | false;
}

/** Loads a stack from a cloud assembly, deploys it into the emulator and writes the outputs file when given one. */
export async function deployCloudAssembly(options: DeployAssemblyOptions): Promise<DeployResult & { outputsFile?: string }> {
  const artifact = await loadStackArtifact(options.assemblyDir ?? 'cdk.out', options.stackName);
  const result = await deployStack(artifact, options);
  if (!options.outputsFile) return result;
  const outputsFile = path.resolve(options.outputsFile);
  await writeOutputsFile(outputsFile, result.stackName, result.outputs);
  return { ...result, outputsFile };
}
