import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { readBody, sendAwsError, sendJson, toAwsError } from './http';

/** One operation of a JSON-protocol service: the parsed request in, the result object out. */
export type JsonOperation = (input: any, ctx: RequestContext) => unknown | Promise<unknown>;

/** A service spoken over AWS JSON 1.0/1.1, dispatched by the `X-Amz-Target` prefix. */
export interface JsonService {
  /** e.g. `AWSEvents`, `Logs_20140328`, `AWSStepFunctions`. */
  targetPrefix: string;
  operations: Record<string, JsonOperation>;
}

/**
 * Parses `X-Amz-Target: Prefix.Operation` and a JSON body, runs the operation and serialises the
 * result or an AWS-shaped error. An unknown operation is `UnknownOperationException`, a body that
 * is not JSON is `SerializationException`, as AWS answers both.
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
    const raw = await readBody(req);
    let input: unknown = {};
    if (raw.length > 0) {
      try {
        input = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
      }
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
    }
    const result = (await operation(input, ctx)) ?? {};
    sendJson(res, 200, result, { 'x-amzn-requestid': ctx.requestId }, contentType);
  } catch (err) {
    sendAwsError(res, toAwsError(err), ctx.requestId, contentType);
  }
}
