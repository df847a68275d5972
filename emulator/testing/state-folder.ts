import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { startEmulator, type RunningEmulator } from '../server';

/**
 * For the persistence tests: a fresh state folder for each test, and an emulator started (and
 * started again) on it; both are stopped and removed after the test.
 */
export function useStateFolder() {
  let running: RunningEmulator | undefined;
  const folder = {
    dir: '',
    /** Starts an emulator on the folder, stopping the one before if it still runs. */
    async start(): Promise<RunningEmulator> {
      await folder.stop();
      running = await startEmulator({ stateDir: folder.dir });
      return running;
    },
    async stop(): Promise<void> {
      await running?.stop();
      running = undefined;
    },
  };
  beforeEach(async () => {
    folder.dir = await mkdtemp(path.join(tmpdir(), 'state-'));
  });
  afterEach(async () => {
    await folder.stop();
    await rm(folder.dir, { recursive: true, force: true });
  });
  return folder;
}
