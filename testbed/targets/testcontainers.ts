import { findDockerEngine } from './docker';
import { LOCALSTACK_IMAGE, LOCALSTACK_SERVICES } from '../project';

export interface StartedLocalStack {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts LocalStack (the pinned image) with `@testcontainers/localstack`, the Docker socket
 * mounted so LocalStack can run Lambda functions in containers of their own. Fails within seconds,
 * with one sentence, when no Docker engine is reachable.
 */
export async function startLocalStackContainer(options: { env: NodeJS.ProcessEnv; log: (line: string) => void }): Promise<StartedLocalStack> {
  const { socketPath } = await findDockerEngine();
  let module: typeof import('@testcontainers/localstack');
  try {
    module = await import('@testcontainers/localstack');
  } catch {
    throw new Error('The testcontainers target needs @testcontainers/localstack: run `npm ci`.');
  }
  const environment: Record<string, string> = { SERVICES: LOCALSTACK_SERVICES.join(',') };
  // Later LocalStack images refuse to start without an account token; 4.14.0 takes one if given.
  if (options.env.LOCALSTACK_AUTH_TOKEN) environment.LOCALSTACK_AUTH_TOKEN = options.env.LOCALSTACK_AUTH_TOKEN;
  options.log(`Starting ${LOCALSTACK_IMAGE} with Testcontainers (Docker socket ${socketPath})...`);
  const started = performance.now();
  const container = await new module.LocalstackContainer(LOCALSTACK_IMAGE)
    .withEnvironment(environment)
    .withBindMounts([{ source: socketPath, target: '/var/run/docker.sock' }])
    .start();
  const endpoint = container.getConnectionUri();
  options.log(`LocalStack is up at ${endpoint} after ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return {
    endpoint,
    async stop() {
      await container.stop();
    },
  };
}
