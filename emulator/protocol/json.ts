import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { frontDoorLimit, readBody, sendJson, toAwsError, type BodyLimit } from './http';
import { compileTable, type OperationTable } from './operations';
import type { Dialect } from './validation';

/**
 * AWS JSON 1.0 / 1.1: `POST /` with `X-Amz-Target: <Prefix>.<Operation>` and a JSON object as the
 * body; the answer is the result object, or an error as `{ __type, message }` with the type in
 * `x-amzn-ErrorType` too (the SDK v3 reads either).
 */

/** One operation as the router calls it: the parsed request in, the result object out. */
export type JsonOperation = (input: any, ctx: RequestContext) => unknown | Promise<unknown>;

/** A service spoken over AWS JSON 1.0/1.1, dispatched by the `X-Amz-Target` prefix. */
export interface JsonService {
  /** e.g. `AWSEvents`, `Logs_20140328`, `AWSStepFunctions`. */
  targetPrefix: string;
  operations: Record<string, JsonOperation>;
  /** The largest body the service reads; larger ones are refused unread. */
  bodyLimit: BodyLimit;
}

/** A JSON service from its operation table: each entry's input is validated before its handler runs. */
export function jsonService<C>(targetPrefix: string, table: OperationTable<C>, context: C, dialect: Dialect, bodyLimit: BodyLimit = frontDoorLimit(jsonCeiling(0))): JsonService {
  return { targetPrefix, operations: compileTable(table, context, dialect), bodyLimit };
}

/**
 * The body ceiling of a JSON service whose largest member may hold `largest` bytes: a string
 * member escaped in JSON takes up to six times its size (`\u0001`), plus room for the rest of the
 * request, so no request the service would accept is refused at the door.
 */
export function jsonCeiling(largest: number): number {
  return 6 * largest + 1024 * 1024;
}

const NOT_A_STRUCTURE = 'Start of structure or map found where not expected.';

/**
 * Parses `X-Amz-Target: Prefix.Operation` and a JSON body, runs the operation and serialises the
 * result or an AWS-shaped error. An unknown operation is `UnknownOperationException`, a body that
 * is not a JSON object is `SerializationException`, as AWS answers both.
 */
export async function handleJsonRequest(
  service: JsonService,
  operationName: string,
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RequestContext,
): Promise<void> {
  const contentType = req.headers['content-type']?.startsWith('application/x-amz-json-1.0')
    ? 'application/x-amz-json-1.0'
    : 'application/x-amz-json-1.1';
  try {
    const operation = Object.hasOwn(service.operations, operationName) ? service.operations[operationName] : undefined;
    if (!operation) throw new AwsError('UnknownOperationException', '', 400);
    const raw = await readBody(req, service.bodyLimit);
    let input: unknown = {};
    if (raw.length > 0) {
      try {
        input = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AwsError('SerializationException', NOT_A_STRUCTURE);
      }
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new AwsError('SerializationException', NOT_A_STRUCTURE);
    // Most operations answer at once; only a promise is awaited, so those answer in this tick.
    const answer = operation(input, ctx);
    const result = (typeof (answer as PromiseLike<unknown> | undefined)?.then === 'function' ? await answer : answer) ?? {};
    sendJson(res, 200, result, { 'x-amzn-requestid': ctx.requestId }, contentType);
  } catch (err) {
    sendJsonError(res, toAwsError(err), ctx.requestId, contentType);
  }
}

/**
 * The JSON protocols' one error writer: `__type` and `message`, with the type in
 * `x-amzn-ErrorType` too. The SDK v3 reads either and throws the matching named exception.
 */
export function sendJsonError(res: ServerResponse, err: AwsError, requestId: string, contentType = 'application/x-amz-json-1.1'): void {
  sendJson(
    res,
    err.statusCode,
    { __type: err.code, message: err.message, ...err.extra },
    {
      'x-amzn-errortype': err.code,
      'x-amzn-requestid': requestId,
      // Services that were Query services first (SQS) name their Query error code here too.
      ...((err as { queryError?: string }).queryError ? { 'x-amzn-query-error': (err as { queryError?: string }).queryError! } : {}),
    },
    contentType,
  );
}
