import { parseArgs } from 'node:util';
import { DEFAULT_DRAIN_MS } from './persistence';
import { startEmulator } from './server';

const usage = 'Usage: npm run emulator -- [--host 127.0.0.1] [--port 4566] [--state-dir .testbed/state] [--trace-limit 200000] [--log requests]';

/** Bad usage: printed with the usage line, exit status 2 (as every command of the project does). */
class UsageError extends Error {}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got "${raw}".`);
  }
  return port;
}

function parseTraceLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--trace-limit must be a whole number of 1 or more, got "${raw}".`);
  return limit;
}

function parseLog(raw: string | undefined): 'requests' | undefined {
  if (raw === undefined) return undefined;
  if (raw !== 'requests') throw new UsageError(`--log takes "requests", got "${raw}".`);
  return raw;
}

function options() {
  try {
    return parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '4566' },
        'state-dir': { type: 'string' },
        'trace-limit': { type: 'string' },
        log: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function main(): Promise<void> {
  const values = options();
  if (values.help) {
    console.log(usage);
    return;
  }
  const host = values.host!;
  const port = parsePort(values.port!);
  const stateDir = values['state-dir'];
  const emulator = await startEmulator({
    host,
    port,
    ...(stateDir ? { stateDir } : {}),
    traceLimit: parseTraceLimit(values['trace-limit']),
    logRequests: parseLog(values.log) === 'requests' ? (line) => console.log(line) : undefined,
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new Error(`Port ${port} on ${host} is already in use: stop what serves it, or pass another --port.`);
    throw err;
  });
  const health = (await (await fetch(`${emulator.endpoint}/_localstack/health`)).json()) as { services: Record<string, string> };
  console.log(`Embedded AWS emulator serving at ${emulator.endpoint}`);
  console.log(`Services: ${Object.keys(health.services).join(', ')}`);
  console.log(`Event Studio: ${emulator.endpoint}/_testbed/studio`);
  console.log(stateDir ? `State is kept in ${stateDir} and survives a restart.` : 'State is kept in memory (--state-dir keeps it on disk).');
  console.log('Press Ctrl+C to stop.');
  let stopping = false;
  const stop = async () => {
    // A second Ctrl+C (or SIGTERM) does not wait for the work under way.
    if (stopping) process.exit(1);
    stopping = true;
    if (stateDir) console.log(`Stopping: new requests are refused while the work under way finishes (at most ${DEFAULT_DRAIN_MS / 1000} s; Ctrl+C again to stop now).`);
    await emulator.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  if (err instanceof UsageError) console.error(usage);
  process.exit(err instanceof UsageError ? 2 : 1);
});
