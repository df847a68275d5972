import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
} from '@aws-sdk/client-api-gateway';
import { beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../core/request-context';
import { useEmulator } from '../testing/emulator-fixture';
import { httpRequest, type TestResponse } from './testing';

const env = useEmulator();
let apiId: string;

/** A GET-able MOCK method answering `body` (static text) with `status`, as a CDK MockIntegration does. */
async function mock(resourceId: string, httpMethod: string, status: number, body: string, headers: Record<string, string> = {}) {
  await env.apigateway.send(new PutMethodCommand({ restApiId: apiId, resourceId, httpMethod, authorizationType: 'NONE' }));
  await env.apigateway.send(new PutMethodResponseCommand({ restApiId: apiId, resourceId, httpMethod, statusCode: String(status) }));
  await env.apigateway.send(
    new PutIntegrationCommand({
      restApiId: apiId,
      resourceId,
      httpMethod,
      type: 'MOCK',
      requestTemplates: { 'application/json': `{"statusCode": ${status}}` },
    }),
  );
  await env.apigateway.send(
    new PutIntegrationResponseCommand({
      restApiId: apiId,
      resourceId,
      httpMethod,
      statusCode: String(status),
      selectionPattern: '',
      responseTemplates: { 'application/json': body },
      responseParameters: Object.fromEntries(Object.entries(headers).map(([k, v]) => [`method.response.header.${k}`, `'${v}'`])),
    }),
  );
}

beforeAll(async () => {
  const api = await env.apigateway.send(new CreateRestApiCommand({ name: 'mock-api' }));
  apiId = api.id!;
  const root = api.rootResourceId!;
  const orders = (await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: root, pathPart: 'orders' }))).id!;
  const byId = (await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: orders, pathPart: '{orderId}' }))).id!;
  const status = (await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: byId, pathPart: 'status' }))).id!;
  const proxy = (await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: root, pathPart: '{proxy+}' }))).id!;
  await mock(root, 'GET', 200, '{"at":"root"}');
  await mock(orders, 'GET', 200, '{"orders":[]}', { 'Access-Control-Allow-Origin': '*' });
  await mock(byId, 'GET', 200, '{"at":"by-id"}');
  await mock(status, 'GET', 200, '{"at":"status"}');
  await mock(proxy, 'ANY', 200, '{"at":"proxy"}');

  // POST /orders answers 201 through a selection pattern; the default response would be 200.
  await env.apigateway.send(new PutMethodCommand({ restApiId: apiId, resourceId: orders, httpMethod: 'POST', authorizationType: 'NONE' }));
  await env.apigateway.send(
    new PutIntegrationCommand({ restApiId: apiId, resourceId: orders, httpMethod: 'POST', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 201}' } }),
  );
  await env.apigateway.send(new PutIntegrationResponseCommand({ restApiId: apiId, resourceId: orders, httpMethod: 'POST', statusCode: '200', responseTemplates: { 'application/json': '{"default":true}' } }));
  await env.apigateway.send(
    new PutIntegrationResponseCommand({ restApiId: apiId, resourceId: orders, httpMethod: 'POST', statusCode: '201', selectionPattern: '2\\d\\d', responseTemplates: { 'application/json': '{"created":true}' } }),
  );
  await env.apigateway.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev' }));
});

const forms = {
  'path form /_aws/execute-api': (path: string, method = 'GET') => httpRequest(env.endpoint, { method, path: `/_aws/execute-api/${apiId}/dev${path}` }),
  'legacy form /restapis/.../_user_request_': (path: string, method = 'GET') =>
    httpRequest(env.endpoint, { method, path: `/restapis/${apiId}/dev/_user_request_${path}` }),
  'host form {apiId}.execute-api.localhost.localstack.cloud': (path: string, method = 'GET') =>
    httpRequest(env.endpoint, { method, path: `/dev${path}`, headers: { Host: `${apiId}.execute-api.localhost.localstack.cloud:${env.emulator.port}` } }),
};

describe.each(Object.entries(forms))('MOCK API at the %s', (_name, call) => {
  it('answers from the integration response template with its header mapping and AWS headers', async () => {
    const res = await call('/orders');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ orders: [] });
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-amz-apigw-id']).toBeTruthy();
  });

  it('routes literal before {param} before {proxy+}, ignoring a trailing slash', async () => {
    const at = async (path: string) => JSON.parse((await call(path)).text).at as string;
    expect(await at('/')).toBe('root');
    expect(await at('/orders/42')).toBe('by-id');
    expect(await at('/orders/42/')).toBe('by-id');
    expect(await at('/orders/42/status')).toBe('status');
    // /orders/42/other has no literal or {param} match below {orderId}: the greedy root proxy takes it.
    expect(await at('/orders/42/other')).toBe('proxy');
    expect(await at('/anything/deeper/still')).toBe('proxy');
  });

  it('selects the integration response by selection pattern', async () => {
    const res = await call('/orders', 'POST');
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text)).toEqual({ created: true });
  });
});

