import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const DEFAULT_ACCOUNT = '000000000000';
export const DEFAULT_REGION = 'us-east-1';

/** Who is calling and where: what every operation needs to find its state. */
export interface RequestContext {
  accountId: string;
  region: string;
  requestId: string;
  /** The caller's X-Ray trace header (`X-Amzn-Trace-Id`), which the steps it causes continue. */
  traceHeader?: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([a-z0-9-]+)\//;

/**
 * Account and region from the SigV4 `Authorization` header. Any credentials are accepted; as in
 * LocalStack, an access key id of twelve digits names the account, anything else the default.
 */
export function contextFromHeaders(headers: IncomingHttpHeaders): RequestContext {
  const auth = headers.authorization ?? '';
  const m = CREDENTIAL.exec(auth);
  const key = m?.[1] ?? '';
  return {
    accountId: /^\d{12}$/.test(key) ? key : DEFAULT_ACCOUNT,
    region: m?.[2] ?? DEFAULT_REGION,
    requestId: randomUUID(),
    traceHeader: typeof headers['x-amzn-trace-id'] === 'string' ? headers['x-amzn-trace-id'] : undefined,
  };
}

export function internalContext(accountId = DEFAULT_ACCOUNT, region = DEFAULT_REGION): RequestContext {
  return { accountId, region, requestId: randomUUID() };
}
