import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { clientConfig } from '../testing/emulator-fixture';
import { internalContext } from '../core/request-context';
import { useEmulator } from '../testing/emulator-fixture';
import { finishedExecution, historyOf, rejectionOf, ROLE_ARN, TIME_SCALE, typesOf } from './test-helpers';
import { waitFor } from '../testing/wait';

const PASS = JSON.stringify({ StartAt: 'State_1', States: { State_1: { Type: 'Pass', Result: { Arg1: 'argument1' }, End: true } } });
// A wait that outlasts every test even at the test emulator's time scale (1e9 s scaled by 1e-3).
const WAIT = JSON.stringify({ StartAt: 'State_1', States: { State_1: { Type: 'Wait', Seconds: 1_000_000_000, End: true } } });
const SM_PREFIX = 'arn:aws:states:us-east-1:000000000000:stateMachine:';
const EXEC_PREFIX = 'arn:aws:states:us-east-1:000000000000:execution:';

const env = useEmulator({ timeScale: TIME_SCALE });

let counter = 0;
async function machine(definition: unknown, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): Promise<string> {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
  const created = await env.sfn.send(new CreateStateMachineCommand({ name: `exec-test-${++counter}`, definition: text, roleArn: ROLE_ARN, type }));
  return created.stateMachineArn!;
}

const start = (stateMachineArn: string, input?: string, name?: string) => env.sfn.send(new StartExecutionCommand({ stateMachineArn, input, name }));

/** Resolves once the execution has entered `stateType` (so a stop hits it there). */
const entered = (executionArn: string, type: string) =>
  waitFor(`${type} in ${executionArn}`, async () => ((await historyOf(env.sfn, executionArn)).some((e) => e.type === type) ? true : undefined));

