import { CreateDeploymentCommand, CreateRestApiCommand, PutIntegrationCommand, PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeFunction } from '../lambda/testing';
import { useEmulator } from '../testing/emulator-fixture';
import { httpRequest } from './testing';

// What reaches the function of a Lambda proxy route depends on the API's endpoint type: an EDGE
// API's requests pass CloudFront, which adds its headers; a REGIONAL API's do not.
const env = useEmulator();
let functionArn: string;

async function echoApi(types: Array<'EDGE' | 'REGIONAL'>): Promise<string> {
  const api = await env.apigateway.send(new CreateRestApiCommand({ name: `echo-${types[0]}`, endpointConfiguration: { types } }));
  const common = { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET' };
  await env.apigateway.send(new PutMethodCommand({ ...common, authorizationType: 'NONE' }));
  await env.apigateway.send(
    new PutIntegrationCommand({ ...common, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn}/invocations` }),
  );
  await env.apigateway.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'dev' }));
  return api.id!;
}

async function eventAt(apiId: string): Promise<{ headers: Record<string, string>; requestContext: Record<string, unknown> }> {
  const res = await httpRequest(env.endpoint, { path: `/_aws/execute-api/${apiId}/dev/` });
  expect(res.status).toBe(200);
  return JSON.parse(res.body.toString());
}

beforeAll(async () => {
  const fn = await createNodeFunction(env.lambda, 'EdgeEcho', { 'index.js': 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });' });
  functionArn = fn.FunctionArn!;
}, 60_000);

describe('the Lambda proxy event by endpoint type', () => {
  it("carries CloudFront's headers for an EDGE API, and the API id as domainPrefix on the path form", async () => {
    const apiId = await echoApi(['EDGE']);
    const event = await eventAt(apiId);
    expect(event.requestContext.domainPrefix).toBe(apiId);
    expect(event.headers).toMatchObject({
      'CloudFront-Forwarded-Proto': 'http',
      'CloudFront-Is-Desktop-Viewer': 'true',
      'CloudFront-Is-Mobile-Viewer': 'false',
      'CloudFront-Is-SmartTV-Viewer': 'false',
      'CloudFront-Is-Tablet-Viewer': 'false',
      'CloudFront-Viewer-Country': 'US',
      'X-Forwarded-Proto': 'http',
      'X-Forwarded-For': '127.0.0.1',
    });
    expect(event.headers.Via).toMatch(/^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
    expect(event.headers['X-Amz-Cf-Id']).toMatch(/^[A-Za-z0-9_-]{54}==$/);
    expect(event.headers['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.headers['X-Forwarded-Port']).toBe(String(env.emulator.port));
  });

  it('carries none of them for a REGIONAL API', async () => {
    const apiId = await echoApi(['REGIONAL']);
    const event = await eventAt(apiId);
    expect(event.requestContext.domainPrefix).toBe(apiId);
    expect(Object.keys(event.headers).filter((h) => h.startsWith('CloudFront-') || h === 'Via' || h === 'X-Amz-Cf-Id')).toEqual([]);
    expect(event.headers['X-Amzn-Trace-Id']).toMatch(/^Root=1-/);
  });
});
