import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { probeHealth } from './health';
import { NO_DOCKER, prepareTarget, selectTarget } from '.';

// Target selection, with real servers on loopback: a fake LocalStack health endpoint, the
// embedded emulator, something else, and a port where nothing listens.

function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/** A loopback port with nothing listening: bound, then closed. */
async function closedPort(): Promise<number> {
  const { server } = await serve(() => {});
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

let localstack: { server: Server; url: string };
let other: { server: Server; url: string };
let emulator: RunningEmulator;
let nowhere: string;

beforeAll(async () => {
  localstack = await serve((req, res) => {
    if (req.url === '/_localstack/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ services: { events: 'running', lambda: 'available' }, edition: 'community', version: '4.14.0' }));
    } else res.writeHead(404).end();
  });
  other = await serve((_req, res) => res.writeHead(404).end('not here'));
  emulator = await startEmulator({ port: 0 });
  nowhere = `http://127.0.0.1:${await closedPort()}`;
});

afterAll(async () => {
  await emulator.stop();
  await new Promise((r) => localstack.server.close(r));
  await new Promise((r) => other.server.close(r));
});

const refuseToProbe = async (): Promise<never> => {
  throw new Error('the endpoint must not be asked when the target is given');
};

describe('probing the health endpoint', () => {
  it('tells LocalStack, the embedded emulator, something else and nothing apart', async () => {
    expect(await probeHealth(localstack.url)).toMatchObject({ kind: 'localstack', version: '4.14.0' });
    expect(await probeHealth(emulator.endpoint)).toMatchObject({ kind: 'embedded' });
    expect(await probeHealth(other.url)).toEqual({ kind: 'other', detail: 'HTTP 404' });
    expect(await probeHealth(nowhere)).toEqual({ kind: 'none', detail: 'ECONNREFUSED' });
  });
});

describe('choosing the target', () => {
  it('takes TESTBED_TARGET when it is set, without asking any endpoint', async () => {
    const env = { TESTBED_TARGET: 'localstack', AWS_ENDPOINT_URL: emulator.endpoint };
    expect(await selectTarget({ env, probe: refuseToProbe })).toEqual({ target: 'localstack', reason: 'TESTBED_TARGET=localstack' });
    expect(await selectTarget({ env: { TESTBED_TARGET: 'aws' }, probe: refuseToProbe })).toEqual({ target: 'aws', reason: 'TESTBED_TARGET=aws' });
  });

  it('takes --target over TESTBED_TARGET', async () => {
    expect(await selectTarget({ requested: 'embedded', env: { TESTBED_TARGET: 'aws' }, probe: refuseToProbe })).toEqual({ target: 'embedded', reason: '--target embedded was given' });
  });

  it('refuses a target name it does not know, in one sentence', async () => {
    await expect(selectTarget({ env: { TESTBED_TARGET: 'docker' } })).rejects.toThrow('TESTBED_TARGET must be one of embedded, localstack, testcontainers, aws, not "docker".');
  });

  it('picks LocalStack when its health endpoint answers at AWS_ENDPOINT_URL', async () => {
    expect(await selectTarget({ env: { AWS_ENDPOINT_URL: localstack.url } })).toEqual({
      target: 'localstack',
      endpoint: localstack.url,
      reason: `TESTBED_TARGET is unset and LocalStack 4.14.0 answers at ${localstack.url}`,
    });
  });

  it('picks embedded, at that endpoint, when the embedded emulator is what answers', async () => {
    expect(await selectTarget({ env: { AWS_ENDPOINT_URL: `${emulator.endpoint}/` } })).toEqual({
      target: 'embedded',
      endpoint: emulator.endpoint,
      reason: `TESTBED_TARGET is unset and this project's embedded emulator answers at ${emulator.endpoint}`,
    });
  });

  it('picks embedded when nothing answers', async () => {
    expect(await selectTarget({ env: { AWS_ENDPOINT_URL: nowhere } })).toEqual({ target: 'embedded', reason: `TESTBED_TARGET is unset and nothing answers at ${nowhere} (ECONNREFUSED)` });
  });

  it('picks embedded when something that is neither answers', async () => {
    expect(await selectTarget({ env: { AWS_ENDPOINT_URL: other.url } })).toEqual({
      target: 'embedded',
      reason: `TESTBED_TARGET is unset and ${other.url} answers (HTTP 404), but neither as LocalStack nor as the embedded emulator`,
    });
  });

  it('asks http://localhost:4566 when AWS_ENDPOINT_URL is unset', async () => {
    const asked: string[] = [];
    await selectTarget({ env: {}, probe: async (url) => (asked.push(url), { kind: 'none', detail: 'x' }) });
    expect(asked).toEqual(['http://localhost:4566']);
  });
});

describe('prepareTarget', () => {
  it('prints the chosen target and why before it does anything', async () => {
    const lines: string[] = [];
    await expect(prepareTarget({ env: { AWS_ENDPOINT_URL: nowhere }, log: (l) => lines.push(l) })).rejects.toThrow(
      `Cannot deploy to the embedded emulator at ${nowhere}: no embedded emulator answers there (ECONNREFUSED). Start it with \`npm run emulator\` in another terminal, or pass --endpoint.`,
    );
    expect(lines[0]).toBe(`Target: embedded (TESTBED_TARGET is unset and nothing answers at ${nowhere} (ECONNREFUSED)).`);
  });

  it('fails fast with one sentence when testcontainers finds no Docker engine', { timeout: 15_000 }, async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `tcp://127.0.0.1:${await closedPort()}`;
    try {
      const lines: string[] = [];
      const error = await prepareTarget({ env: { TESTBED_TARGET: 'testcontainers' }, log: (l) => lines.push(l) }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(NO_DOCKER);
      expect(NO_DOCKER).toBe('No Docker engine is reachable: the testcontainers target needs one; use --target embedded.');
      expect(lines).toEqual(['Target: testcontainers (TESTBED_TARGET=testcontainers).']);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});
