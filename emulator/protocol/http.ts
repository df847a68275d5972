import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../core/aws-error';

/** The largest request body the emulator reads (Lambda zip uploads are the biggest callers). */
export const MAX_BODY_BYTES = 70 * 1024 * 1024;

const RAW_BODY = Symbol('rawBody');

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new AwsError('RequestEntityTooLargeException', 'Request must be smaller than ' + limit + ' bytes', 413);
    chunks.push(chunk);
  }
  const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  // Kept on the request, so the state journal can record a request it has already been read.
  (req as { [RAW_BODY]?: Buffer })[RAW_BODY] = body;
  return body;
}

/** The body readBody read from this request, if it has. */
export function rawBodyOf(req: IncomingMessage): Buffer | undefined {
  return (req as { [RAW_BODY]?: Buffer })[RAW_BODY];
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json',
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Any thrown value as an AwsError: unknown failures become AWS's generic 500. */
export function toAwsError(err: unknown): AwsError {
  if (err instanceof AwsError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AwsError('InternalFailure', message, 500);
}
