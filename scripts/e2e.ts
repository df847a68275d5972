import { spawn } from 'node:child_process';
import { bin, PROJECT_ROOT } from '../testbed/project';
// The light modules only: this wrapper starts vitest, and the deployment code loads there.
import { findDockerEngine } from '../testbed/targets/docker';
import { parseTarget, TARGETS } from '../testbed/targets/select';
import { splitE2eArgs, USAGE_EXIT, UsageError } from '../testbed/cli-args';

/**
 * `npm run e2e [-- --target embedded|localstack|testcontainers|aws] [vitest options]`: the
 * end-to-end suites. `--target` is ours, not vitest's: it travels as TESTBED_TARGET. A target that
 * cannot work (a misspelt name, testcontainers without Docker) is refused here, in one sentence,
 * before vitest starts, so its own output does not bury the reason.
 */
/** As many as there are e2e files. */
const E2E_WORKERS = 5;
const USAGE = `Usage: npm run e2e -- [--target ${TARGETS.join('|')}] [vitest options such as -t "name"]`;

async function main(): Promise<number> {
  const { target, vitestArgs } = splitE2eArgs(process.argv.slice(2));
  const env = { ...process.env };
  if (target !== undefined) env.TESTBED_TARGET = parseTarget(target, '--target');
  else if (env.TESTBED_TARGET?.trim()) parseTarget(env.TESTBED_TARGET.trim(), 'TESTBED_TARGET');
  if (env.TESTBED_TARGET?.trim() === 'testcontainers') await findDockerEngine();
  // The suites mostly wait on the target: alone, each file gets a worker (`npm test` shares two).
  const workers = vitestArgs.some((a) => a.startsWith('--maxWorkers')) ? [] : [`--maxWorkers=${E2E_WORKERS}`];
  const child = spawn(bin('vitest'), ['run', '--project', 'e2e', ...workers, ...vitestArgs], { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
  // Ctrl+C reaches vitest through the terminal's process group; this process waits for its exit.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    if (err instanceof UsageError) console.error(USAGE);
    process.exit(err instanceof UsageError ? USAGE_EXIT : 1);
  },
);
