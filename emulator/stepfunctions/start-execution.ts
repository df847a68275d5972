import { randomUUID } from 'node:crypto';
import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { executionArn } from './arns';
import { Execution } from './execution';
import { jacksonParseError } from './jackson-errors';
import { environment, keepExecution } from './kept-executions';
import { findStateMachine } from './lookup';
import { validateName } from './names';
import { string, required, type InputOf } from '../protocol/validation';
import { epochSeconds } from './request';
import { NAME } from './shapes';
import type { StepFunctionsBackend } from './store';
import { activeTraceHeader, parseTraceHeader } from '../core/trace';

/** StartExecution's and StartSyncExecution's members. */
/** An execution's input holds at most 256 KiB. */
export const StartExecutionInput = { stateMachineArn: required(string()), name: NAME, input: string({ max: 262_144 }), traceHeader: string() };
type StartExecutionRequest = InputOf<typeof StartExecutionInput>;

/**
 * StartExecution. Names are unique per state machine. For STANDARD machines a repeat with the same
 * name and input while the first is still running returns that execution (StartExecution is
 * idempotent there); otherwise a reused name is ExecutionAlreadyExists. Without a name the execution
 * gets a UUID.
 */
export async function startExecution(backend: StepFunctionsBackend, input: StartExecutionRequest, ctx: RequestContext) {
  const { execution } = beginExecution(backend, input, ctx);
  // With a state folder, an execution answered with its ARN is on disk: after a kill it runs again.
  await backend.hub.persistence?.records('stepfunctions').flush();
  return { executionArn: execution.arn, startDate: epochSeconds(execution.startDate) };
}

/** Starts an execution of a request whose members have passed `StartExecutionInput`'s checks. */
export function beginExecution(backend: StepFunctionsBackend, input: StartExecutionRequest, ctx: RequestContext): { execution: Execution } {
  const machine = findStateMachine(backend, ctx, input.stateMachineArn);
  const requestedName = input.name;
  if (requestedName !== undefined) validateName(requestedName);
  const inputText = executionInput(input.input);
  const name = requestedName ?? randomUUID();
  const arn = executionArn(machine, name, randomUUID());

  const region = backend.regions.get(ctx.accountId, ctx.region);
  const existing = region.executions.get(arn);
  if (existing) {
    if (machine.type === 'STANDARD' && existing.isRunning && sameJson(existing.input, inputText)) return { execution: existing };
    throw new AwsError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
  }

  const { tags: _tags, ...snapshot } = machine;
  const execution = new Execution(arn, name, structuredClone(snapshot), inputText, environment(backend, ctx.accountId, ctx.region));
  region.executions.set(arn, execution);
  keepExecution(backend, execution);
  backend.hub.pending.track('execution', arn, execution.finished, parseTraceHeader(activeTraceHeader.getStore() ?? input.traceHeader ?? ctx.traceHeader)?.traceId);
  return { execution };
}

/** The input must be JSON (any JSON value; the reason in Jackson's words, as AWS gives it); absent means `{}`. */
function executionInput(raw: string | undefined): string {
  if (raw === undefined) return '{}';
  if (raw.trim() === '') throw new AwsError('InvalidExecutionInput', "Invalid State Machine Execution Input: 'Invalid execution input.'");
  const notJson = jacksonParseError(raw);
  if (notJson !== undefined) throw new AwsError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${notJson}'`);
  return raw;
}

function sameJson(a: string, b: string): boolean {
  return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
}
