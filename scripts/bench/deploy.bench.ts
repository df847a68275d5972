import { rm } from 'node:fs/promises';
import path from 'node:path';
import { deployCloudAssembly, destroyStack } from '../../emulator/deployer';
import { startEmulator } from '../../emulator/server';
import { PROJECT_ROOT } from '../../testbed/project';
import { synthesize } from '../../testbed/targets/synth';

const ROUNDS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${Math.round(value)} ms`;

/**
 * From nothing to a deployed OrdersStack on the embedded target, in its parts: synthesis (a real
 * `cdk synth` into a scratch directory, nothing reused), starting an emulator, the first
 * deployment into it, a second deployment of the same assembly (the no-op), and destroy.
 * The aim is a deployment under 1 s after synthesis.
 */
export async function run(): Promise<void> {
  const outdir = path.join('.testbed', 'bench-cdk.out');
  try {
    const synth = await synthesize({ projectDir: PROJECT_ROOT, outdir, force: true });
    console.log(`synthesis (the CDK app, esbuild bundling included): ${ms(synth.ms)}`);

    const starts: number[] = [];
    const deploys: number[] = [];
    const noops: number[] = [];
    const destroys: number[] = [];
    let resources = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let t = performance.now();
      const emulator = await startEmulator({ port: 0 });
      starts.push(performance.now() - t);
      try {
        t = performance.now();
        const result = await deployCloudAssembly({ endpoint: emulator.endpoint, assemblyDir: synth.assemblyDir, outputsFile: false });
        deploys.push(performance.now() - t);
        resources = result.created.length;
        t = performance.now();
        await deployCloudAssembly({ endpoint: emulator.endpoint, assemblyDir: synth.assemblyDir, outputsFile: false });
        noops.push(performance.now() - t);
        t = performance.now();
        await destroyStack(result.stackName, { endpoint: emulator.endpoint });
        destroys.push(performance.now() - t);
      } finally {
        await emulator.stop();
      }
    }
    console.log(`emulator start: median ${ms(median(starts))} of ${ROUNDS}`);
    console.log(`first deployment (${resources} resources, custom resource included): median ${ms(median(deploys))}, runs ${deploys.map(ms).join(', ')}`);
    console.log(`redeployment of the same assembly (no-op): median ${ms(median(noops))}`);
    console.log(`destroy: median ${ms(median(destroys))}`);
    console.log(`nothing to deployed stack: ${ms(synth.ms + median(starts) + median(deploys))} (aim for the deployment alone: under 1000 ms)`);
  } finally {
    await rm(path.join(PROJECT_ROOT, outdir), { recursive: true, force: true });
  }
}
