import { parseArgs } from 'node:util';
import { startEmulator } from './server';

const usage = 'Usage: npm run emulator -- [--host 127.0.0.1] [--port 4566] [--state-dir .testbed/state]';

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, got "${raw}".`);
  }
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4566' },
      'state-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const stateDir = values['state-dir'];
  const emulator = await startEmulator({ host: values.host, port: parsePort(values.port!), ...(stateDir ? { stateDir } : {}) });
  const health = (await (await fetch(`${emulator.endpoint}/_localstack/health`)).json()) as { services: Record<string, string> };
  console.log(`Embedded AWS emulator serving at ${emulator.endpoint}`);
  console.log(`Services: ${Object.keys(health.services).join(', ')}`);
  console.log(stateDir ? `State is kept in ${stateDir} and survives a restart.` : 'State is kept in memory (--state-dir keeps it on disk).');
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
