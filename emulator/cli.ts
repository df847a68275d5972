import { parseArgs } from 'node:util';
import { startEmulator } from './server';

const usage = 'Usage: npm run emulator -- [--host 127.0.0.1] [--port 4566] [--trace-limit 200000] [--log requests]';

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, got "${raw}".`);
  }
  return port;
}

function parseTraceLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`--trace-limit must be a whole number of 1 or more, got "${raw}".`);
  return limit;
}

function parseLog(raw: string | undefined): 'requests' | undefined {
  if (raw === undefined) return undefined;
  if (raw !== 'requests') throw new Error(`--log takes "requests", got "${raw}".`);
  return raw;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4566' },
      'trace-limit': { type: 'string' },
      log: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const emulator = await startEmulator({
    host: values.host,
    port: parsePort(values.port!),
    traceLimit: parseTraceLimit(values['trace-limit']),
    logRequests: parseLog(values.log) === 'requests' ? (line) => console.log(line) : undefined,
  });
  const health = (await (await fetch(`${emulator.endpoint}/_localstack/health`)).json()) as { services: Record<string, string> };
  console.log(`Embedded AWS emulator serving at ${emulator.endpoint}`);
  console.log(`Services: ${Object.keys(health.services).join(', ')}`);
  console.log(`Event Studio: ${emulator.endpoint}/_testbed/studio`);
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await emulator.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') console.error('The port is already in use: stop what serves it, or pass --port.');
  else console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
