import { describe, expect, it } from 'vitest';
import { ExecutionHistory } from '../history';
import { FailStateError, Interpreter, type Machine } from './interpreter';
import type { Json } from './jsonpath';

/** Runs a Task-free machine on the interpreter; resolves with the output, or with the error that ended it. */
async function run(machine: Machine, input: Json = {}) {
  const history = new ExecutionHistory();
  const interpreter = new Interpreter({
    history,
    context: { Execution: { Id: 'arn:aws:states:us-east-1:000000000000:execution:m:e', Name: 'e' }, StateMachine: { Id: 'arn:aws:states:us-east-1:000000000000:stateMachine:m', Name: 'm' } },
    timeScale: 0.001,
    runTask: async () => {
      throw new Error('no tasks here');
    },
    stopped: new Promise(() => {}),
    isStopped: () => false,
  });
  try {
    return { output: await interpreter.run(machine, input), types: history.events.map((e) => e.type) };
  } catch (err) {
    const e = err as FailStateError & { cause?: string };
    return { error: err instanceof FailStateError ? e.error : e.name, cause: err instanceof FailStateError ? e.failCause : e.cause, types: history.events.map((ev) => ev.type) };
  }
}

const pass = (result: Json) => ({ Type: 'Pass', Result: result, End: true });

describe('Choice operators', () => {
  const choose = (rule: Record<string, unknown>, value: Json) =>
    run({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.v', ...rule, Next: 'Yes' }], Default: 'No' }, Yes: pass('yes'), No: pass('no') } }, { v: value });

  it('takes the branch for the false forms of IsNull, IsNumeric, IsString and IsBoolean', async () => {
    expect((await choose({ IsNull: false }, 1)).output).toBe('yes');
    expect((await choose({ IsNull: false }, null)).output).toBe('no');
    expect((await choose({ IsNumeric: false }, 'x')).output).toBe('yes');
    expect((await choose({ IsNumeric: false }, 3)).output).toBe('no');
    expect((await choose({ IsString: false }, 3)).output).toBe('yes');
    expect((await choose({ IsString: false }, 'x')).output).toBe('no');
    expect((await choose({ IsBoolean: false }, 'true')).output).toBe('yes');
    expect((await choose({ IsBoolean: false }, true)).output).toBe('no');
  });

  it('compares strings, numbers and timestamps, with paths and wildcards', async () => {
    expect((await choose({ StringMatches: 'log-*.txt' }, 'log-1.txt')).output).toBe('yes');
    expect((await choose({ NumericGreaterThanEquals: 3 }, 3)).output).toBe('yes');
    expect((await choose({ TimestampLessThan: '2030-01-01T00:00:00Z' }, '2026-01-01T00:00:00Z')).output).toBe('yes');
    expect((await choose({ IsPresent: false }, null)).output).toBe('no');
  });
});

describe('intrinsic functions', () => {
  const evaluate = (expr: string, input: Json = {}) => run({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'r.$': expr }, End: true } } }, input);

  it('StringSplit splits on each delimiter character and drops empty pieces', async () => {
    expect((await evaluate("States.StringSplit('a,b;;c', ',;')")).output).toEqual({ r: ['a', 'b', 'c'] });
  });

  it('MathAdd rounds its arguments to integers', async () => {
    expect((await evaluate('States.MathAdd($.a, $.b)', { a: 1.5, b: 2.4 })).output).toEqual({ r: 4 });
  });

  it('formats, hashes and builds arrays as AWS does', async () => {
    expect((await evaluate("States.Format('{} and {}', $.a, $.b)", { a: 'x', b: 2 })).output).toEqual({ r: 'x and 2' });
    expect((await evaluate("States.Hash('a', 'SHA-1')")).output).toEqual({ r: '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8' });
    expect((await evaluate('States.ArrayRange(1, 9, 4)')).output).toEqual({ r: [1, 5, 9] });
  });
});

describe('AWS error texts', () => {
  it('InputPath that points nowhere: Invalid path with the normalised path', async () => {
    const r = await run({ StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.x', End: true } } });
    expect(r).toMatchObject({ error: 'States.Runtime', cause: "An error occurred while executing the state 'P' (entered at the event id #1). Invalid path '$.x' : No results for path: $['x']" });
  });

  it("ErrorPath that points nowhere names the field and the input", async () => {
    const r = await run({ StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.x' } } }, { a: 1 });
    expect(r.cause).toBe(`An error occurred while executing the state 'F' (entered at the event id #1). The JSONPath '$.x' specified for the field 'ErrorPath' could not be found in the input '{"a":1}'`);
  });
});

describe('Fail states', () => {
  it('leave the cause out when none is given, and both out for an empty Fail', async () => {
    expect(await run({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Oops' } } })).toMatchObject({ error: 'Oops', cause: undefined });
    expect(await run({ StartAt: 'F', States: { F: { Type: 'Fail' } } })).toMatchObject({ error: undefined, cause: undefined });
  });
});

describe('Map', () => {
  it('a negative ToleratedFailureCount fails with States.Runtime', async () => {
    const r = await run(
      { StartAt: 'M', States: { M: { Type: 'Map', ToleratedFailureCount: -1, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } },
      [1, 2],
    );
    expect(r.error).toBe('States.Runtime');
  });
});

describe('JSONata', () => {
  it('evaluates {% %} in Output, Assign and Choice conditions, with $states and the added functions', async () => {
    const r = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Assign: { n: '{% $count($states.input.items) %}' }, Next: 'C' },
          C: { Type: 'Choice', Choices: [{ Condition: '{% $n > 1 %}', Next: 'B' }], Default: 'F' },
          B: { Type: 'Pass', Output: { n: '{% $n %}', p: '{% $partition([1, 2, 3], 2) %}', r: '{% $range(1, 3, 1) %}', j: '{% $parse(\'{"a":1}\') %}', ctx: '{% $states.context.State.Name %}' }, End: true },
          F: { Type: 'Fail' },
        },
      },
      { items: [1, 2] },
    );
    expect(r.output).toEqual({ n: 2, p: [[1, 2], [3]], r: [1, 2, 3], j: { a: 1 }, ctx: 'B' });
  });

  it('an expression that yields nothing is States.QueryEvaluationError naming the field, with an EvaluationFailed event', async () => {
    const r = await run({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: { result: '{% $nope %}' }, End: true } } });
    expect(r.error).toBe('States.QueryEvaluationError');
    expect(r.cause).toBe("An error occurred while executing the state 'P' (entered at the event id #1). The JSONata expression '$nope' specified for the field 'Output/result' returned nothing (undefined).");
    expect(r.types).toEqual(['PassStateEntered', 'EvaluationFailed']);
  });
});

describe('Parallel and Map failures', () => {
  it('a failing branch aborts the others: their state is aborted and the Parallel state fails', async () => {
    const r = await run({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 600_000, End: true } } },
            { StartAt: 'Boom', States: { Boom: { Type: 'Pass', InputPath: '$.missing', End: true } } },
          ],
          End: true,
        },
      },
    });
    expect(r.error).toBe('States.Runtime');
    expect(r.types).toContain('WaitStateAborted');
    expect(r.types.slice(-1)).toEqual(['ParallelStateFailed']);
  });

  it('a distributed Map records a Map Run, not its iterations', async () => {
    const r = await run(
      { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } },
      [1, 2],
    );
    expect(r.output).toEqual([1, 2]);
    expect(r.types).toEqual(['MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited']);
  });
});
