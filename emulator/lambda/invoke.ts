import type { InvocationType, LambdaInvokeResult } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { blob, enumOf, required, string, type InputOf } from '../protocol/validation';
import { lambdaError } from './errors';
import { parseFunctionRef, refArn, withQualifier } from './function-name';
import type { LambdaState } from './state';
import { FUNCTION_NAME, isNodeRuntime, QUALIFIER } from './shapes';

const MAX_SYNC_PAYLOAD = 6_291_456;
const MAX_ASYNC_PAYLOAD = 1_048_576;
/** AWS allows a little over 6 MB of response before it replaces it with an error. */
const MAX_RESPONSE_PAYLOAD = 6_291_556;
const TAIL_BYTES = 4096;

/** The largest payload an invocation of this type takes (the Invoke request's body). */
export function payloadLimit(invocationType: string | undefined): number {
  return invocationType === 'Event' ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
}

export function payloadTooLarge(invocationType: string | undefined) {
  const operation = invocationType === 'Event' ? 'InvokeAsync' : 'InvokeFunction';
  return lambdaError('RequestTooLargeException', `Request must be smaller than ${payloadLimit(invocationType)} bytes for the ${operation} operation`);
}
const EMPTY = Buffer.alloc(0);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface InvokeOptions {
  logType?: 'Tail' | 'None';
  /** Who is invoking, for the asynchronous invocation records (`events`, `invoke`, ...). */
  source?: string;
  qualifier?: string | null;
  /** `X-Amz-Client-Context`: base64 JSON handed to the handler as `context.clientContext`. */
  clientContext?: string;
}

/** Invoke's members; the invocation type, log type and client context travel in headers, the event as the raw body. */
export const InvokeInput = {
  FunctionName: required(FUNCTION_NAME),
  InvocationType: enumOf(['Event', 'RequestResponse', 'DryRun']),
  LogType: enumOf(['None', 'Tail']),
  ClientContext: string(),
  Payload: blob(),
  Qualifier: QUALIFIER,
};

/** Invoke over the wire: the result as its output members (`StatusCode`, `FunctionError`, `LogResult`, `ExecutedVersion`, `Payload`). */
export async function invokeOperation(state: LambdaState, input: InputOf<typeof InvokeInput>, ctx: RequestContext): Promise<Record<string, unknown>> {
  const result = await invoke(state, ctx, input.FunctionName, input.Payload ?? Buffer.alloc(0), input.InvocationType ?? 'RequestResponse', {
    logType: input.LogType,
    qualifier: input.Qualifier,
    clientContext: input.ClientContext,
    source: 'invoke',
  });
  const out: Record<string, unknown> = { StatusCode: result.statusCode, Payload: result.payload };
  if (result.statusCode === 200) {
    out.ExecutedVersion = result.executedVersion;
    out.FunctionError = result.functionError;
    out.LogResult = result.logResult;
  }
  return out;
}

/**
 * Invoke: `RequestResponse` runs the handler and answers its result (or its error with
 * `FunctionError: Unhandled`), `Event` queues the invocation and answers 202, `DryRun` only
 * checks that the invocation would be accepted and answers 204.
 */
export async function invoke(
  state: LambdaState,
  ctx: RequestContext,
  functionName: string,
  payload: Buffer,
  invocationType: InvocationType,
  options: InvokeOptions = {},
): Promise<LambdaInvokeResult> {
  const ref = withQualifier(parseFunctionRef(functionName, ctx, 'invoke'), options.qualifier);
  const fn = state.functions.get(ref, '$LATEST');
  if (payload.length > payloadLimit(invocationType)) throw payloadTooLarge(invocationType);
  const event = checkedEvent(payload);
  if (invocationType === 'DryRun') return { statusCode: 204, payload: EMPTY, executedVersion: '$LATEST' };
  if (!isNodeRuntime(fn.settings.runtime)) {
    throw lambdaError('InvalidRuntimeException', `The embedded emulator runs Node.js functions only; runtime ${fn.settings.runtime} is not supported.`);
  }
  if (invocationType === 'Event') {
    // With a state folder, answered only once the invocation is on disk.
    await state.asyncInvocations.enqueue(fn, event, ctx.requestId, options.source ?? 'invoke', ctx.traceHeader).durable;
    return { statusCode: 202, payload: EMPTY, executedVersion: '$LATEST' };
  }
  const outcome = await state.runtime.run(
    fn,
    { requestId: ctx.requestId, payload: event, invokedArn: refArn(ref), clientContext: options.clientContext, traceHeader: ctx.traceHeader },
    'sync',
  );
  let body = outcome.body;
  let error = outcome.error;
  if (body.length > MAX_RESPONSE_PAYLOAD) {
    body = Buffer.from(JSON.stringify({
      errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_PAYLOAD} bytes).`,
      errorType: 'Function.ResponseSizeTooLarge',
    }));
    error = true;
  }
  const result: LambdaInvokeResult = { statusCode: 200, payload: body, executedVersion: '$LATEST' };
  if (error) result.functionError = 'Unhandled';
  if (options.logType === 'Tail') result.logResult = logTail(outcome.logLines);
  return result;
}

/** The event must be JSON (AWS refuses anything else before running the function); none is `{}`. */
function checkedEvent(payload: Buffer): Buffer {
  if (payload.length === 0) return Buffer.from('{}');
  try {
    JSON.parse(utf8.decode(payload));
  } catch (err) {
    throw lambdaError('InvalidRequestContentException', `Could not parse request body into json: Could not parse payload into json: ${(err as Error).message}`);
  }
  return payload;
}

/** `X-Amz-Log-Result`: base64 of the last 4 KB of the invocation's log. */
function logTail(lines: string[]): string {
  const log = Buffer.from(lines.join(''));
  return log.subarray(Math.max(0, log.length - TAIL_BYTES)).toString('base64');
}
