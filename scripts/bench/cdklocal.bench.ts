import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deployCloudAssembly } from '../../emulator/deployer';
import { startEmulator } from '../../emulator/server';
import { bin, PROJECT_ROOT, STACK_NAME } from '../../testbed/project';
import { cdklocalEnv } from '../../testbed/targets/localstack';
import { runCommand } from '../../testbed/targets/run-command';
import { synthesize } from '../../testbed/targets/synth';

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The LocalStack user's path against the emulator, beside the embedded target: the wall time of
 * `cdklocal bootstrap` and of `cdklocal deploy` of OrdersStack into a started emulator (the CLI's
 * own start-up included; the app synthesized beforehand, as `--app cdk.out` deploys it), and of
 * the in-process embedded deployment of the same assembly into a fresh emulator.
 */
export async function run(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  const cdkHome = await mkdtemp(path.join(tmpdir(), 'cdk-home-'));
  const outdir = path.join('.testbed', 'bench-cdklocal.out');
  try {
    const synth = await synthesize({ projectDir: PROJECT_ROOT, outdir, context: { localstackEndpoint: emulator.endpoint }, force: true });
    console.log(`synthesis (once, before the commands): ${s(synth.ms)}`);
    const env = cdklocalEnv({ endpoint: emulator.endpoint, region: 'us-east-1', env: { ...process.env, CDK_HOME: cdkHome }, log: () => {} });
    const lines: string[] = [];
    const cdklocal = async (...args: string[]) => {
      const t = performance.now();
      await runCommand(bin('cdklocal'), [...args, '--app', synth.assemblyDir, '--no-notices'], { cwd: PROJECT_ROOT, env, log: (line) => lines.push(line) });
      return performance.now() - t;
    };
    const bootstrap = await cdklocal('bootstrap', 'aws://000000000000/us-east-1');
    const deploy = await cdklocal('deploy', STACK_NAME, '--require-approval', 'never');
    // The CLI reports the CloudFormation part of the deployment itself.
    const inCloudFormation = lines.map((l) => /Deployment time: ([\d.]+)s/.exec(l)?.[1]).find(Boolean);
    const destroy = await cdklocal('destroy', STACK_NAME, '--force');

    const fresh = await startEmulator({ port: 0 });
    let embedded: number;
    try {
      const t = performance.now();
      await deployCloudAssembly({ endpoint: fresh.endpoint, assemblyDir: synth.assemblyDir, outputsFile: false });
      embedded = performance.now() - t;
    } finally {
      await fresh.stop();
    }
    console.log(`cdklocal bootstrap:             ${s(bootstrap)}`);
    console.log(`cdklocal deploy ${STACK_NAME}:     ${s(deploy)} (of which CloudFormation, as the CLI reports it: ${inCloudFormation ?? '?'} s)`);
    console.log(`cdklocal destroy ${STACK_NAME}:    ${s(destroy)}`);
    console.log(`embedded deploy (in process):   ${s(embedded)}`);
    console.log('aim: cdklocal deploy under 10 s, most of it the CDK CLI starting up');
  } finally {
    await emulator.stop();
    await rm(cdkHome, { recursive: true, force: true });
    await rm(path.join(PROJECT_ROOT, outdir), { recursive: true, force: true });
  }
}
