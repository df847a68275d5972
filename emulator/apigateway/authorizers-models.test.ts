import {
  CreateAuthorizerCommand,
  CreateModelCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteAuthorizerCommand,
  DeleteModelCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetModelCommand,
  GetModelsCommand,
  GetResourcesCommand,
  PutMethodCommand,
  UpdateResourceCommand,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { errorOf, useEmulator } from '../testing/emulator-fixture';

// AWS's texts here are those of its recorded runs (LocalStack's AWS-validated API Gateway snapshots).
const env = useEmulator();

async function newApi() {
  const api = await env.apigateway.send(new CreateRestApiCommand({ name: 'shapes' }));
  return { apiId: api.id!, rootId: api.rootResourceId! };
}

async function failure(call: () => Promise<unknown>) {
  const err = (await errorOf(call)) as Error & { $metadata: { httpStatusCode?: number } };
  return { name: err.name, message: err.message, status: err.$metadata.httpStatusCode };
}

describe('UpdateResource', () => {
  it('renames and moves a resource, repathing what is below it, with AWS errors for the rest', async () => {
    const { apiId, rootId } = await newApi();
    const update = (resourceId: string, ...patchOperations: PatchOperation[]) => env.apigateway.send(new UpdateResourceCommand({ restApiId: apiId, resourceId, patchOperations }));
    const pets = await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: 'pets' }));
    const sub = await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: pets.id!, pathPart: 'subpets' }));
    const leaf = await env.apigateway.send(new CreateResourceCommand({ restApiId: apiId, parentId: sub.id!, pathPart: 'pets' }));

    expect(await failure(() => update('nosuch', { op: 'replace', path: '/pathPart', value: 'dogs' }))).toEqual({ name: 'NotFoundException', message: 'Invalid Resource identifier specified', status: 404 });
    expect(await failure(() => update(pets.id!, { op: 'replace', path: '/invalid', value: 'dogs' }))).toMatchObject({
      name: 'BadRequestException',
      message: "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]",
    });
    expect((await failure(() => update(pets.id!, { op: 'remove', path: '/pathPart' }))).message).toBe("Invalid patch path  '/pathPart' specified for op 'remove'. Please choose supported operations");
    expect((await failure(() => update(pets.id!, { op: 'replace', path: '/parentId', value: 'nosuch' }))).message).toBe('Invalid Resource identifier specified');
    expect(await failure(() => update(leaf.id!, { op: 'replace', path: '/parentId', value: rootId }))).toMatchObject({
      name: 'ConflictException',
      message: 'Another resource with the same parent already has this name: pets',
    });
    expect((await failure(() => update(pets.id!, { op: 'replace', path: '/parentId', value: sub.id! }))).message).toBe('Resources cannot be cyclical.');
    expect((await failure(() => update(rootId, { op: 'replace', path: '/pathPart', value: 'x' }))).message).toBe('Root resource cannot update its pathPart.');
    expect((await failure(() => update(rootId, { op: 'replace', path: '/parentId', value: rootId }))).message).toBe('Root resource cannot update its parentId.');

    const moved = await update(sub.id!, { op: 'replace', path: '/parentId', value: rootId });
    expect(moved).toMatchObject({ id: sub.id, parentId: rootId, path: '/subpets', pathPart: 'subpets' });
    const renamed = await update(sub.id!, { op: 'replace', path: '/pathPart', value: 'cats' });
    expect(renamed.path).toBe('/cats');
    const paths = (await env.apigateway.send(new GetResourcesCommand({ restApiId: apiId }))).items!.map((r) => r.path).sort();
    expect(paths).toEqual(['/', '/cats', '/cats/pets', '/pets']);
  });
});

