import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { connect, OUTPUT_KEYS, type Testbed } from './connect';

/** Outputs are not read here; connect() only needs every key present. */
const outputs = Object.fromEntries(OUTPUT_KEYS.map((k) => [k, k]));

let emulator: RunningEmulator;
let tb: Testbed;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, timeScale: 0.2 });
  tb = connect({ target: 'embedded', reason: 'test', endpoint: emulator.endpoint, region: 'us-east-1', outputs });
});
afterAll(async () => {
  tb.destroy();
  await emulator.stop();
});

describe("the suites' settle()", () => {
  it('on the embedded target, is not settled while an execution runs, and settles once it has ended', async () => {
    // A wait that outlasts the test: only StopExecution ends it.
    const definition = JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 1_000_000, End: true } } });
    const machine = await tb.sfn.send(new CreateStateMachineCommand({ name: 'settle', definition, roleArn: 'arn:aws:iam::000000000000:role/sfn' }));
    const { executionArn } = await tb.sfn.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn }));
    expect(await tb.settle({ timeoutMs: 50 })).toBe(false);
    await tb.sfn.send(new StopExecutionCommand({ executionArn }));
    expect(await tb.settle()).toBe(true);
    expect((await tb.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
  });

  it('elsewhere, waits the bounded time and cannot say it settled', async () => {
    const other = connect({ target: 'localstack', reason: 'test', endpoint: emulator.endpoint, region: 'us-east-1', outputs });
    try {
      expect(await other.settle({ elseMs: 20 })).toBe(false);
    } finally {
      other.destroy();
    }
  });
});
