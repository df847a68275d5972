import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Suites start emulators and Lambda workers; two cores run two files at a time at best.
    maxWorkers: 2,
    // The AWS SDK's Node-version warning: once per test process, not once per client module copy.
    setupFiles: ['emulator/core/node-version-warning.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{stack,handlers,emulator,testbed,scripts}/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          // Picks the target, deploys the stack when needed and hands the outputs to the suites.
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