describe('authorizers', () => {
  it('creates, reads, lists and deletes, and lets a CUSTOM method name one', async () => {
    const { apiId, rootId } = await newApi();
    const created = await env.apigateway.send(
      new CreateAuthorizerCommand({
        restApiId: apiId,
        name: 'token-auth',
        type: 'TOKEN',
        authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations',
        identitySource: 'method.request.header.Authorization',
        authorizerResultTtlInSeconds: 300,
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({ name: 'token-auth', type: 'TOKEN', identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 300 });
    expect(await env.apigateway.send(new GetAuthorizerCommand({ restApiId: apiId, authorizerId: created.id! }))).toMatchObject({ id: created.id, name: 'token-auth' });
    expect((await env.apigateway.send(new GetAuthorizersCommand({ restApiId: apiId }))).items?.map((a) => a.id)).toEqual([created.id]);

    const method = await env.apigateway.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId: created.id! }));
    expect(method).toMatchObject({ authorizationType: 'CUSTOM', authorizerId: created.id });

    expect((await env.apigateway.send(new DeleteAuthorizerCommand({ restApiId: apiId, authorizerId: created.id! }))).$metadata.httpStatusCode).toBe(202);
    expect(await failure(() => env.apigateway.send(new GetAuthorizerCommand({ restApiId: apiId, authorizerId: created.id! })))).toEqual({
      name: 'NotFoundException',
      message: 'Invalid Authorizer identifier specified',
      status: 404,
    });
  });

  it('answers an unknown API as AWS does', async () => {
    const create = await failure(() => env.apigateway.send(new CreateAuthorizerCommand({ restApiId: 'nosuchapi0', name: 'a', type: 'TOKEN' })));
    expect(create).toMatchObject({ name: 'ConflictException', message: 'Unable to complete operation due to concurrent modification. Please try again later.' });
    const list = await failure(() => env.apigateway.send(new GetAuthorizersCommand({ restApiId: 'nosuchapi0' })));
    expect(list).toMatchObject({ name: 'NotFoundException', message: 'Invalid API identifier specified 000000000000:nosuchapi0' });
  });
});

describe('models', () => {
  it('has the default Empty and Error models, creates, reads and deletes others, and guards used ones', async () => {
    const { apiId, rootId } = await newApi();
    const schema = JSON.stringify({ title: 'Order', type: 'object' });
    const created = await env.apigateway.send(new CreateModelCommand({ restApiId: apiId, name: 'Order', contentType: 'application/json', description: '', schema }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({ name: 'Order', contentType: 'application/json', schema });
    expect(created.description).toBeUndefined();
    const names = (await env.apigateway.send(new GetModelsCommand({ restApiId: apiId }))).items!.map((m) => m.name).sort();
    expect(names).toEqual(['Empty', 'Error', 'Order']);
    expect((await env.apigateway.send(new GetModelCommand({ restApiId: apiId, modelName: 'Order' }))).id).toBe(created.id);

    const again = await failure(() => env.apigateway.send(new CreateModelCommand({ restApiId: apiId, name: 'Order', contentType: 'application/json', schema })));
    expect(again).toMatchObject({ name: 'ConflictException', message: 'Model name already exists for this REST API' });
    expect((await failure(() => env.apigateway.send(new CreateModelCommand({ restApiId: apiId, name: '', contentType: 'application/json', schema })))).message).toBe('Model name must be non-empty');
    expect((await failure(() => env.apigateway.send(new CreateModelCommand({ restApiId: apiId, name: 'NoSchema', contentType: 'application/json' })))).message).toBe(
      'Model schema must have at least 1 property or array items defined',
    );

    const unknown = await failure(() =>
      env.apigateway.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'POST', authorizationType: 'NONE', requestModels: { 'application/json': 'petModel' } })),
    );
    expect(unknown).toEqual({ name: 'BadRequestException', message: 'Invalid model identifier specified: petModel', status: 400 });
    await env.apigateway.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'POST', authorizationType: 'NONE', requestModels: { 'application/json': 'Order' } }));
    expect(await failure(() => env.apigateway.send(new DeleteModelCommand({ restApiId: apiId, modelName: 'Order' })))).toMatchObject({
      name: 'ConflictException',
      message: "Cannot delete model 'Order', is referenced in method request: //POST",
    });

    expect((await env.apigateway.send(new DeleteModelCommand({ restApiId: apiId, modelName: 'Empty' }))).$metadata.httpStatusCode).toBe(202);
    expect(await failure(() => env.apigateway.send(new GetModelCommand({ restApiId: apiId, modelName: 'Empty' })))).toEqual({
      name: 'NotFoundException',
      message: 'Invalid model name specified: Empty',
      status: 404,
    });
    expect((await failure(() => env.apigateway.send(new GetModelCommand({ restApiId: 'nosuchapi0', modelName: 'Order' })))).message).toBe('Invalid model name specified: Order');
    expect((await failure(() => env.apigateway.send(new GetModelsCommand({ restApiId: 'nosuchapi0' })))).message).toBe('Invalid API identifier specified 000000000000:nosuchapi0');
  });
});
