/**
 * Where an invocation URL points: the API id, the stage and the raw path below the stage. These
 * are LocalStack's three forms, so a URL built for LocalStack reaches the emulator unchanged:
 *
 * - `{endpoint}/_aws/execute-api/{apiId}/{stage}/{path}` (LocalStack's current path form)
 * - `{endpoint}/restapis/{apiId}/{stage}/_user_request_/{path}` (its older one)
 * - `Host: {apiId}.execute-api.localhost.localstack.cloud[:port]` with `/{stage}/{path}`
 */
export interface InvokeTarget {
  apiId: string;
  /** Absent when the URL stops at the API (`/_aws/execute-api/{apiId}/`). */
  stage?: string;
  /** The path below the stage as sent (not decoded, empty when nothing follows the stage). */
  rawPath: string;
  /** The query string without its `?`. */
  query: string;
}

const EXECUTE_API_HOST = /^([a-z0-9-]+?)(-vpce-[^.]+)?\.execute-api\./i;
const USER_REQUEST = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/;
const EXECUTE_API_PATH = /^\/_aws\/execute-api\/([^/]+)(?:\/([^/]*)(\/.*)?)?$/;

/** `req.url` must be passed raw: URL parsing would merge or misread the double slashes AWS keeps. */
export function parseInvokeUrl(rawUrl: string, host: string | undefined): InvokeTarget | undefined {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = q < 0 ? '' : rawUrl.slice(q + 1);

  const hostMatch = host ? EXECUTE_API_HOST.exec(host) : null;
  if (hostMatch) {
    const below = path.replace(/^\/+/, '');
    const slash = below.indexOf('/');
    const stage = slash < 0 ? below : below.slice(0, slash);
    return { apiId: hostMatch[1]!.toLowerCase(), stage: stage || undefined, rawPath: slash < 0 ? '' : below.slice(slash), query };
  }
  const user = USER_REQUEST.exec(path);
  if (user) return { apiId: user[1]!.toLowerCase(), stage: user[2]!, rawPath: user[3] ?? '', query };
  const exec = EXECUTE_API_PATH.exec(path);
  if (exec) return { apiId: exec[1]!.toLowerCase(), stage: exec[2] || undefined, rawPath: exec[3] ?? '', query };
  return undefined;
}