describe('invocation errors', () => {
  it('answers an unknown API id with 404 at every URL form, as LocalStack does', async () => {
    const expected = { message: "The API id 'nosuchapi0' does not correspond to a deployed API Gateway API" };
    const responses: TestResponse[] = [
      await httpRequest(env.endpoint, { path: '/_aws/execute-api/nosuchapi0/dev/orders' }),
      await httpRequest(env.endpoint, { path: '/restapis/nosuchapi0/dev/_user_request_/orders' }),
      await httpRequest(env.endpoint, { path: '/dev/orders', headers: { Host: 'nosuchapi0.execute-api.localhost.localstack.cloud' } }),
    ];
    for (const res of responses) {
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text)).toEqual(expected);
    }
  });

  it('answers an unknown stage with 403 Forbidden', async () => {
    const res = await httpRequest(env.endpoint, { path: `/_aws/execute-api/${apiId}/prod/orders` });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toEqual({ message: 'Forbidden' });
    expect(res.headers['x-amzn-errortype']).toBe('ForbiddenException');
  });

  it('answers a route or method the deployment lacks with 403 Missing Authentication Token', async () => {
    const api = await env.apigateway.send(new CreateRestApiCommand({ name: 'no-proxy' }));
    const orders = await env.apigateway.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'orders' }));
    await env.apigateway.send(new PutMethodCommand({ restApiId: api.id, resourceId: orders.id, httpMethod: 'GET', authorizationType: 'NONE' }));
    await env.apigateway.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: orders.id, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
    await env.apigateway.send(new PutIntegrationResponseCommand({ restApiId: api.id, resourceId: orders.id, httpMethod: 'GET', statusCode: '200' }));
    await env.apigateway.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'dev' }));

    for (const [method, path] of [
      ['GET', '/missing'],
      ['DELETE', '/orders'],
      ['GET', '/'],
    ] as const) {
      const res = await httpRequest(env.endpoint, { method, path: `/_aws/execute-api/${api.id}/dev${path}` });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(JSON.parse(res.text)).toEqual({ message: 'Missing Authentication Token' });
      expect(res.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
    }
    const ok = await httpRequest(env.endpoint, { path: `/_aws/execute-api/${api.id}/dev/orders` });
    expect(ok.status).toBe(200);
  });

  it('serves the deployment snapshot: a resource added later answers only after the next deployment', async () => {
    const api = await env.apigateway.send(new CreateRestApiCommand({ name: 'snapshot' }));
    await env.apigateway.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await env.apigateway.send(
      new PutIntegrationCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }),
    );
    await env.apigateway.send(new PutIntegrationResponseCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', statusCode: '200' }));
    await env.apigateway.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'dev' }));
    const later = await env.apigateway.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'later' }));
    await env.apigateway.send(new PutMethodCommand({ restApiId: api.id, resourceId: later.id, httpMethod: 'GET', authorizationType: 'NONE' }));
    await env.apigateway.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: later.id, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
    await env.apigateway.send(new PutIntegrationResponseCommand({ restApiId: api.id, resourceId: later.id, httpMethod: 'GET', statusCode: '200' }));

    const url = `/_aws/execute-api/${api.id}/dev/later`;
    expect((await httpRequest(env.endpoint, { path: url })).status).toBe(403);
    await env.apigateway.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'dev' }));
    expect((await httpRequest(env.endpoint, { path: url })).status).toBe(200);
  });
});

describe('in-process invocation (AWS-style execute-api URLs)', () => {
  it('runs a request against a stage and finds the API owner', async () => {
    expect(env.emulator.hub.apigateway.findApi(apiId)).toEqual({ accountId: '000000000000', region: 'us-east-1' });
    expect(env.emulator.hub.apigateway.findApi('nosuchapi0')).toBeUndefined();
    const reply = await env.emulator.hub.apigateway.invokeApi(internalContext(), apiId, 'dev', {
      method: 'GET',
      path: '/orders/7',
      query: new URLSearchParams(),
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
    });
    expect(reply.statusCode).toBe(200);
    expect(JSON.parse(reply.body.toString())).toEqual({ at: 'by-id' });
  });
});
