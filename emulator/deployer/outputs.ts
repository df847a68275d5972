import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes outputs in the format of `cdk deploy --outputs-file`: `{"Stack": {"Key": "value"}}`. */
export async function writeOutputsFile(file: string, stackName: string, outputs: Record<string, string>): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, JSON.stringify({ [stackName]: outputs }, null, 2) + '\n');
}

/** Reads one stack's outputs from a `cdk deploy --outputs-file` file. */
export async function readOutputsFile(file: string, stackName: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`The outputs file ${file} does not exist: the deployment did not write it.`);
    throw err;
  }
  const all = JSON.parse(text) as Record<string, Record<string, string>>;
  const outputs = all[stackName];
  if (!outputs) throw new Error(`The outputs file ${file} has no outputs for ${stackName}; it has ${Object.keys(all).join(', ') || 'none'}.`);
  return outputs;
}
