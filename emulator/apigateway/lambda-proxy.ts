import { randomBytes } from 'node:crypto';
import type { HttpReply } from '../core/hub';
import { isBinaryMediaType } from './binary-media-types';
import { headerValue, type Invocation } from './invocation';

// Hop-by-hop and similar headers API Gateway drops before the integration sees the request.
const DROPPED = new Set([
  'connection',
  'content-length',
  'content-md5',
  'expect',
  'max-forwards',
  'proxy-authenticate',
  'server',
  'te',
  'transfer-encoding',
  'trailer',
  'upgrade',
  'www-authenticate',
]);
// Headers that reach the function Pascal-cased whatever the client sent (they pass CloudFront).
const CANONICAL: Record<string, string> = { authorization: 'Authorization', 'user-agent': 'User-Agent' };
const PROXY_HEADERS = new Set(['x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto', 'x-amzn-trace-id']);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `requestContext.requestTime`: `25/Nov/2025:15:46:03 +0000`. */
function requestTime(d: Date): string {
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** An X-Ray trace header continuing the caller's trace root when it sent one. */
export function traceId(incoming: string | undefined, receivedAt: Date): string {
  const root = /Root=([^;]+)/.exec(incoming ?? '')?.[1];
  return `Root=${root ?? `1-${Math.floor(receivedAt.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`}`;
}

/**
 * What CloudFront adds in front of an EDGE API (its recorded proxy events carry these): the
 * device flags of a desktop viewer, the viewer's country and network, the edge's `Via` and a
 * request id. The emulator answers as one viewer in the US on AWS's own network.
 */
function cloudFrontHeaders(inv: Invocation): Array<[string, string]> {
  return [
    ['CloudFront-Forwarded-Proto', inv.forwardedProto],
    ['CloudFront-Is-Desktop-Viewer', 'true'],
    ['CloudFront-Is-Mobile-Viewer', 'false'],
    ['CloudFront-Is-SmartTV-Viewer', 'false'],
    ['CloudFront-Is-Tablet-Viewer', 'false'],
    ['CloudFront-Viewer-ASN', '16509'],
    ['CloudFront-Viewer-Country', 'US'],
    ['Via', `${inv.protocol.replace(/^HTTP\//, '')} ${randomBytes(16).toString('hex')}.cloudfront.net (CloudFront)`],
    ['X-Amz-Cf-Id', randomBytes(40).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')],
  ];
}

/** The request headers as the function sees them, plus those API Gateway (and CloudFront, for EDGE APIs) adds in front of it. */
function eventHeaders(inv: Invocation, trace: string): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (const [name, value] of inv.headers) {
    const lower = name.toLowerCase();
    if (DROPPED.has(lower) || PROXY_HEADERS.has(lower)) continue;
    headers.push([CANONICAL[lower] ?? name, value]);
  }
  if (inv.endpointType === 'EDGE') headers.push(...cloudFrontHeaders(inv));
  const forwardedFor = headerValue(inv.headers, 'x-forwarded-for');
  headers.push(
    ['X-Amzn-Trace-Id', trace],
    ['X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${inv.sourceIp}` : inv.sourceIp],
    ['X-Forwarded-Port', inv.forwardedPort],
    ['X-Forwarded-Proto', inv.forwardedProto],
  );
  return headers;
}

function body(inv: Invocation): { body: string | null; isBase64Encoded: boolean } {
  if (inv.body.length === 0) return { body: null, isBase64Encoded: false };
  const binary = isBinaryMediaType(headerValue(inv.headers, 'content-type'), inv.deployment.binaryMediaTypes);
  if (!binary) {
    try {
      return { body: new TextDecoder('utf-8', { fatal: true }).decode(inv.body), isBase64Encoded: false };
    } catch {
      // Not text: send it base64-encoded rather than mangle it (see the notes).
    }
  }
  return { body: inv.body.toString('base64'), isBase64Encoded: true };
}

/** The Lambda proxy integration's input event, API Gateway's REST (v1) payload format. */
export function proxyEvent(inv: Invocation, trace: string): Record<string, unknown> {
  const headers = eventHeaders(inv, trace);
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of headers) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of inv.query) {
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  }
  const hasQuery = Object.keys(query).length > 0;
  const userAgent = headerValue(inv.headers, 'user-agent') ?? null;
  const domainName = headerValue(inv.headers, 'host') ?? `${inv.apiId}.execute-api.${inv.region}.amazonaws.com`;
  const variables = inv.stage.variables && Object.keys(inv.stage.variables).length > 0 ? { ...inv.stage.variables } : null;
  return {
    resource: inv.route.resource.path,
    path: inv.path,
    httpMethod: inv.httpMethod,
    headers: single,
    multiValueHeaders: multi,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: Object.keys(inv.route.pathParameters).length > 0 ? { ...inv.route.pathParameters } : null,
    stageVariables: variables,
    requestContext: {
      resourceId: inv.route.resource.id,
      resourcePath: inv.route.resource.path,
      httpMethod: inv.httpMethod,
      extendedRequestId: inv.ids.extendedRequestId,
      requestTime: requestTime(inv.receivedAt),
      path: `/${inv.stage.stageName}${inv.rawPath || '/'}`,
      accountId: inv.accountId,
      protocol: inv.protocol,
      stage: inv.stage.stageName,
      // The API id whatever the Host: on the path forms (`/_aws/execute-api/{id}/…`) the Host is the emulator's address.
      domainPrefix: inv.apiId,
      requestTimeEpoch: inv.receivedAt.getTime(),
      requestId: inv.ids.requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: inv.sourceIp,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent,
        user: null,
      },
      domainName,
      deploymentId: inv.stage.deploymentId,
      apiId: inv.apiId,
    },
    ...body(inv),
  };
}

const ALLOWED_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

type Mapped = { ok: true; reply: Omit<HttpReply, 'headers'> & { headers: Record<string, string | string[]> } } | { ok: false; statusCode: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const headerText = (v: unknown) => (typeof v === 'boolean' ? String(v) : (v as string));

/**
 * Maps the function's answer back to HTTP. Anything but an object with only `statusCode`,
 * `headers`, `multiValueHeaders`, `body` (a string) and `isBase64Encoded` is a malformed proxy
 * response: 502. The body is base64-decoded only when the function says it is encoded AND the
 * client's first `Accept` type is one of the API's binary media types, as on AWS; otherwise the
 * text goes back as it is.
 */
export function mapProxyResponse(payload: Buffer, inv: Invocation): Mapped {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, statusCode: 502 };
  }
  if (!isObject(value) || Object.keys(value).some((k) => !ALLOWED_KEYS.has(k))) return { ok: false, statusCode: 502 };
  const { statusCode, headers, multiValueHeaders, body, isBase64Encoded } = value;
  if (headers != null && (!isObject(headers) || Object.values(headers).some((v) => typeof v !== 'string' && typeof v !== 'boolean'))) {
    return { ok: false, statusCode: 502 };
  }
  if (multiValueHeaders != null && (!isObject(multiValueHeaders) || Object.values(multiValueHeaders).some((v) => !Array.isArray(v)))) {
    return { ok: false, statusCode: 502 };
  }
  let status = 200;
  if (statusCode != null) {
    if ((typeof statusCode !== 'number' && typeof statusCode !== 'string') || statusCode === '') return { ok: false, statusCode: 502 };
    status = Number(statusCode);
    if (!Number.isInteger(status) || status < 100 || status > 599) return { ok: false, statusCode: 502 };
  }
  if (body != null && typeof body !== 'string') return { ok: false, statusCode: 502 };
  if (isBase64Encoded != null && typeof isBase64Encoded !== 'boolean') return { ok: false, statusCode: 502 };

  // Content-Type defaults to JSON; the function's headers override it whatever their case, and a
  // name in both maps gets the multi values first, then the single one.
  const merged = new Map<string, { name: string; values: string[] }>([['content-type', { name: 'Content-Type', values: ['application/json'] }]]);
  for (const [name, v] of Object.entries((headers as Record<string, unknown>) ?? {})) merged.set(name.toLowerCase(), { name, values: [headerText(v)] });
  for (const [name, values] of Object.entries((multiValueHeaders as Record<string, unknown[]>) ?? {})) {
    const single = headers && Object.entries(headers as Record<string, unknown>).find(([k]) => k.toLowerCase() === name.toLowerCase());
    merged.set(name.toLowerCase(), { name, values: [...values.map((x) => String(headerText(x))), ...(single ? [headerText(single[1])] : [])] });
  }
  const out: Record<string, string | string[]> = {};
  for (const { name, values } of merged.values()) out[name] = values.length === 1 ? values[0]! : values;

  const text = (body as string | null | undefined) ?? '';
  let bytes: Buffer;
  if (isBase64Encoded === true && isBinaryMediaType(headerValue(inv.headers, 'accept'), inv.deployment.binaryMediaTypes)) {
    const compact = text.replace(/\s+/g, '');
    if (!BASE64.test(compact)) return { ok: false, statusCode: 500 };
    bytes = Buffer.from(compact, 'base64');
  } else {
    bytes = Buffer.from(text, 'utf8');
  }
  return { ok: true, reply: { statusCode: status, headers: out, body: bytes } };
}
