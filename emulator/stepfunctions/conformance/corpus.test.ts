import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsError } from '../../core/aws-error';
import { createNodeFunction, NO_RETRIES } from '../../lambda/testing';
import { useEmulator } from '../../testing/emulator-fixture';
import { Execution } from '../execution';
import { DynamoDbClients } from '../integrations';
import { finishedExecution, historyOf, ROLE_ARN } from '../testing';
import { parseDefinition } from '../validate-definition';
import { compareExecution, compareValidation, LAMBDA_HANDLERS, loadCorpus, loadKnownDifferences, withSharedFunctions, type Comparison, type ExecutionCase, type RunResult, type ValidationCase } from './corpus';

/**
 * The AWS-recorded corpus (cases.json), run twice: in-process on the execution engine, and over
 * the wire through the SDK against a started emulator. A case listed in known-differences.json is
 * expected to differ from AWS (and the test says so when it starts to match); every other case
 * must match. Per-folder pass counts are printed at the end.
 */

const cases = loadCorpus().map((c) => (c.kind === 'execution' ? withSharedFunctions(c) : c));
const known = new Set(Object.keys(loadKnownDifferences()));
const env = useEmulator({ clients: { lambda: NO_RETRIES } });
/** vitest's default for concurrent tests in a file. */
const CONCURRENT_CASES = 5;
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
let dynamodb: DynamoDbClients;

beforeAll(async () => {
  dynamodb = new DynamoDbClients(() => env.endpoint);
  const lambdas = new Map<string, string>();
  for (const c of cases) if (c.kind === 'execution' && !c.skip) for (const l of c.lambdas ?? []) if (l.code) lambdas.set(l.name, l.code);
  for (const [name, code] of lambdas) {
    await createNodeFunction(env.lambda, name, { 'index.js': LAMBDA_HANDLERS[code]! }, { Timeout: 90 });
  }
  // Warm as many environments per function as cases run at once, so that no case meets a cold
  // start on a busy machine (a start past Lambda's 10-second init limit fails the invocation).
  for (const [name, code] of lambdas) {
    if (code === 'wait_60_seconds') continue;
    await Promise.all(Array.from({ length: CONCURRENT_CASES }, () => env.lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}') }))));
  }
}, 300_000);

afterAll(() => {
  dynamodb?.destroy();
  const lines: string[] = [];
  for (const mode of ['in-process', 'over the wire'] as const) {
    const byFolder = new Map<string, { passed: number; run: number; skipped: number }>();
    for (const c of cases) {
      const row = byFolder.get(c.folder) ?? { passed: 0, run: 0, skipped: 0 };
      const outcome = results[mode].get(keyOf(c));
      if (c.skip) row.skipped += 1;
      else if (outcome) {
        row.run += 1;
        if (outcome.ok) row.passed += 1;
      }
      byFolder.set(c.folder, row);
    }
    let passed = 0;
    let run = 0;
    for (const [folder, row] of byFolder) {
      lines.push(`  ${mode.padEnd(14)} ${folder.padEnd(24)} ${row.passed}/${row.run} passed, ${row.skipped} skipped`);
      passed += row.passed;
      run += row.run;
    }
    lines.push(`  ${mode.padEnd(14)} ${'total'.padEnd(24)} ${passed}/${run} passed`);
  }
  console.log(`Step Functions conformance corpus (AWS-recorded):\n${lines.join('\n')}`);
});

const results = { 'in-process': new Map<string, Comparison>(), 'over the wire': new Map<string, Comparison>() };
let sequence = 0;
/** Case ids repeat across folders (LocalStack reuses test class names). */
const keyOf = (c: { folder: string; id: string }) => `${c.folder} ${c.id}`;

/** In-process: the definition checked as CreateStateMachine checks it, the execution run on the engine. */
async function runInProcess(c: ExecutionCase): Promise<RunResult> {
  const definition = JSON.stringify(c.definition);
  const name = `corpus-${++sequence}`;
  const arn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
  const executionName = `exec-${sequence}`;
  const executionArn = `arn:aws:states:${REGION}:${ACCOUNT}:execution:${name}:${executionName}`;
  const machine = { arn, name, type: 'STANDARD' as const, definition, parsed: parseDefinition(definition), roleArn: ROLE_ARN, creationDate: new Date(), loggingConfiguration: { level: 'OFF', includeExecutionData: false }, tracingConfiguration: { enabled: false } };
  const execution = new Execution(executionArn, executionName, machine, c.input, {
    timeScale: 1,
    taskContext: { hub: env.emulator.hub, dynamodb, accountId: ACCOUNT, region: REGION },
  });
  await execution.finished;
  return {
    status: execution.status,
    output: execution.output,
    error: execution.error,
    cause: execution.cause,
    events: execution.history.events.map((e) => ({ type: e.type, details: e.details ?? {} })),
    names: { stateMachineArn: arn, stateMachineName: name, executionArn, executionName, roleArn: ROLE_ARN },
  };
}

async function runOverTheWire(c: ExecutionCase): Promise<RunResult> {
  const name = `corpus-${++sequence}`;
  const { stateMachineArn } = await env.sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(c.definition), roleArn: ROLE_ARN }));
  const executionName = `exec-${sequence}`;
  const { executionArn } = await env.sfn.send(new StartExecutionCommand({ stateMachineArn, name: executionName, input: c.input }));
  const done = await finishedExecution(env.sfn, executionArn!, 90_000);
  return {
    status: done.status!,
    output: done.output,
    error: done.error,
    cause: done.cause,
    events: (await historyOf(env.sfn, executionArn!)).map((e) => ({ type: e.type!, details: Object.fromEntries(Object.entries(e).filter(([k]) => k.endsWith('EventDetails'))) })),
    names: { stateMachineArn: stateMachineArn!, stateMachineName: name, executionArn: executionArn!, executionName, roleArn: ROLE_ARN },
  };
}

