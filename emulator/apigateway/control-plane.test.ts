import {
  BadRequestException,
  ConflictException,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteMethodCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetAccountCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourceCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateAccountCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../testing/emulator-fixture';

const env = useEmulator();

async function newApi(name = 'orders') {
  const api = await env.apigateway.send(new CreateRestApiCommand({ name }));
  return { apiId: api.id!, rootId: api.rootResourceId! };
}

/** A GET method with a MOCK integration on the resource: the smallest deployable API. */
async function mockMethod(apiId: string, resourceId: string, httpMethod = 'GET') {
  await env.apigateway.send(new PutMethodCommand({ restApiId: apiId, resourceId, httpMethod, authorizationType: 'NONE' }));
  await env.apigateway.send(
    new PutIntegrationCommand({ restApiId: apiId, resourceId, httpMethod, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }),
  );
}

describe('REST APIs', () => {
  it('creates an API with a ten-character id and its root resource, and reads it back', async () => {
    const created = await env.apigateway.send(new CreateRestApiCommand({ name: 'OrderProducer', description: 'orders in', tags: { team: 'fulfilment' } }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.id).toMatch(/^[a-z0-9]{10}$/);
    expect(created).toMatchObject({
      name: 'OrderProducer',
      description: 'orders in',
      apiKeySource: 'HEADER',
      disableExecuteApiEndpoint: false,
      endpointConfiguration: { types: ['EDGE'], ipAddressType: 'ipv4' },
      tags: { team: 'fulfilment' },
    });
    expect(created.createdDate).toBeInstanceOf(Date);

    const got = await env.apigateway.send(new GetRestApiCommand({ restApiId: created.id }));
    expect(got.rootResourceId).toBe(created.rootResourceId);
    const resources = await env.apigateway.send(new GetResourcesCommand({ restApiId: created.id }));
    expect(resources.items).toEqual([{ id: created.rootResourceId, path: '/' }]);
  });

  it('pages GetRestApis with position and limit', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add((await newApi(`paged-${i}`)).apiId);
    const seen: string[] = [];
    let position: string | undefined;
    do {
      const page = await env.apigateway.send(new GetRestApisCommand({ limit: 2, position }));
      expect(page.items!.length).toBeLessThanOrEqual(2);
      seen.push(...page.items!.map((a) => a.id!));
      position = page.position;
    } while (position);
    for (const id of ids) expect(seen).toContain(id);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers an unknown API with NotFoundException naming the account and id', async () => {
    const err = await env.apigateway.send(new GetRestApiCommand({ restApiId: 'nosuchapi0' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundException);
    expect((err as NotFoundException).message).toBe('Invalid API identifier specified 000000000000:nosuchapi0');
    expect((err as NotFoundException).$metadata.httpStatusCode).toBe(404);
  });

  it('refuses an empty description and several endpoint types with AWS messages', async () => {
    await expect(env.apigateway.send(new CreateRestApiCommand({ name: 'x', description: '' }))).rejects.toThrow('Description cannot be an empty string');
    await expect(env.apigateway.send(new CreateRestApiCommand({ name: 'x', endpointConfiguration: { types: ['EDGE', 'REGIONAL'] } }))).rejects.toThrow(
      'Cannot create an api with multiple Endpoint Types.',
    );
  });

  it('updates name and binary media types with patch operations, and refuses unknown paths', async () => {
    const { apiId } = await newApi();
    const updated = await env.apigateway.send(
      new UpdateRestApiCommand({
        restApiId: apiId,
        patchOperations: [
          { op: 'replace', path: '/name', value: 'renamed' },
          { op: 'add', path: '/binaryMediaTypes/image~1png' },
        ],
      }),
    );
    expect(updated).toMatchObject({ name: 'renamed', binaryMediaTypes: ['image/png'] });
    const err = await env.apigateway.send(new UpdateRestApiCommand({ restApiId: apiId, patchOperations: [{ op: 'replace', path: '/nope', value: 'x' }] })).catch((e) => e);
    expect(err).toBeInstanceOf(BadRequestException);
    expect(err.message).toBe('Invalid patch path /nope');
  });

  it('deletes an API; a second delete is NotFoundException', async () => {
    const { apiId } = await newApi();
    const deleted = await env.apigateway.send(new DeleteRestApiCommand({ restApiId: apiId }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    await expect(env.apigateway.send(new DeleteRestApiCommand({ restApiId: apiId }))).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('resources', () => {
  it('creates literal, {param} and {proxy+} resources with their paths', async () => {
    const { apiId, rootId } = await newApi();
    const orders = await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: 'orders' }));
    expect(orders).toMatchObject({ parentId: rootId, pathPart: 'orders', path: '/orders' });
    expect(orders.id).toMatch(/^[a-z0-9]{6}$/);
    const byId = await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: orders.id, pathPart: '{orderId}' }));
    expect(byId.path).toBe('/orders/{orderId}');
    const proxy = await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: '{proxy+}' }));
    expect(proxy.path).toBe('/{proxy+}');
    const got = await env.apigateway.send(new GetResourceCommand({ restApiId: apiId, resourceId: byId.id }));
    expect(got).toMatchObject({ id: byId.id, parentId: orders.id, path: '/orders/{orderId}' });
  });

  it('refuses a duplicate path part with ConflictException and a second variable sibling or a child of {proxy+}', async () => {
    const { apiId, rootId } = await newApi();
    await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: 'orders' }));
    const dup = await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: 'orders' })).catch((e) => e);
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup.message).toBe('Another resource with the same parent already has this name: orders');
    expect(dup.$metadata.httpStatusCode).toBe(409);

    const proxy = await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: '{proxy+}' }));
    await expect(env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: '{id}' }))).rejects.toThrow(
      'A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed',
    );
    await expect(env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: proxy.id, pathPart: 'x' }))).rejects.toThrow(
      'Cannot create a child of a resource with a greedy path variable: {proxy+}',
    );
  });

  it('answers an unknown parent with Invalid Resource identifier specified', async () => {
    const { apiId } = await newApi();
    const err = await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: 'nope00', pathPart: 'x' })).catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundException);
    expect(err.message).toBe('Invalid Resource identifier specified');
  });

  it('deletes a resource with everything below it', async () => {
    const { apiId, rootId } = await newApi();
    const a = await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: 'a' }));
    const b = await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: a.id, pathPart: 'b' }));
    await env.apigateway.send(new DeleteResourceCommand({ restApiId: apiId, resourceId: a.id }));
    const left = await env.apigateway.send(new GetResourcesCommand({ restApiId: apiId }));
    expect(left.items!.map((r) => r.id)).toEqual([rootId]);
    await expect(env.apigateway.send(new GetResourceCommand({ restApiId: apiId, resourceId: b.id }))).rejects.toThrow('Invalid Resource identifier specified');
  });
});

