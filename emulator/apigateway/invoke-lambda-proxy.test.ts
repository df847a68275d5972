import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { CreateFunctionCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import AdmZip from 'adm-zip';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../testing/emulator-fixture';
import { httpRequest } from './testing';
import { waitFor } from '../testing/wait';

// Echoes the proxy event back as the body, except on a few paths that exercise response mapping.
const HANDLER = `
export const handler = async (event) => {
  const path = event.path;
  if (path.endsWith('/malformed')) return { statusCode: 200, body: { not: 'a string' } };
  if (path.endsWith('/throw')) throw new Error('boom');
  if (path.endsWith('/binary')) {
    return { statusCode: 200, headers: { 'Content-Type': 'image/png' }, body: Buffer.from([137, 80, 78, 71, 0, 255]).toString('base64'), isBase64Encoded: true };
  }
  if (path.endsWith('/headers')) {
    return { statusCode: 201, headers: { 'X-Single': 'one' }, multiValueHeaders: { 'X-Multi': ['a', 'b'] }, body: 'created' };
  }
  return { statusCode: 200, body: JSON.stringify(event) };
};
`;

const env = useEmulator();
let apiId: string;
let ordersId: string;
let proxyId: string;

function zip(): Uint8Array {
  const archive = new AdmZip();
  archive.addFile('index.mjs', Buffer.from(HANDLER));
  return archive.toBuffer();
}

async function waitActive(name: string): Promise<void> {
  await waitFor(`${name} to become Active`, async () => {
    const fn = await env.lambda.send(new GetFunctionCommand({ FunctionName: name }));
    return fn.Configuration?.State === 'Active' || fn.Configuration?.State === undefined ? true : undefined;
  }, 20_000);
}

async function proxyMethod(resourceId: string, httpMethod: string, functionArn: string, integrationHttpMethod = 'POST') {
  await env.apigateway.send(new PutMethodCommand({ restApiId: apiId, resourceId, httpMethod, authorizationType: 'NONE' }));
  await env.apigateway.send(
    new PutIntegrationCommand({
      restApiId: apiId,
      resourceId,
      httpMethod,
      type: 'AWS_PROXY',
      integrationHttpMethod,
      uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
    }),
  );
}

beforeAll(async () => {
  const fn = await env.lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'EchoEvent',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: 'arn:aws:iam::000000000000:role/echo-event',
      Code: { ZipFile: zip() },
    }),
  );
  await waitActive('EchoEvent');

  const api = await env.apigateway.send(new CreateRestApiCommand({ name: 'lambda-proxy', binaryMediaTypes: ['application/octet-stream', 'image/png'] }));
  apiId = api.id!;
  ordersId = (await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: api.rootResourceId, pathPart: 'orders' }))).id!;
  proxyId = (await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: api.rootResourceId, pathPart: '{proxy+}' }))).id!;
  const ghost = (await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: api.rootResourceId, pathPart: 'ghost' }))).id!;
  await proxyMethod(ordersId, 'GET', fn.FunctionArn!);
  await proxyMethod(ordersId, 'POST', fn.FunctionArn!);
  await proxyMethod(proxyId, 'ANY', fn.FunctionArn!);
  await proxyMethod(ghost, 'GET', 'arn:aws:lambda:us-east-1:000000000000:function:DoesNotExist');
  const viaGet = (await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: api.rootResourceId, pathPart: 'via-get' }))).id!;
  await proxyMethod(viaGet, 'GET', fn.FunctionArn!, 'GET');
  await env.apigateway.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev', variables: { env: 'test' } }));
}, 60_000);

const forms = {
  'path form': (path: string) => `/_aws/execute-api/${apiId}/dev${path}`,
  'legacy _user_request_ form': (path: string) => `/restapis/${apiId}/dev/_user_request_${path}`,
  'host form': (path: string) => `/dev${path}`,
};
const hostFor = (form: string): Record<string, string> => (form === 'host form' ? { Host: `${apiId}.execute-api.localhost.localstack.cloud:${env.emulator.port}` } : {});

