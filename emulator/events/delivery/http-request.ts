import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Response bodies are read for the record only; more than this is not kept. */
const KEPT_BODY = 4096;

/**
 * One HTTP(S) request with exactly the headers given (Node's fetch would add its own), bounded
 * by `timeoutMs` from start to the end of the response, and abortable.
 */
export function sendHttp(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, timeoutMs: number, signal: AbortSignal): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method, headers, signal }, (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < KEPT_BODY) chunks.push(chunk);
        kept += chunk.length;
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8').slice(0, KEPT_BODY) });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(() => req.destroy(new Error(`no response within ${timeoutMs / 1000} seconds`)), timeoutMs);
    function fail(err: Error) {
      clearTimeout(timer);
      reject(err);
    }
    req.on('error', fail);
    req.end(body);
  });
}
