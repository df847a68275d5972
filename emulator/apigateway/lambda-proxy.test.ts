import { describe, expect, it } from 'vitest';
import type { Invocation } from './invocation';
import { mapProxyResponse, proxyEvent } from './lambda-proxy';

function invocation(overrides: Partial<Invocation> = {}): Invocation {
  return {
    ids: { requestId: '7a9c2f5e-0000-4000-8000-000000000001', extendedRequestId: 'IzPCkGtsIAMFfPA=' },
    accountId: '000000000000',
    region: 'us-east-1',
    apiId: 'abc123defg',
    stage: {
      stageName: 'dev',
      deploymentId: 'dep001',
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      methodSettings: {},
      tracingEnabled: false,
      createdDate: 0,
      lastUpdatedDate: 0,
    },
    deployment: { resources: [], binaryMediaTypes: [] },
    route: {
      resource: { id: 'res001', path: '/{proxy+}', parentId: 'root', pathPart: '{proxy+}' },
      method: { httpMethod: 'ANY', authorizationType: 'NONE', apiKeyRequired: false },
      pathParameters: { proxy: 'a/b' },
    },
    httpMethod: 'GET',
    rawPath: '/a/b',
    path: '/a/b',
    query: new URLSearchParams(),
    headers: [
      ['Host', 'abc123defg.execute-api.localhost.localstack.cloud:4566'],
      ['user-agent', 'test-agent'],
      ['authorization', 'Basic eDp5'],
      ['tEsT-HEADeR', 'aValUE'],
      ['Connection', 'keep-alive'],
    ],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    forwardedPort: '4566',
    forwardedProto: 'http',
    receivedAt: new Date(Date.UTC(2025, 10, 25, 15, 46, 3, 120)),
    ...overrides,
  };
}

describe('proxyEvent', () => {
  it('builds the REST v1 proxy event with nulls where AWS sends nulls', () => {
    const event = proxyEvent(invocation(), 'Root=1-00000000-000000000000000000000000') as Record<string, any>;
    expect(event).toMatchObject({
      resource: '/{proxy+}',
      path: '/a/b',
      httpMethod: 'GET',
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: { proxy: 'a/b' },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
    });
    // Original casing kept, Authorization and User-Agent canonicalised, hop-by-hop headers dropped.
    expect(event.headers).toMatchObject({ 'tEsT-HEADeR': 'aValUE', Authorization: 'Basic eDp5', 'User-Agent': 'test-agent', 'X-Forwarded-Proto': 'http' });
    expect(event.headers.Connection).toBeUndefined();
    expect(event.multiValueHeaders['tEsT-HEADeR']).toEqual(['aValUE']);
    expect(event.requestContext).toMatchObject({
      accountId: '000000000000',
      apiId: 'abc123defg',
      resourceId: 'res001',
      resourcePath: '/{proxy+}',
      httpMethod: 'GET',
      path: '/dev/a/b',
      stage: 'dev',
      requestId: '7a9c2f5e-0000-4000-8000-000000000001',
      extendedRequestId: 'IzPCkGtsIAMFfPA=',
      requestTime: '25/Nov/2025:15:46:03 +0000',
      requestTimeEpoch: Date.UTC(2025, 10, 25, 15, 46, 3, 120),
      protocol: 'HTTP/1.1',
      domainName: 'abc123defg.execute-api.localhost.localstack.cloud:4566',
      domainPrefix: 'abc123defg',
      deploymentId: 'dep001',
      identity: { sourceIp: '127.0.0.1', userAgent: 'test-agent', accessKey: null, user: null },
    });
  });

  it('keeps the last value of a repeated query parameter in the single map', () => {
    const event = proxyEvent(invocation({ query: new URLSearchParams('a=1&b=x+y&a=2&email=t%2Bz%40x.com') }), 'Root=x') as Record<string, any>;
    expect(event.queryStringParameters).toEqual({ a: '2', b: 'x y', email: 't+z@x.com' });
    expect(event.multiValueQueryStringParameters).toEqual({ a: ['1', '2'], b: ['x y'], email: ['t+z@x.com'] });
  });

  it('base64-encodes a body of a binary media type, and one that is not UTF-8', () => {
    const bytes = Buffer.from([0xff, 0x00, 0x10, 0x80]);
    const headers: Array<[string, string]> = [['Content-Type', 'application/octet-stream']];
    const binary = proxyEvent(invocation({ body: bytes, headers, deployment: { resources: [], binaryMediaTypes: ['application/octet-stream'] } }), 'Root=x');
    expect(binary).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
    const text = proxyEvent(invocation({ body: Buffer.from('{"a":1}'), headers: [['Content-Type', 'application/json']] }), 'Root=x');
    expect(text).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    const undeclared = proxyEvent(invocation({ body: bytes, headers }), 'Root=x');
    expect(undeclared).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
  });
});

describe('mapProxyResponse', () => {
  const map = (value: unknown, inv = invocation()) => mapProxyResponse(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)), inv);

  it('maps status, headers and multi-value headers, with JSON as the default content type', () => {
    const out = map({ statusCode: 201, headers: { 'X-One': 'a', 'X-Flag': true }, multiValueHeaders: { 'X-Many': ['b', 'c'] }, body: 'hi' });
    expect(out).toMatchObject({ ok: true, reply: { statusCode: 201, headers: { 'Content-Type': 'application/json', 'X-One': 'a', 'X-Flag': 'true', 'X-Many': ['b', 'c'] } } });
    expect(out.ok && out.reply.body.toString()).toBe('hi');
    const typed = map({ headers: { 'content-type': 'text/plain' } });
    expect(typed).toMatchObject({ ok: true, reply: { statusCode: 200, headers: { 'content-type': 'text/plain' } } });
    expect(typed.ok && 'Content-Type' in typed.reply.headers).toBe(false);
  });

  it('decodes a base64 body only when the first Accept type is a binary media type', () => {
    const body = Buffer.from([1, 2, 3, 250]).toString('base64');
    const deployment = { resources: [], binaryMediaTypes: ['image/png'] };
    const accepted = map({ body, isBase64Encoded: true }, invocation({ deployment, headers: [['Accept', 'image/png,*/*']] }));
    expect(accepted.ok && [...accepted.reply.body]).toEqual([1, 2, 3, 250]);
    const notAccepted = map({ body, isBase64Encoded: true }, invocation({ deployment, headers: [['Accept', '*/*']] }));
    expect(notAccepted.ok && notAccepted.reply.body.toString()).toBe(body);
    expect(map({ body: 'è!', isBase64Encoded: true }, invocation({ deployment, headers: [['Accept', 'image/png']] }))).toEqual({ ok: false, statusCode: 500 });
  });

  it('calls anything else a malformed proxy response (502)', () => {
    for (const bad of ['not json', 'null', '[]', { statusCode: 200, body: { a: 1 } }, { statusCode: 'abc' }, { headers: { a: 1 } }, { extra: 1 }, { errorMessage: 'boom', errorType: 'Error' }]) {
      expect(map(bad), JSON.stringify(bad)).toEqual({ ok: false, statusCode: 502 });
    }
  });
});
