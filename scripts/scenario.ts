import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { connect } from '../testbed/connect';
import { replay } from '../testbed/scenario/replay';
import { readScenario, ScenarioFileError } from '../testbed/scenario/scenario-file';
import { summarise } from '../testbed/scenario/summary';
import { prepareTarget } from '../testbed/targets';
import { htmlReport } from './scenario/report-html';
import { textReport } from './scenario/report-text';

const USAGE = `Usage: npm run scenario -- <scenario.json|.ndjson> [--report report.html] [--target embedded|localstack|testcontainers|aws] [--concurrency 16] [--timeout 60000] [--rows 50]`;

class UsageError extends Error {}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a whole number above 0, got "${raw}".`);
  return n;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        report: { type: 'string' },
        target: { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        rows: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`Give one scenario file.\n${USAGE}`);
  const concurrency = positiveInt('concurrency', values.concurrency, 16);
  const timeoutMs = positiveInt('timeout', values.timeout, 60_000);
  const rows = positiveInt('rows', values.rows, 50);
  const scenario = await readScenario(positionals[0]!);

  // An emulator started in this process stops with it: the report links to the studio only when one outlives the run.
  let emulatorStartedHere = false;
  const prepared = await prepareTarget({
    target: values.target,
    startEmbedded: true,
    log: (l: string) => {
      if (l.startsWith('Started the embedded emulator in this process')) emulatorStartedHere = true;
      console.error(l);
    },
  });
  const studio = prepared.target === 'embedded' && prepared.endpoint && !emulatorStartedHere ? `${prepared.endpoint}/_testbed/studio` : undefined;
  const tb = connect(prepared);
  try {
    console.error(`Replaying ${scenario.orders.length} orders from ${scenario.name} on ${prepared.target}.`);
    const tty = process.stderr.isTTY;
    let lastShown = -1;
    const results = await replay(tb, scenario, {
      concurrency,
      timeoutMs,
      progress(done, total, phase) {
        if (phase === 'following') {
          if (done === 0) process.stderr.write(`${tty ? '\n' : ''}Following ${total} orders to their routes...\n`);
          return;
        }
        const tenth = Math.floor((done / total) * 10);
        if (tty) process.stderr.write(`\rPublished ${done}/${total}`);
        else if (tenth !== lastShown || done === total) {
          lastShown = tenth;
          process.stderr.write(`Published ${done}/${total}\n`);
        }
      },
    });
    const summary = summarise(results);
    console.log(textReport(scenario.name, results, summary, rows));
    if (values.report) {
      await writeFile(values.report, htmlReport(scenario.name, results, summary, prepared.target, studio));
      console.log(`\nHTML report written to ${values.report}`);
    }
    return summary.failed.length === 0 ? 0 : 1;
  } finally {
    tb.destroy();
    await prepared.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof ScenarioFileError) console.error(err.message);
    else console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  },
);
