import path from 'node:path';
import { readOutputsFile } from '../emulator/deployer/outputs';
import { PROJECT_ROOT, STACK_NAME } from './project';

/**
 * Where every target leaves the stack outputs, in the format of `cdk deploy --outputs-file`
 * (ignored by git). Absolute, so it is the same file whichever directory a command runs from.
 */
export const OUTPUTS_FILE = path.join(PROJECT_ROOT, '.testbed', 'outputs.json');

/** The stack's outputs as the last `cdk deploy` / `cdklocal deploy` wrote them. */
export function readStackOutputs(): Promise<Record<string, string>> {
  return readOutputsFile(OUTPUTS_FILE, STACK_NAME);
}
