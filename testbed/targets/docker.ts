/** The one sentence a user without Docker gets from the testcontainers target. */
export const NO_DOCKER = 'No Docker engine is reachable: the testcontainers target needs one; use --target embedded.';

/**
 * Finds a Docker engine the way Testcontainers does (DOCKER_HOST, ~/.testcontainers.properties,
 * the usual sockets), within a few seconds; without one, fails with NO_DOCKER.
 * Returns the engine's socket path, for LocalStack to start Lambda containers through.
 */
export async function findDockerEngine(timeoutMs = 10_000): Promise<{ socketPath: string }> {
  let testcontainers: typeof import('testcontainers');
  try {
    testcontainers = await import('testcontainers');
  } catch {
    throw new Error('The testcontainers target needs the testcontainers package: run `npm ci`.');
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(NO_DOCKER)), timeoutMs);
  });
  try {
    const client = await Promise.race([testcontainers.getContainerRuntimeClient(), timeout]);
    return { socketPath: client.info.containerRuntime.remoteSocketPath || '/var/run/docker.sock' };
  } catch {
    throw new Error(NO_DOCKER);
  } finally {
    clearTimeout(timer);
  }
}
