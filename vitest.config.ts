import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{stack,handlers,emulator,scripts}/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites start emulators and workers; two cores run two files at a time at best.
    maxWorkers: 2,
  },
});
