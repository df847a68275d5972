import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { destroyTarget, OUTPUTS_FILE, prepareTarget, TARGETS, USAGE_EXIT, UsageError } from '../testbed/targets';

const USAGE = `Usage: npm run deploy -- [--target ${TARGETS.join('|')}] [--endpoint URL] [--destroy] [--verbose]`;

function options() {
  try {
    const { values, positionals } = parseArgs({
      options: {
        target: { type: 'string' },
        endpoint: { type: 'string' },
        destroy: { type: 'boolean', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    if (values.target !== undefined && !(TARGETS as readonly string[]).includes(values.target)) {
      throw new UsageError(`--target must be one of ${TARGETS.join(', ')}, not "${values.target}".`);
    }
    if (values.endpoint !== undefined && !/^https?:\/\/[^/\s]+\/?$/.test(values.endpoint)) {
      throw new UsageError(`--endpoint must be an http(s) origin such as http://127.0.0.1:4566, not "${values.endpoint}".`);
    }
    return values;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = err as Error & { code?: string };
    const option = /'(-[^']*)'/.exec(e.message)?.[1];
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) throw new UsageError(`Unknown option ${option}.`);
    throw new UsageError(e.message);
  }
}

async function main(): Promise<void> {
  const args = options();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const log = (line: string) => console.log(line);
  if (args.destroy) {
    await destroyTarget({ target: args.target, endpoint: args.endpoint, log, verbose: args.verbose });
    await rm(OUTPUTS_FILE, { force: true });
    return;
  }
  const prepared = await prepareTarget({ target: args.target, endpoint: args.endpoint, log, verbose: args.verbose, startEmbedded: false });
  console.log(`Outputs (${path.relative(process.cwd(), prepared.outputsFile)}):`);
  for (const [key, value] of Object.entries(prepared.outputs)) console.log(`  ${key} = ${value}`);
  if (prepared.target === 'testcontainers') {
    // The container lives as long as this process: keep it up for the user until they stop it.
    console.log(`LocalStack keeps running at ${prepared.endpoint} with the stack deployed; press Ctrl+C to stop it.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await prepared.stop();
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(message);
  if (err instanceof UsageError) console.error(USAGE);
  process.exit(err instanceof UsageError ? USAGE_EXIT : 1);
});