async function validateInProcess(c: ValidationCase) {
  try {
    parseDefinition(c.definition);
    return { ok: true as const };
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    return { ok: false as const, name: err.code, message: err.message };
  }
}

async function validateOverTheWire(c: ValidationCase) {
  try {
    await env.sfn.send(new CreateStateMachineCommand({ name: `corpus-${++sequence}`, definition: c.definition, roleArn: ROLE_ARN, type: c.type as 'STANDARD' }));
    return { ok: true as const };
  } catch (err) {
    return { ok: false as const, name: (err as Error).name, message: (err as Error).message };
  }
}

for (const mode of ['in-process', 'over the wire'] as const) {
  describe.concurrent(`conformance corpus, ${mode}`, () => {
    for (const c of cases) {
      const title = keyOf(c);
      if (c.skip) {
        it.skip(`${title} (${c.skip})`, () => {});
        continue;
      }
      it(title, { timeout: 120_000 }, async () => {
        let comparison: Comparison;
        try {
          comparison =
            c.kind === 'validation'
              ? compareValidation(c, await (mode === 'in-process' ? validateInProcess(c) : validateOverTheWire(c)))
              : compareExecution(c, await (mode === 'in-process' ? runInProcess(c) : runOverTheWire(c)));
        } catch (err) {
          comparison = { ok: false, differences: [`could not run: ${(err as Error).name}: ${(err as Error).message}`] };
        }
        results[mode].set(keyOf(c), comparison);
        // CORPUS_VERBOSE=1 prints what differs in every case that does not match, known or not.
        if (process.env.CORPUS_VERBOSE && !comparison.ok) console.log(`${mode} ${keyOf(c)}\n  ${comparison.differences.join('\n  ')}`);
        if (known.has(keyOf(c))) {
          expect(comparison.ok, `${keyOf(c)} now matches AWS: remove it from known-differences.json`).toBe(false);
        } else {
          expect(comparison.differences).toEqual([]);
        }
      });
    }
  });
}
