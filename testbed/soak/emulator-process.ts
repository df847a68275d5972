import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../project';
import { waitFor } from '../../emulator/testing/wait';

/**
 * `npm run emulator` as a child process on a state folder, so the soak can stop it gracefully
 * (SIGTERM) or kill it (SIGKILL) and start it again on the same folder.
 */
export class EmulatorProcess {
  private child?: ChildProcess;
  readonly endpoint: string;

  private constructor(
    readonly port: number,
    private readonly stateDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.endpoint = `http://127.0.0.1:${port}`;
  }

  static async create(stateDir: string, env: NodeJS.ProcessEnv): Promise<EmulatorProcess> {
    return new EmulatorProcess(await freePort(), stateDir, env);
  }

  async start(): Promise<void> {
    const cli = path.join(PROJECT_ROOT, 'emulator', 'cli.ts');
    // Its warnings (a stop that ran out of time) show in the soak's output.
    this.child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', String(this.port), '--state-dir', this.stateDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ...this.env },
    });
    await waitFor('the emulator to answer', async () => (await fetch(`${this.endpoint}/_localstack/health`).catch(() => undefined))?.ok || undefined, 120_000);
  }

  /** Stops it: SIGTERM lets it close its state folder, SIGKILL does not. */
  async stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = undefined;
  }
}

/** A port nothing listens on now, for a process to bind. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