describe('methods and integrations', () => {
  it('puts a method, an AWS_PROXY integration and responses, and embeds them in GetResources', async () => {
    const { apiId, rootId } = await newApi();
    const method = await env.apigateway.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'POST', authorizationType: 'NONE' }));
    expect(method.$metadata.httpStatusCode).toBe(201);
    expect(method).toMatchObject({ httpMethod: 'POST', authorizationType: 'NONE', apiKeyRequired: false });
    const uri = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:ProduceOrder/invocations';
    const integration = await env.apigateway.send(
      new PutIntegrationCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'POST', type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri }),
    );
    expect(integration).toMatchObject({
      type: 'AWS_PROXY',
      httpMethod: 'POST',
      uri,
      passthroughBehavior: 'WHEN_NO_MATCH',
      timeoutInMillis: 29000,
      cacheNamespace: rootId,
      cacheKeyParameters: [],
    });
    await env.apigateway.send(new PutMethodResponseCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'POST', statusCode: '200' }));
    await env.apigateway.send(new PutIntegrationResponseCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'POST', statusCode: '200', selectionPattern: '' }));

    const got = await env.apigateway.send(new GetMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'POST' }));
    expect(got.methodResponses).toEqual({ '200': { statusCode: '200' } });
    expect(got.methodIntegration).toMatchObject({ type: 'AWS_PROXY', integrationResponses: { '200': { statusCode: '200', selectionPattern: '' } } });

    const plain = await env.apigateway.send(new GetResourcesCommand({ restApiId: apiId }));
    expect(plain.items![0]!.resourceMethods).toEqual({ POST: {} });
    const embedded = await env.apigateway.send(new GetResourcesCommand({ restApiId: apiId, embed: ['methods'] }));
    expect(embedded.items![0]!.resourceMethods!.POST!.methodIntegration!.uri).toBe(uri);
  });

  it('answers the errors AWS gives for methods and integrations', async () => {
    const { apiId, rootId } = await newApi();
    await expect(env.apigateway.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'FETCH', authorizationType: 'NONE' }))).rejects.toThrow(
      'Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY',
    );
    await expect(env.apigateway.send(new PutMethodCommand({ restApiId: 'nosuchapi0', resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE' }))).rejects.toThrow(
      'Invalid Resource identifier specified',
    );
    await expect(env.apigateway.send(new GetMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET' }))).rejects.toThrow('Invalid Method identifier specified');
    await env.apigateway.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE' }));
    const again = await env.apigateway.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE' })).catch((e) => e);
    expect(again).toBeInstanceOf(ConflictException);
    expect(again.message).toBe('Method already exists for this resource');
    await expect(env.apigateway.send(new GetIntegrationCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET' }))).rejects.toThrow(
      'Invalid Integration identifier specified',
    );
    await expect(
      env.apigateway.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET', type: 'AWS_PROXY', uri: 'arn:aws:apigateway:us-east-1:lambda:path/x' })),
    ).rejects.toThrow('Enumeration value for HttpMethod must be non-empty');
    await expect(
      env.apigateway.send(
        new PutIntegrationCommand({
          restApiId: apiId,
          resourceId: rootId,
          httpMethod: 'GET',
          type: 'AWS_PROXY',
          integrationHttpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:s3:path/bucket/key',
        }),
      ),
    ).rejects.toThrow("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
    const badType = await env.apigateway
      .send(new PutIntegrationCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET', type: 'HTTPS_PROXY' as never }))
      .catch((e) => e);
    expect(badType.name).toBe('ValidationException');
    expect(badType.message).toBe(
      "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
    );
    const del = await env.apigateway.send(new DeleteMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET' }));
    expect(del.$metadata.httpStatusCode).toBe(204);
  });
});

describe('deployments and stages', () => {
  it('refuses to deploy an API without methods or with a method lacking an integration', async () => {
    const { apiId, rootId } = await newApi();
    await expect(env.apigateway.send(new CreateDeploymentCommand({ restApiId: apiId }))).rejects.toThrow("The REST API doesn't contain any methods");
    await env.apigateway.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE' }));
    const err = await env.apigateway.send(new CreateDeploymentCommand({ restApiId: apiId })).catch((e) => e);
    expect(err).toBeInstanceOf(BadRequestException);
    expect(err.message).toBe('No integration defined for method');
  });

  it('deploys with a stage name, lists deployments and stages, and updates stage variables', async () => {
    const { apiId, rootId } = await newApi();
    await mockMethod(apiId, rootId);
    const deployment = await env.apigateway.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev', variables: { fn: 'ProduceOrder' } }));
    expect(deployment.$metadata.httpStatusCode).toBe(201);
    expect(deployment.id).toMatch(/^[a-z0-9]{6}$/);
    const deployments = await env.apigateway.send(new GetDeploymentsCommand({ restApiId: apiId }));
    expect(deployments.items!.map((d) => d.id)).toEqual([deployment.id]);

    const stage = await env.apigateway.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' }));
    expect(stage).toMatchObject({
      stageName: 'dev',
      deploymentId: deployment.id,
      variables: { fn: 'ProduceOrder' },
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      tracingEnabled: false,
      methodSettings: {},
    });
    const updated = await env.apigateway.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'dev',
        patchOperations: [
          { op: 'replace', path: '/variables/color', value: 'blue' },
          { op: 'remove', path: '/variables/fn' },
          { op: 'replace', path: '/description', value: 'development' },
        ],
      }),
    );
    expect(updated).toMatchObject({ variables: { color: 'blue' }, description: 'development' });
    await expect(
      env.apigateway.send(new UpdateStageCommand({ restApiId: apiId, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'nope00' }] })),
    ).rejects.toThrow('Deployment id does not exist');

    const second = await env.apigateway.send(new CreateStageCommand({ restApiId: apiId, stageName: 'prod', deploymentId: deployment.id }));
    expect(second.$metadata.httpStatusCode).toBe(201);
    const stages = await env.apigateway.send(new GetStagesCommand({ restApiId: apiId }));
    expect(stages.item!.map((s) => s.stageName).sort()).toEqual(['dev', 'prod']);
    const dup = await env.apigateway.send(new CreateStageCommand({ restApiId: apiId, stageName: 'prod', deploymentId: deployment.id })).catch((e) => e);
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup.message).toBe('Stage already exists');

    await env.apigateway.send(new DeleteStageCommand({ restApiId: apiId, stageName: 'prod' }));
    await expect(env.apigateway.send(new GetStageCommand({ restApiId: apiId, stageName: 'prod' }))).rejects.toThrow('Invalid Stage identifier specified');
  });

  it('refuses a patch op outside the enumeration with a ValidationException', async () => {
    const { apiId, rootId } = await newApi();
    await mockMethod(apiId, rootId);
    await env.apigateway.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev' }));
    const err = await env.apigateway
      .send(new UpdateStageCommand({ restApiId: apiId, stageName: 'dev', patchOperations: [{ op: 'wrong' as never, path: '/description', value: 'x' }] }))
      .catch((e) => e);
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(
      "1 validation error detected: Value 'wrong' at 'updateStageInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
    );
  });
});