describe('StartExecution, DescribeExecution and GetExecutionHistory', () => {
  it('runs a Pass machine and records the history AWS records', async () => {
    const arn = await machine(PASS);
    const started = await start(arn, '{}', 'first');
    expect(started.executionArn).toBe(`${EXEC_PREFIX}${arn.slice(SM_PREFIX.length)}:first`);
    expect(started.startDate).toBeInstanceOf(Date);

    const done = await finishedExecution(env.sfn, started.executionArn!);
    expect(done).toMatchObject({
      executionArn: started.executionArn,
      stateMachineArn: arn,
      name: 'first',
      status: 'SUCCEEDED',
      input: '{}',
      inputDetails: { included: true },
      output: '{"Arg1":"argument1"}',
      outputDetails: { included: true },
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
    });
    expect(done.stopDate!.getTime()).toBeGreaterThanOrEqual(done.startDate!.getTime());

    const events = await historyOf(env.sfn, started.executionArn!);
    expect(events.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'PassStateEntered'],
      [3, 2, 'PassStateExited'],
      [4, 3, 'ExecutionSucceeded'],
    ]);
    expect(events[0]!.executionStartedEventDetails).toEqual({ input: '{}', inputDetails: { truncated: false }, roleArn: ROLE_ARN });
    expect(events[1]!.stateEnteredEventDetails).toEqual({ name: 'State_1', input: '{}', inputDetails: { truncated: false } });
    expect(events[2]!.stateExitedEventDetails).toEqual({ name: 'State_1', output: '{"Arg1":"argument1"}', outputDetails: { truncated: false } });
    expect(events[3]!.executionSucceededEventDetails).toEqual({ output: '{"Arg1":"argument1"}', outputDetails: { truncated: false } });
    for (const e of events) expect(e.timestamp).toBeInstanceOf(Date);
  });

  it('names an execution with a UUID when no name is given, and defaults the input to {}', async () => {
    const arn = await machine(PASS);
    const started = await start(arn);
    expect(started.executionArn).toMatch(/:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await finishedExecution(env.sfn, started.executionArn!)).input).toBe('{}');
  });

  it('StartSyncExecution runs an EXPRESS machine to its end and refuses a STANDARD one as AWS does', async () => {
    // The SDK puts "sync-" before the host name for this operation; a loopback endpoint has none to prefix.
    const sync = new SFNClient({ ...clientConfig(env.endpoint), disableHostPrefix: true });
    try {
      const express = await machine({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { ok: true }, End: true } } }, 'EXPRESS');
      const done = await sync.send(new StartSyncExecutionCommand({ stateMachineArn: express, input: '{}' }));
      expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":true}' });
      const standard = await machine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
      const refused = await rejectionOf(sync.send(new StartSyncExecutionCommand({ stateMachineArn: standard })));
      expect(refused.name).toBe('StateMachineTypeNotSupported');
    } finally {
      sync.destroy();
    }
  });

  it('accepts any JSON value as input and refuses what is not JSON', async () => {
    const arn = await machine(PASS);
    for (const input of ['1', '"text"', 'null', '[1,2]']) await expect(start(arn, input)).resolves.toBeDefined();
    const notJson = await rejectionOf(start(arn, 'not json'));
    expect(notJson.name).toBe('InvalidExecutionInput');
    // Jackson's words, as AWS answers.
    expect(notJson.message).toBe(
      `Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)"not json"; line: 1, column: 4]'`,
    );
    const empty = await rejectionOf(start(arn, ''));
    expect(empty.name).toBe('InvalidExecutionInput');
    expect(empty.message).toBe("Invalid State Machine Execution Input: 'Invalid execution input.'");
  });

  it('provides the context object: execution, state machine and entered time', async () => {
    const arn = await machine({
      StartAt: 'Ctx',
      States: {
        Ctx: {
          Type: 'Pass',
          Parameters: { 'id.$': '$$.Execution.Id', 'name.$': '$$.Execution.Name', 'role.$': '$$.Execution.RoleArn', 'sm.$': '$$.StateMachine.Id', 'entered.$': '$$.State.EnteredTime', 'start.$': '$$.Execution.StartTime' },
          End: true,
        },
      },
    });
    const { executionArn } = await start(arn, '{}', 'ctx');
    const output = JSON.parse((await finishedExecution(env.sfn, executionArn!)).output!);
    expect(output).toMatchObject({ id: executionArn, name: 'ctx', role: ROLE_ARN, sm: arn });
    expect(Date.parse(output.entered)).not.toBeNaN();
    expect(Date.parse(output.start)).not.toBeNaN();
  });

  it('fails at a Fail state with its error and cause', async () => {
    const arn = await machine({ StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Order.Invalid', Cause: 'no orderId' } } });
    const { executionArn } = await start(arn);
    expect(await finishedExecution(env.sfn, executionArn!)).toMatchObject({ status: 'FAILED', error: 'Order.Invalid', cause: 'no orderId', redriveStatus: 'REDRIVABLE' });
    const events = await historyOf(env.sfn, executionArn!);
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
    expect(events[2]!.executionFailedEventDetails).toEqual({ error: 'Order.Invalid', cause: 'no orderId' });
  });

  it('fails with States.Runtime and AWS\'s cause when a path points nowhere', async () => {
    const arn = await machine({ StartAt: 'Pick', States: { Pick: { Type: 'Pass', InputPath: '$.missing', End: true } } });
    const { executionArn } = await start(arn, '{"present":1}');
    const done = await finishedExecution(env.sfn, executionArn!);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.Runtime');
    expect(done.cause).toMatch(/^An error occurred while executing the state 'Pick' \(entered at the event id #2\)\. .*\$\.missing/);
  });

  it('runs a JSONata definition: $states.input, variables and Output', async () => {
    const arn = await machine({
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: { Type: 'Pass', Assign: { total: '{% $sum($states.input.items) %}' }, Next: 'Q' },
        Q: { Type: 'Pass', Output: { total: '{% $total %}', doubled: '{% $states.input.items.($ * 2) %}' }, End: true },
      },
    });
    const { executionArn } = await start(arn, '{"items":[1,2,3]}');
    expect(await finishedExecution(env.sfn, executionArn!)).toMatchObject({ status: 'SUCCEEDED', output: '{"total":6,"doubled":[2,4,6]}' });
    expect(typesOf(await historyOf(env.sfn, executionArn!))).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('runs Map iterations and records the Map events', async () => {
    const arn = await machine({
      StartAt: 'Each',
      States: { Each: { Type: 'Map', ItemsPath: '$.items', Iterator: { StartAt: 'Double', States: { Double: { Type: 'Pass', End: true } } }, End: true } },
    });
    const { executionArn } = await start(arn, '{"items":[1,2]}');
    const done = await finishedExecution(env.sfn, executionArn!);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '[1,2]' });
    const types = typesOf(await historyOf(env.sfn, executionArn!));
    expect(types.slice(0, 3)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted']);
    expect(types.filter((t) => t === 'MapIterationStarted')).toHaveLength(2);
    expect(types.filter((t) => t === 'MapIterationSucceeded')).toHaveLength(2);
    expect(types.slice(-3)).toEqual(['MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });

  it('times out an execution past its TimeoutSeconds', async () => {
    const arn = await machine({ TimeoutSeconds: 1, StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 1_000_000_000, End: true } } });
    const { executionArn } = await start(arn);
    expect(await finishedExecution(env.sfn, executionArn!)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(typesOf(await historyOf(env.sfn, executionArn!))).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut']);
  });

  it('starts executions for EventBridge through the internal API, named as asked', async () => {
    const arn = await machine(PASS);
    const started = await env.emulator.hub.stepfunctions.startExecution(internalContext(), { stateMachineArn: arn, name: 'event-id-1', input: '{"detail":{}}' });
    expect(started.executionArn).toBe(`${EXEC_PREFIX}${arn.slice(SM_PREFIX.length)}:event-id-1`);
    expect(started.startDate).toBeInstanceOf(Date);
    expect((await finishedExecution(env.sfn, started.executionArn)).status).toBe('SUCCEEDED');
  });
});

describe('execution names', () => {
  it('refuses a name already used by a finished execution: ExecutionAlreadyExists', async () => {
    const arn = await machine(PASS);
    const { executionArn } = await start(arn, '{}', 'once');
    await finishedExecution(env.sfn, executionArn!);
    const err = await rejectionOf(start(arn, '{}', 'once'));
    expect(err.name).toBe('ExecutionAlreadyExists');
    expect(err.message).toBe(`Execution Already Exists: '${executionArn}'`);
  });

  it('returns the running execution for the same name and input, and refuses a different input', async () => {
    const arn = await machine(WAIT);
    const first = await start(arn, '{"a":1}', 'running');
    const again = await start(arn, '{ "a": 1 }', 'running');
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate?.getTime()).toBe(first.startDate?.getTime());
    const err = await rejectionOf(start(arn, '{"a":2}', 'running'));
    expect(err.name).toBe('ExecutionAlreadyExists');
    await env.sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
  });

  it('checks execution names like state machine names', async () => {
    const arn = await machine(PASS);
    const err = await rejectionOf(start(arn, '{}', 'bad name'));
    expect(err.name).toBe('InvalidName');
    expect(err.message).toBe("Invalid Name: 'bad name'");
  });
});

describe('StopExecution', () => {
  it('aborts a running execution, with the error and cause given', async () => {
    const arn = await machine(WAIT);
    const { executionArn } = await start(arn);
    await entered(executionArn!, 'WaitStateEntered');
    const stopped = await env.sfn.send(new StopExecutionCommand({ executionArn, error: 'Operator.Stop', cause: 'not needed' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);

    const described = await env.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Operator.Stop', cause: 'not needed', redriveStatus: 'REDRIVABLE' });
    expect(described.stopDate?.getTime()).toBe(stopped.stopDate?.getTime());

    const events = await waitFor('ExecutionAborted', async () => {
      const h = await historyOf(env.sfn, executionArn!);
      return h.some((e) => e.type === 'ExecutionAborted') ? h : undefined;
    });
    expect(events.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'WaitStateEntered'],
      [3, 0, 'ExecutionAborted'],
    ]);
    expect(events[2]!.executionAbortedEventDetails).toEqual({ error: 'Operator.Stop', cause: 'not needed' });
  });

  it('leaves a finished execution as it is', async () => {
    const arn = await machine(PASS);
    const { executionArn } = await start(arn);
    const done = await finishedExecution(env.sfn, executionArn!);
    const stopped = await env.sfn.send(new StopExecutionCommand({ executionArn }));
    expect(stopped.stopDate?.getTime()).toBe(done.stopDate?.getTime());
    expect((await env.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('SUCCEEDED');
  });
});

describe('ListExecutions', () => {
  it('lists newest first, filters by status and pages', async () => {
    const arn = await machine(PASS);
    const arns: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { executionArn } = await start(arn, '{}', `run-${i}`);
      arns.push(executionArn!);
      await finishedExecution(env.sfn, executionArn!);
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await env.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 3, nextToken }));
      expect(page.executions!.length).toBeLessThanOrEqual(3);
      for (const e of page.executions!) expect(e).toMatchObject({ stateMachineArn: arn, status: 'SUCCEEDED', redriveCount: 0 });
      seen.push(...page.executions!.map((e) => e.executionArn!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual([...arns].reverse());

    const running = await env.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }));
    expect(running.executions).toEqual([]);
    const succeeded = await env.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'SUCCEEDED' }));
    expect(succeeded.executions).toHaveLength(7);
  });

  it('validates the status filter and needs an existing STANDARD state machine', async () => {
    const arn = await machine(PASS);
    const bad = await rejectionOf(env.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'succeeded' as never })));
    expect(bad.name).toBe('ValidationException');
    expect(bad.message).toBe(
      "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]",
    );
    const missing = await rejectionOf(env.sfn.send(new ListExecutionsCommand({ stateMachineArn: `${SM_PREFIX}none` })));
    expect(missing.name).toBe('StateMachineDoesNotExist');
    const invalid = await rejectionOf(env.sfn.send(new ListExecutionsCommand({ stateMachineArn: 'invalid_state_machine_arn' })));
    expect(invalid.message).toBe("Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'");
    const express = await machine(PASS, 'EXPRESS');
    const notSupported = await rejectionOf(env.sfn.send(new ListExecutionsCommand({ stateMachineArn: express })));
    expect(notSupported.name).toBe('StateMachineTypeNotSupported');
    expect(notSupported.message).toBe('This operation is not supported by this type of state machine');
  });
});

