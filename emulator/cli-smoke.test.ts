import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './server';

/**
 * The AWS CLI drives the emulator as it drives AWS: these tests run the real `aws` command
 * against a started emulator. Where no `aws` is on the PATH they are skipped, and say so.
 */
const cliVersion = (() => {
  const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? undefined : `${probe.stdout}${probe.stderr}`.trim();
})();
if (!cliVersion) console.log('cli-smoke: skipped, no `aws` command on the PATH (install the AWS CLI to run it).');

const run = promisify(execFile);

let emulator: RunningEmulator;
let home: string;

beforeAll(async () => {
  if (!cliVersion) return;
  emulator = await startEmulator({ port: 0 });
  // A clean home keeps the developer's own AWS config and credentials out of the test.
  home = mkdtempSync(join(tmpdir(), 'cli-smoke-'));
});
afterAll(async () => {
  if (!cliVersion) return;
  await emulator.stop();
  rmSync(home, { recursive: true, force: true });
});

/** Runs `aws <args>` against the emulator and parses its JSON output (`{}` when it prints nothing). */
async function aws(...args: string[]): Promise<any> {
  const { stdout } = await run('aws', ['--endpoint-url', emulator.endpoint, '--region', 'us-east-1', '--output', 'json', ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_PAGER: '',
    },
    timeout: 60_000,
  });
  return stdout.trim() === '' ? {} : JSON.parse(stdout);
}

// Each test starts the Python CLI several times (a second or more each, far more on a busy machine).
describe.skipIf(!cliVersion)(`AWS CLI against the emulator (${cliVersion ?? 'no aws'})`, { timeout: 120_000 }, () => {
  it('logs: create-log-group, put-log-events, filter-log-events with a JSON pattern', async () => {
    const group = `/cli/smoke/${process.pid}`;
    expect(await aws('logs', 'create-log-group', '--log-group-name', group)).toEqual({});
    await aws('logs', 'create-log-stream', '--log-group-name', group, '--log-stream-name', 'orders');
    const now = Date.now();
    const events = [
      { timestamp: now - 2, message: JSON.stringify({ detail: { orderId: 'abc', location: 'us-east' } }) },
      { timestamp: now - 1, message: JSON.stringify({ detail: { orderId: 'def', location: 'eu-west' } }) },
      { timestamp: now, message: 'plain text line' },
    ];
    const put = await aws('logs', 'put-log-events', '--log-group-name', group, '--log-stream-name', 'orders', '--log-events', JSON.stringify(events));
    expect(put.nextSequenceToken).toMatch(/^\d{56}$/);
    expect(put.rejectedLogEventsInfo).toBeUndefined();

    const found = await aws('logs', 'filter-log-events', '--log-group-name', group, '--filter-pattern', '{ $.detail.orderId = "abc" }');
    expect(found.events).toHaveLength(1);
    expect(found.events[0]).toMatchObject({ logStreamName: 'orders', timestamp: now - 2, message: events[0]!.message });

    const all = await aws('logs', 'filter-log-events', '--log-group-name', group);
    expect(all.events.map((e: { message: string }) => e.message)).toEqual(events.map((e) => e.message));

    const groups = await aws('logs', 'describe-log-groups', '--log-group-name-prefix', group);
    expect(groups.logGroups.map((g: { logGroupName: string }) => g.logGroupName)).toEqual([group]);
  });

  it('logs: errors come back as the CLI reports AWS errors', async () => {
    const err = await aws('logs', 'create-log-stream', '--log-group-name', `/cli/missing/${process.pid}`, '--log-stream-name', 's').catch((e: { stderr: string }) => e);
    expect(err.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the CreateLogStream operation: The specified log group does not exist.');
  });

  it('events: list-event-buses shows the default bus', async () => {
    const out = await aws('events', 'list-event-buses');
    expect(out.EventBuses.map((b: { Name: string }) => b.Name)).toContain('default');
    const bus = out.EventBuses.find((b: { Name: string }) => b.Name === 'default');
    expect(bus.Arn).toBe('arn:aws:events:us-east-1:000000000000:event-bus/default');
  });

  it('events: put-events accepts an order event', async () => {
    const entries = [{ Source: 'com.aws.orders', DetailType: 'Order Notification', Detail: JSON.stringify({ orderId: 'cli-1', location: 'us-east' }), EventBusName: 'default' }];
    const out = await aws('events', 'put-events', '--entries', JSON.stringify(entries));
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries).toHaveLength(1);
    expect(out.Entries[0].EventId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