describe.each(Object.keys(forms) as (keyof typeof forms)[])('Lambda proxy at the %s', (form) => {
  it('passes /orders with query strings, headers and a JSON body in the v1 event', async () => {
    const res = await httpRequest(env.endpoint, {
      method: 'POST',
      path: forms[form]('/orders?location=us-east&category=books&category=toys'),
      headers: { ...hostFor(form), 'Content-Type': 'application/json', 'X-Custom': 'yes', 'User-Agent': 'order-tests/1.0' },
      body: JSON.stringify({ orderId: 'o-1', value: 42 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-amz-apigw-id']).toBeTruthy();
    expect(res.headers['x-amzn-trace-id']).toMatch(/^Root=1-/);
    const event = JSON.parse(res.text);
    expect(event).toMatchObject({
      resource: '/orders',
      path: '/orders',
      httpMethod: 'POST',
      queryStringParameters: { location: 'us-east', category: 'toys' },
      multiValueQueryStringParameters: { location: ['us-east'], category: ['books', 'toys'] },
      pathParameters: null,
      stageVariables: { env: 'test' },
      body: JSON.stringify({ orderId: 'o-1', value: 42 }),
      isBase64Encoded: false,
    });
    expect(event.headers).toMatchObject({ 'X-Custom': 'yes', 'Content-Type': 'application/json', 'User-Agent': 'order-tests/1.0', 'X-Forwarded-For': '127.0.0.1' });
    expect(event.multiValueHeaders['X-Custom']).toEqual(['yes']);
    expect(event.requestContext).toMatchObject({
      accountId: '000000000000',
      apiId,
      resourceId: ordersId,
      resourcePath: '/orders',
      httpMethod: 'POST',
      path: '/dev/orders',
      stage: 'dev',
      requestId: res.headers['x-amzn-requestid'],
      extendedRequestId: res.headers['x-amz-apigw-id'],
      protocol: 'HTTP/1.1',
      identity: { sourceIp: '127.0.0.1', userAgent: 'order-tests/1.0' },
    });
    expect(typeof event.requestContext.requestTimeEpoch).toBe('number');
  });

  it('passes a {proxy+} path as a path parameter, with null query strings when there are none', async () => {
    const res = await httpRequest(env.endpoint, { path: forms[form]('/catalog/books/42'), headers: hostFor(form) });
    expect(res.status).toBe(200);
    const event = JSON.parse(res.text);
    expect(event).toMatchObject({
      resource: '/{proxy+}',
      path: '/catalog/books/42',
      httpMethod: 'GET',
      pathParameters: { proxy: 'catalog/books/42' },
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      body: null,
    });
    expect(event.requestContext).toMatchObject({ resourceId: proxyId, resourcePath: '/{proxy+}', path: '/dev/catalog/books/42' });
  });
});

describe('Lambda proxy bodies and responses', () => {
  const url = (path: string) => `/_aws/execute-api/${apiId}/dev${path}`;

  it('base64-encodes a binary request body', async () => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const res = await httpRequest(env.endpoint, { method: 'PUT', path: url('/upload'), headers: { 'Content-Type': 'application/octet-stream' }, body: bytes });
    const event = JSON.parse(res.text);
    expect(event).toMatchObject({ isBase64Encoded: true, body: bytes.toString('base64') });
  });

  it('maps status, headers and multi-value headers back', async () => {
    const res = await httpRequest(env.endpoint, { path: url('/headers') });
    expect(res.status).toBe(201);
    expect(res.text).toBe('created');
    expect(res.headers['x-single']).toBe('one');
    expect(res.headers['x-multi']).toBe('a, b');
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('decodes a base64 response body when the client accepts a binary media type, and not otherwise', async () => {
    const binary = await httpRequest(env.endpoint, { path: url('/binary'), headers: { Accept: 'image/png' } });
    expect(binary.status).toBe(200);
    expect(binary.headers['content-type']).toBe('image/png');
    expect([...binary.body]).toEqual([137, 80, 78, 71, 0, 255]);
    const text = await httpRequest(env.endpoint, { path: url('/binary'), headers: { Accept: 'application/json' } });
    expect(text.text).toBe(Buffer.from([137, 80, 78, 71, 0, 255]).toString('base64'));
  });

  it('answers 502 Internal server error for a malformed proxy response, a function error and a missing function', async () => {
    for (const path of ['/malformed', '/throw', '/ghost']) {
      const res = await httpRequest(env.endpoint, { path: url(path) });
      expect(res.status, path).toBe(502);
      expect(JSON.parse(res.text)).toEqual({ message: 'Internal server error' });
      expect(res.headers['x-amzn-errortype']).toBe('InternalServerErrorException');
    }
  });

  it('answers 500 when the integration calls Lambda with a method other than POST', async () => {
    const res = await httpRequest(env.endpoint, { path: url('/via-get') });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text)).toEqual({ message: 'Internal server error' });
  });
});
