import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { op, type OperationTable } from './operations';
import { compileUri, RestRouter } from './rest-json';
import { integer, list, required, string } from './validation';

const none = () => ({});

// Routes in the shape Lambda's and API Gateway's models give them.
const table: OperationTable<unknown> = {
  CreateFunction: op({ FunctionName: required(string()) }, none, { http: { method: 'POST', uri: '/2015-03-31/functions', status: 201 } }),
  GetFunction: op({ FunctionName: required(string()), Qualifier: string() }, none, { http: { method: 'GET', uri: '/2015-03-31/functions/{FunctionName}', query: { Qualifier: 'Qualifier' } } }),
  ListFunctions: op({ Marker: string(), MaxItems: integer() }, none, { http: { method: 'GET', uri: '/2015-03-31/functions', query: { Marker: 'Marker', MaxItems: 'MaxItems' } } }),
  Invoke: op({ FunctionName: required(string()), InvocationType: string(), Payload: string() }, none, {
    http: { method: 'POST', uri: '/2015-03-31/functions/{FunctionName}/invocations', headers: { InvocationType: 'X-Amz-Invocation-Type' }, payload: 'Payload' },
  }),
  RemovePermission: op({ FunctionName: required(string()), StatementId: required(string()) }, none, { http: { method: 'DELETE', uri: '/2015-03-31/functions/{FunctionName}/policy/{StatementId}', status: 204 } }),
  GetStages: op({ restApiId: required(string()), deploymentId: string() }, none, { http: { method: 'GET', uri: '/restapis/{restApiId}/stages', query: { deploymentId: 'deploymentId' } } }),
  GetResources: op({ restApiId: required(string()), embed: list(string()) }, none, { http: { method: 'GET', uri: '/restapis/{restApiId}/resources', query: { embed: { name: 'embed', list: true } } } }),
  GetObject: op({ Bucket: required(string()), Key: required(string()) }, none, { http: { method: 'GET', uri: '/{Bucket}/{Key+}' } }),
};

function request(method: string, path: string, body = '', headers: Record<string, string> = {}) {
  const req = Readable.from(body ? [Buffer.from(body)] : []) as unknown as IncomingMessage;
  Object.assign(req, { method, headers });
  return { req, url: new URL(path, 'http://localhost') };
}

describe('REST-JSON bindings', () => {
  const router = new RestRouter(table);

  it.each([
    ['POST', '/2015-03-31/functions', '{"FunctionName":"f"}', {}, 'CreateFunction', { FunctionName: 'f' }, 201],
    ['GET', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af?Qualifier=%24LATEST', '', {}, 'GetFunction', { FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:f', Qualifier: '$LATEST' }, 200],
    ['GET', '/2015-03-31/functions/?MaxItems=5&Marker=abc', '', {}, 'ListFunctions', { MaxItems: 5, Marker: 'abc' }, 200],
    ['DELETE', '/2015-03-31/functions/f/policy/s1', '', {}, 'RemovePermission', { FunctionName: 'f', StatementId: 's1' }, 204],
    ['GET', '/restapis/a1b2/stages?deploymentId=d1', '', {}, 'GetStages', { restApiId: 'a1b2', deploymentId: 'd1' }, 200],
    ['GET', '/restapis/a1b2/resources?embed=methods&embed=x', '', {}, 'GetResources', { restApiId: 'a1b2', embed: ['methods', 'x'] }, 200],
    ['GET', '/bucket/a/b/c.txt', '', {}, 'GetObject', { Bucket: 'bucket', Key: 'a/b/c.txt' }, 200],
  ])('%s %s -> %s', async (method, path, body, headers, operation, input, status) => {
    const { req, url } = request(method, path, body, headers);
    expect(await router.match(req, url)).toEqual({ operation, input, status });
  });

  it('binds headers and a raw payload', async () => {
    const { req, url } = request('POST', '/2015-03-31/functions/f/invocations', '{"a":1}', { 'x-amz-invocation-type': 'Event' });
    const matched = await router.match(req, url);
    expect(matched?.operation).toBe('Invoke');
    expect(matched?.input).toMatchObject({ FunctionName: 'f', InvocationType: 'Event' });
    expect(String(matched?.input.Payload)).toBe('{"a":1}');
  });

  it('renames body members whose JSON name differs, before the labels bind', async () => {
    const putIntegration: OperationTable<unknown> = {
      PutIntegration: op({ httpMethod: required(string()), integrationHttpMethod: string() }, none, {
        http: { method: 'PUT', uri: '/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration', jsonNames: { integrationHttpMethod: 'httpMethod' } },
      }),
    };
    const { req, url } = request('PUT', '/restapis/a/resources/r/methods/GET/integration', '{"httpMethod":"POST","type":"AWS_PROXY"}');
    expect((await new RestRouter(putIntegration).match(req, url))?.input).toEqual({ restApiId: 'a', resourceId: 'r', httpMethod: 'GET', integrationHttpMethod: 'POST', type: 'AWS_PROXY' });
  });

  it('leaves requests no binding matches to the next service', async () => {
    const { req, url } = request('PATCH', '/2015-03-31/functions/f');
    expect(await router.match(req, url)).toBeUndefined();
  });

  it('compiles a template to one group per label', () => {
    expect(compileUri('/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}').labels).toEqual(['restApiId', 'resourceId', 'httpMethod']);
  });
});
