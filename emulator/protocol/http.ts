import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../core/aws-error';

/** The largest request body the emulator reads (Lambda zip uploads are the biggest callers). */
export const MAX_BODY_BYTES = 70 * 1024 * 1024;

const RAW_BODY = Symbol('rawBody');

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  // A body of a declared length within the limit (every SDK request) is read with plain listeners:
  // Node's parser holds it to that length, and an async iterator costs more than the rest of a
  // small request. Anything else is read chunk by chunk against the limit.
  const declared = req.headers['content-length'];
  if (declared !== undefined && req.headers['transfer-encoding'] === undefined && !req.readableEnded && Number(declared) <= limit) return readDeclared(req);
  return readLimited(req, limit);
}

function readDeclared(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    const onData = (chunk: Buffer) => {
      if (first === undefined) first = chunk;
      else (chunks ??= [first]).push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(keep(req, chunks ? Buffer.concat(chunks) : (first ?? Buffer.alloc(0))));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onClose = () => {
      cleanup();
      reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    };
    const cleanup = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new AwsError('RequestEntityTooLargeException', 'Request must be smaller than ' + limit + ' bytes', 413);
    chunks.push(chunk);
  }
  return keep(req, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
}

/** Kept on the request, so the state journal can record a request it has already been read. */
function keep(req: IncomingMessage, body: Buffer): Buffer {
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
