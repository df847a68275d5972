import { parseArgs } from 'node:util';
import { formatReport, runSoak } from '../testbed/soak/soak';

const USAGE = 'Usage: npm run soak -- [--orders 10000] [--rate 50] [--no-restarts] [--seed 1] [--time-scale 0.01] [--drain-timeout 300]';

function count(name: string, raw: string | undefined, fallback: number, integer = true): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be a positive ${integer ? 'whole ' : ''}number, not "${raw}". ${USAGE}`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      orders: { type: 'string' },
      rate: { type: 'string' },
      'no-restarts': { type: 'boolean', default: false },
      seed: { type: 'string' },
      'time-scale': { type: 'string' },
      'drain-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const report = await runSoak({
    orders: count('orders', values.orders, 10_000),
    rate: count('rate', values.rate, 50, false),
    stops: values['no-restarts'] ? [] : ['SIGTERM', 'SIGKILL'],
    seed: count('seed', values.seed, 1),
    timeScale: count('time-scale', values['time-scale'], 0.01, false),
    drainTimeoutMs: count('drain-timeout', values['drain-timeout'], 300) * 1000,
    log: (line) => console.log(line),
  });
  console.log(`\nSoak report\n${formatReport(report)}`);
  return report.lost.length > 0 || report.duplicated.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  },
);