describe('GetExecutionHistory options', () => {
  it('pages, reverses and leaves out execution data when asked', async () => {
    const arn = await machine(PASS);
    const { executionArn } = await start(arn, '{"k":"v"}');
    await finishedExecution(env.sfn, executionArn!);
    const first = await env.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3 }));
    expect(first.events!.map((e) => e.id)).toEqual([1, 2, 3]);
    const second = await env.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3, nextToken: first.nextToken }));
    expect(second.events!.map((e) => e.id)).toEqual([4]);
    expect(second.nextToken).toBeUndefined();
    const reversed = await env.sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true }));
    expect(reversed.events!.map((e) => e.id)).toEqual([4, 3, 2, 1]);
    const noData = await env.sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
    expect(noData.events![0]!.executionStartedEventDetails).toEqual({ roleArn: ROLE_ARN });
    expect(noData.events![1]!.stateEnteredEventDetails).toEqual({ name: 'State_1' });
  });
});

describe('unknown and malformed ARNs', () => {
  it('answers with the errors AWS gives', async () => {
    const noMachine = await rejectionOf(start(`${SM_PREFIX}missing`));
    expect(noMachine.name).toBe('StateMachineDoesNotExist');
    expect(noMachine.message).toBe(`State Machine Does Not Exist: '${SM_PREFIX}missing'`);
    const noExecution = await rejectionOf(env.sfn.send(new DescribeExecutionCommand({ executionArn: `${EXEC_PREFIX}m:missing` })));
    expect(noExecution.name).toBe('ExecutionDoesNotExist');
    expect(noExecution.message).toBe(`Execution Does Not Exist: '${EXEC_PREFIX}m:missing'`);
    const history = await rejectionOf(env.sfn.send(new GetExecutionHistoryCommand({ executionArn: `${EXEC_PREFIX}m:missing` })));
    expect(history.name).toBe('ExecutionDoesNotExist');
    const invalid = await rejectionOf(env.sfn.send(new DescribeExecutionCommand({ executionArn: 'invalid_state_machine_arn' })));
    expect(invalid.name).toBe('InvalidArn');
    expect(invalid.message).toBe("Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'");
    const machineArnForExecution = await rejectionOf(env.sfn.send(new StopExecutionCommand({ executionArn: `${SM_PREFIX}m` })));
    expect(machineArnForExecution.message).toBe("Invalid Arn: 'Resource type not valid in this context: statemachine'");
  });

  it('does not describe Express executions', async () => {
    const arn = await machine(PASS, 'EXPRESS');
    const { executionArn } = await start(arn);
    expect(executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:express:/);
    const err = await rejectionOf(env.sfn.send(new DescribeExecutionCommand({ executionArn })));
    expect(err.name).toBe('InvalidArn');
    expect(err.message).toBe("Invalid Arn: 'Resource type not valid in this context: express'");
  });
});

describe('updates and deletes while executions run', () => {
  it('keeps the definition an execution started with', async () => {
    const arn = await machine(WAIT);
    const { executionArn } = await start(arn);
    await env.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: PASS }));
    const forExecution = await env.sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(forExecution).toMatchObject({ stateMachineArn: arn, definition: WAIT, roleArn: ROLE_ARN });
    await env.sfn.send(new StopExecutionCommand({ executionArn }));
  });
});
