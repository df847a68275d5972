import { CreateApiDestinationCommand, DeleteApiDestinationCommand, UpdateApiDestinationCommand } from '@aws-sdk/client-eventbridge';
import type { ResourceProvider } from './provider';
import { ignoreNotFound, num, str, type Props } from './support';

function input(p: Props) {
  return {
    Description: str(p.Description),
    ConnectionArn: str(p.ConnectionArn),
    InvocationEndpoint: str(p.InvocationEndpoint),
    HttpMethod: str(p.HttpMethod) as never,
    InvocationRateLimitPerSecond: num(p.InvocationRateLimitPerSecond),
  };
}

/** AWS::Events::ApiDestination. Ref: the name; attribute Arn. */
export const eventsApiDestination: ResourceProvider = {
  properties: { Name: 'replace', Description: 'update', ConnectionArn: 'update', InvocationEndpoint: 'update', HttpMethod: 'update', InvocationRateLimitPerSecond: 'update' },
  required: ['ConnectionArn', 'InvocationEndpoint', 'HttpMethod'],
  nameProperty: 'Name',
  async create(p, ctx) {
    const name = str(p.Name) ?? ctx.generateName(64);
    const created = await ctx.clients.events.send(new CreateApiDestinationCommand({ Name: name, ...(input(p) as Required<ReturnType<typeof input>>) }));
    return { physicalId: name, attributes: { Arn: created.ApiDestinationArn, ArnForPolicy: created.ApiDestinationArn } };
  },
  async update(previous, p, ctx) {
    const updated = await ctx.clients.events.send(new UpdateApiDestinationCommand({ Name: previous.physicalId, ...input(p) }));
    return { physicalId: previous.physicalId, attributes: { Arn: updated.ApiDestinationArn ?? previous.attributes?.Arn, ArnForPolicy: updated.ApiDestinationArn ?? previous.attributes?.Arn } };
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.events.send(new DeleteApiDestinationCommand({ Name: resource.physicalId })));
  },
};
