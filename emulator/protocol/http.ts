import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../core/aws-error';

/**
 * How much body a request may carry before it is refused unread, and the service's answer for a
 * larger one. Each service declares its own (docs/chaos.md lists them); the answer is AWS's where
 * AWS documents one.
 */
export interface BodyLimit {
  bytes: number;
  /** The error for a body over the limit: `size` is its declared length, or the bytes counted so far. */
  tooLarge(size: number): AwsError;
}

/** The ceiling for requests no service limits more tightly (the emulator's own routes, the Query services). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A front door's 413: what AWS answers a body its service never reads. */
export function frontDoorLimit(bytes: number, code = 'RequestEntityTooLargeException'): BodyLimit {
  return { bytes, tooLarge: () => new AwsError(code, `HTTP content length exceeded ${bytes} bytes.`, 413) };
}

const RAW_BODY = Symbol('rawBody');
const RESPONSE = Symbol('response');
/** How long a refused request's remaining bytes are read and dropped before the connection is cut. */
const LINGER_MS = 2_000;

/** Lets a refusal close the connection once its answer has gone out (the server calls it per request). */
export function bindResponse(req: IncomingMessage, res: ServerResponse): void {
  (req as { [RESPONSE]?: ServerResponse })[RESPONSE] = res;
}

/**
 * Reads a request's body, refusing it once it is over the limit: at once when its declared length
 * (`Content-Length`, or S3's `x-amz-decoded-content-length`) is over, without reading a byte;
 * otherwise as soon as the bytes counted while it streams (a chunked body) pass the limit. The
 * refusal is an AwsError the protocol's error writer answers, after which the connection closes.
 */
export function readBody(req: IncomingMessage, limit: number | BodyLimit = MAX_BODY_BYTES): Promise<Buffer> {
  const { bytes, tooLarge } = typeof limit === 'number' ? frontDoorLimit(limit) : limit;
  const declared = declaredLength(req);
  if (declared !== undefined && declared > bytes) {
    refuse(req);
    return Promise.reject(tooLarge(declared));
  }
  invite(req);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > bytes) {
        done();
        chunks.length = 0;
        refuse(req);
        reject(tooLarge(size));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      // Kept on the request, so the state journal can record a request it has already been read.
      (req as { [RAW_BODY]?: Buffer })[RAW_BODY] = body;
      resolve(body);
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    // A client gone before the end of its body: nothing more will come.
    const onClose = () => {
      done();
      reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    };
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/**
 * A client that sent `Expect: 100-continue` (the SDK does for large S3 uploads) waits for `100
 * Continue` before it sends the body: the server answers it only once the body is to be read, so
 * a body that is refused is never sent at all.
 */
export function invite(req: IncomingMessage): void {
  const res = (req as { [RESPONSE]?: ServerResponse })[RESPONSE];
  if (res && !res.headersSent && /100-continue/i.test(String(req.headers.expect ?? ''))) res.writeContinue();
}

/** The body's length as the client declared it, if it did. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const value = req.headers['x-amz-decoded-content-length'] ?? req.headers['content-length'];
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * A refused request: its answer says `Connection: close`, then what the client still sends is read
 * and dropped for a moment (so the client sees the answer instead of a reset) and the connection is
 * cut. Nothing of the body is kept.
 */
export function refuse(req: IncomingMessage): void {
  const res = (req as { [RESPONSE]?: ServerResponse })[RESPONSE];
  if (res && !res.headersSent) res.setHeader('connection', 'close');
  // The cut may reset the connection under a client still sending: that is expected, not a failure.
  req.on('error', () => {});
  const cut = () => {
    req.on('data', () => {}).resume();
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  };
  if (res && !res.writableFinished) res.once('finish', cut);
  else cut();
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
