import { tsImport } from 'tsx/esm/api';
import type { TestProject } from 'vitest/node';
import type { TestbedInfo } from '../testbed/connect';
import type * as Targets from '../testbed/targets';

declare module 'vitest' {
  export interface ProvidedContext {
    testbed: TestbedInfo & {
      /** Environment that lets another process (the scenario command) reach the same deployment. */
      attachEnv: Record<string, string>;
    };
  }
}

/**
 * Picks the target (TESTBED_TARGET, else LocalStack when it answers, else the embedded emulator
 * started here for the run), deploys the stack when needed and hands the outputs to the suites.
 */
export default async function setup(project: TestProject) {
  // Loaded through tsx, not through vitest's transform pipeline: the embedded emulator is a few
  // hundred modules, which tsx compiles once and keeps in its cache between runs.
  const { prepareTarget } = (await tsImport('../testbed/targets/index.ts', import.meta.url)) as typeof Targets;
  const prepared = await prepareTarget({ startEmbedded: true, log: (line: string) => console.log(line) });
  project.provide('testbed', {
    target: prepared.target,
    reason: prepared.reason,
    endpoint: prepared.endpoint,
    region: prepared.region,
    outputs: prepared.outputs,
    // A second process attaches to this deployment: LocalStack that Testcontainers started is, to
    // it, plain LocalStack at an endpoint.
    attachEnv: {
      TESTBED_TARGET: prepared.target === 'testcontainers' ? 'localstack' : prepared.target,
      ...(prepared.endpoint ? { AWS_ENDPOINT_URL: prepared.endpoint } : {}),
    },
  });
  return async () => {
    await prepared.stop();
  };
}
