import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  type APIGatewayClient,
} from '@aws-sdk/client-api-gateway';
import { request } from 'node:http';

/** What a test sees of an HTTP answer. */
export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/**
 * A plain HTTP request to the emulator with full control of the headers, `Host` included (fetch
 * will not send a chosen Host), so the `{apiId}.execute-api.localhost.localstack.cloud` form can
 * be reached on 127.0.0.1.
 */
export function httpRequest(
  endpoint: string,
  options: { method?: string; path: string; headers?: Record<string, string | string[]>; body?: string | Buffer },
): Promise<TestResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * A REST API with one Lambda proxy route (`POST /orders` by default), deployed to stage `dev`:
 * what the Orders stack's APIs look like, for tests and benchmarks. Returns the API id.
 */
export async function createLambdaProxyApi(
  apigw: APIGatewayClient,
  options: { name: string; functionArn: string; pathPart?: string; httpMethod?: string; region?: string },
): Promise<string> {
  const { name, functionArn, pathPart = 'orders', httpMethod = 'POST', region = 'us-east-1' } = options;
  const api = await apigw.send(new CreateRestApiCommand({ name }));
  const resource = await apigw.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart }));
  await apigw.send(new PutMethodCommand({ restApiId: api.id, resourceId: resource.id, httpMethod, authorizationType: 'NONE' }));
  await apigw.send(
    new PutIntegrationCommand({
      restApiId: api.id,
      resourceId: resource.id,
      httpMethod,
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
    }),
  );
  await apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'dev' }));
  return api.id!;
}
