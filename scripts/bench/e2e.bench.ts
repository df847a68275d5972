import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../testbed/project';
import { TESTBED_ASSEMBLY } from '../../testbed/targets/synth';
import type { SummaryLine } from './index';

/**
 * `npm run e2e` as a developer runs it, timed from the command to its exit: cold (no synthesized
 * assembly, as on a fresh clone after `npm ci`) and then warm (the assembly reused). Both run on
 * the embedded target, whatever else answers on this machine.
 */
async function timeE2e(): Promise<{ seconds: number; code: number; tests: string }> {
  const started = performance.now();
  let output = '';
  const code = await new Promise<number>((resolve) => {
    const child = spawn('npm', ['run', 'e2e', '--', '--target', 'embedded'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (c) => resolve(c ?? 1));
  });
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const tests = /Tests\s+(.*)/.exec(plain)?.[1]?.trim() ?? 'no test summary';
  return { seconds: (performance.now() - started) / 1000, code, tests };
}

export async function run(): Promise<SummaryLine[]> {
  await rm(path.join(PROJECT_ROOT, TESTBED_ASSEMBLY), { recursive: true, force: true });
  const cold = await timeE2e();
  console.log(`npm run e2e, cold (no synthesized assembly): ${cold.seconds.toFixed(1)} s, exit ${cold.code} (${cold.tests})`);
  const warm = await timeE2e();
  console.log(`npm run e2e, warm (assembly reused):         ${warm.seconds.toFixed(1)} s, exit ${warm.code} (${warm.tests})`);
  return [
    { label: '`npm run e2e`, cold (first synthesis)', value: `${cold.seconds.toFixed(1)} s${cold.code ? ` (exit ${cold.code})` : ''}`, aim: 'under 15 s' },
    { label: '`npm run e2e`, warm', value: `${warm.seconds.toFixed(1)} s${warm.code ? ` (exit ${warm.code})` : ''}`, aim: 'under 10 s' },
  ];
}
