import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../core/request-context';
import { sendJson } from '../protocol/http';
import { sendRestJsonError } from '../protocol/rest-json';
import { LAMBDA_ERRORS, lambdaError } from './errors';
import type { LambdaState } from './state';

const ASYNC_PATH = /^\/_testbed\/lambda\/async\/?$/;
const CODE_PATH = /^\/_testbed\/lambda\/code\/(\d{12})\/([a-z0-9-]+)\/([^/]+)\.zip$/;

/**
 * The emulator's own Lambda views, beside the AWS operations: the asynchronous invocation records
 * (`GET /_testbed/lambda/async`), and the zip GetFunction's `Code.Location` points at.
 */
export function handleTestbedViews(state: LambdaState, req: IncomingMessage, res: ServerResponse, url: URL, ctx: RequestContext): boolean {
  if (req.method !== 'GET') return false;
  if (ASYNC_PATH.test(url.pathname)) {
    const functionName = url.searchParams.get('functionName') ?? undefined;
    sendJson(res, 200, { invocations: state.asyncInvocations.list({ functionName }) }, { 'x-amzn-requestid': ctx.requestId });
    return true;
  }
  const code = CODE_PATH.exec(url.pathname);
  if (!code) return false;
  const [, accountId, region, name] = code as unknown as [string, string, string, string];
  const fn = state.functions.find({ accountId, region, name: decodeURIComponent(name) });
  if (!fn?.code.zip) {
    sendRestJsonError(res, lambdaError('ResourceNotFoundException', 'The resource you requested does not exist.'), ctx.requestId, LAMBDA_ERRORS);
    return true;
  }
  res.writeHead(200, { 'content-type': 'application/zip', 'content-length': fn.code.zip.length });
  res.end(fn.code.zip);
  return true;
}
