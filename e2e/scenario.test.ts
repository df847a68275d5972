import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { replay } from '../testbed/scenario/replay';
import { parseScenario } from '../testbed/scenario/scenario-file';
import { summarise } from '../testbed/scenario/summary';
import { connect } from '../testbed/connect';

const info = inject('testbed');
const tb = connect(info);
afterAll(() => tb.destroy());

describe.concurrent('scenario replay', () => {
  it('passes the original orders and flags an order whose expected route is wrong', async () => {
    const scenario = parseScenario(
      JSON.stringify([
        { orderId: 'right-us', location: 'us-east', category: 'lab-supplies', value: 415, via: 'POST' },
        // Wrong on purpose: an EU order never reaches the API destination.
        { orderId: 'wrong-eu', location: 'eu-west', category: 'office-supplies', value: 300, via: 'POST', expect: ['log', 'api', 'table', 'dispatch'] },
      ]),
      'wrong-route',
      'wrong-route.json',
    );
    // The wrong order's missing route is known to be missing as soon as the target has settled;
    // the timeout only bounds the wait where it cannot say (or other suites keep it busy).
    const results = await replay(tb, scenario, { timeoutMs: 30_000 });
    const summary = summarise(results);
    expect(summary.failed.map((r) => r.orderId)).toEqual(['wrong-eu']);
    const problems = summary.failed[0]!.problems.join('\n');
    expect(problems).toContain('API target: expected, not seen');
    expect(problems).toContain('Step Functions: not expected, seen 1 time(s)');
    // The embedded emulator's trace says why: the rule's explanation.
    if (tb.target === 'embedded') expect(problems).toContain('API target: expected, not seen; USOrdertoAPI did not match: detail.location: "eu-west" does not start with "us-"');
  });

  // The command itself, as a user runs it, against the stack this run deployed.
  it('exits non-zero from the command line and names the order', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'scenario-'));
    const file = path.join(dir, 'wrong.json');
    const report = path.join(dir, 'report.html');
    await writeFile(file, JSON.stringify([{ orderId: 'cli-wrong-ca', location: 'ca-central', category: 'books', value: 1, expect: ['log', 'stepfunctions', 'table', 'dispatch'] }]));
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/scenario.ts', file, '--report', report, '--timeout', '30000'], {
      env: { ...process.env, ...info.attachEnv },
    });
    const failure = await run.then(
      () => undefined,
      (err: { code: number; stdout: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain('Order #1 cli-wrong-ca (ca-central)');
    expect(failure?.stdout).toContain('Step Functions: expected, not seen');
    const html = await readFile(report, 'utf8');
    expect(html).toContain('<h2>Routing matrix</h2>');
    expect(html).toContain('cli-wrong-ca');
  });
});