describe('account', () => {
  it('reads the account defaults and sets the CloudWatch role', async () => {
    const account = await env.apigateway.send(new GetAccountCommand({}));
    expect(account.throttleSettings).toEqual({ burstLimit: 5000, rateLimit: 10000 });
    const role = 'arn:aws:iam::000000000000:role/apigw-cloudwatch';
    const updated = await env.apigateway.send(new UpdateAccountCommand({ patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: role }] }));
    expect(updated.cloudwatchRoleArn).toBe(role);
    expect((await env.apigateway.send(new GetAccountCommand({}))).cloudwatchRoleArn).toBe(role);
  });
});

describe('typed internal API', () => {
  it('creates what the wire API then reads, with the same errors', async () => {
    const cp = env.emulator.hub.apigateway.controlPlane;
    const ctx = { accountId: '000000000000', region: 'us-east-1', requestId: 'internal' };
    const api = cp.createRestApi(ctx, { name: 'from-deployer' });
    const res = cp.createResource(ctx, { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'orders' });
    const got = await env.apigateway.send(new GetResourceCommand({ restApiId: api.id, resourceId: res.id }));
    expect(got.path).toBe('/orders');
    expect(() => cp.getRestApi(ctx, { restApiId: 'missing000' })).toThrow('Invalid API identifier specified 000000000000:missing000');
  });
});
