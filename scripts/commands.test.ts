import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../testbed/project';
import { NO_DOCKER } from '../testbed/targets';

/**
 * The commands as a user runs them: bad usage exits 2 with one sentence and the usage line,
 * whatever the command; a target that cannot work says why in one sentence, without a stack
 * trace or the test runner's own output.
 */
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function command(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  // No DOCKER_HOST or AWS_ENDPOINT_URL of the developer's shell: the cases below describe a bare machine.
  const { DOCKER_HOST, AWS_ENDPOINT_URL, TESTBED_TARGET, ...rest } = process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { cwd: PROJECT_ROOT, env: { ...rest, ...env }, timeout: 110_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A port with a listener (in use) and one without (refuses connections). */
let busy: Server;
let busyPort: number;
let closedPort: number;
beforeAll(async () => {
  const listen = () => new Promise<Server>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
  busy = await listen();
  busyPort = (busy.address() as { port: number }).port;
  const closed = await listen();
  closedPort = (closed.address() as { port: number }).port;
  await new Promise((r) => closed.close(r));
});
afterAll(() => new Promise((r) => busy.close(r)));

const noNoise = (run: Run) => {
  const all = run.stdout + run.stderr;
  expect(all).not.toContain('No test files found');
  expect(all).not.toMatch(/^\s+at /m);
};

describe.concurrent('npm run e2e', { timeout: 120_000 }, () => {
  it('refuses an unknown --target with exit 2, before vitest starts', async () => {
    const run = await command('scripts/e2e.ts', ['--target', 'lokalstack']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--target must be one of embedded, localstack, testcontainers, aws, not "lokalstack".');
    expect(run.stderr).toContain('Usage: npm run e2e');
    noNoise(run);
  });

  it('refuses an invalid TESTBED_TARGET with exit 2', async () => {
    const run = await command('scripts/e2e.ts', [], { TESTBED_TARGET: 'docker' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('TESTBED_TARGET must be one of embedded, localstack, testcontainers, aws, not "docker".');
    noNoise(run);
  });

  it('says in one sentence that the testcontainers target needs Docker', async () => {
    const run = await command('scripts/e2e.ts', [], { TESTBED_TARGET: 'testcontainers', DOCKER_HOST: `tcp://127.0.0.1:${closedPort}` });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(NO_DOCKER);
    noNoise(run);
  });
});

describe.concurrent('bad usage exits 2 in every command', { timeout: 120_000 }, () => {
  it.each([
    ['scripts/deploy.ts', ['--bogus'], 'Unknown option --bogus.'],
    ['scripts/deploy.ts', ['--target', 'nowhere'], '--target must be one of'],
    ['scripts/scenario.ts', [], 'Give one scenario file.'],
    ['scripts/scenario.ts', ['--bogus', 'x.json'], "Unknown option '--bogus'"],
    ['emulator/cli.ts', ['--bogus'], "Unknown option '--bogus'"],
    ['emulator/cli.ts', ['--port', 'http'], '--port must be a whole number from 0 to 65535, got "http".'],
  ])('%s %j', async (script, args, message) => {
    const run = await command(script, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: npm run');
    noNoise(run);
  });
});

describe.concurrent('the commands name what is wrong', { timeout: 120_000 }, () => {
  it('npm run emulator names the port that is in use', async () => {
    const run = await command('emulator/cli.ts', ['--port', String(busyPort)]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`Port ${busyPort} on 127.0.0.1 is already in use: stop what serves it, or pass another --port.`);
  });

  it('npm run deploy -- --target localstack says what it waits for and gives up while the port refuses connections', async () => {
    const endpoint = `http://127.0.0.1:${closedPort}`;
    const run = await command('scripts/deploy.ts', ['--target', 'localstack', '--endpoint', endpoint]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Waiting for LocalStack at ${endpoint} (GET /_localstack/health`);
    expect(run.stdout).toMatch(/still waiting after \d+ s: ECONNREFUSED/);
    expect(run.stderr).toMatch(new RegExp(`Nothing listens at ${endpoint.replace(/\./g, '\\.')}: connections were refused for \\d+ s\\.`));
    noNoise(run);
  });
});
