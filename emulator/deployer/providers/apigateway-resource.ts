import { CreateResourceCommand, DeleteResourceCommand } from '@aws-sdk/client-api-gateway';
import type { ResourceProvider } from './provider';
import { ignoreNotFound } from './support';

/** AWS::ApiGateway::Resource: a path part under a parent. Ref: the resource id. */
export const apiResource: ResourceProvider = {
  properties: { RestApiId: 'replace', ParentId: 'replace', PathPart: 'replace' },
  required: ['RestApiId', 'ParentId', 'PathPart'],
  async create(p, ctx) {
    const restApiId = String(p.RestApiId);
    const created = await ctx.clients.apigateway.send(new CreateResourceCommand({ restApiId, parentId: String(p.ParentId), pathPart: String(p.PathPart) }));
    return { physicalId: created.id!, attributes: { ResourceId: created.id } };
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.apigateway.send(new DeleteResourceCommand({ restApiId: String(resource.properties.RestApiId), resourceId: resource.physicalId })));
  },
};
