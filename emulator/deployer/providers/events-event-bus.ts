import { CreateEventBusCommand, DeleteEventBusCommand, DescribeEventBusCommand, PutPermissionCommand, RemovePermissionCommand, UpdateEventBusCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-eventbridge';
import type { ProviderContext, ResourceProvider, ResourceState } from './provider';
import { changedProperties, ignoreNotFound, str, type Props } from './support';

async function state(name: string, ctx: ProviderContext): Promise<ResourceState> {
  const bus = await ctx.clients.events.send(new DescribeEventBusCommand({ Name: name }));
  return { physicalId: name, attributes: { Arn: bus.Arn, Name: bus.Name ?? name, Policy: bus.Policy } };
}

async function putPolicy(name: string, policy: unknown, ctx: ProviderContext): Promise<void> {
  if (policy === undefined) return;
  await ctx.clients.events.send(new PutPermissionCommand({ EventBusName: name, Policy: typeof policy === 'string' ? policy : JSON.stringify(policy) }));
}

/** AWS::Events::EventBus. Ref: the bus name; attributes Arn, Name, Policy. */
export const eventBus: ResourceProvider = {
  properties: { Name: 'replace', EventSourceName: 'replace', Description: 'update', KmsKeyIdentifier: 'update', DeadLetterConfig: 'update', Policy: 'update', Tags: 'update', LogConfig: 'update' },
  required: ['Name'],
  nameProperty: 'Name',
  async create(p: Props, ctx) {
    const name = String(p.Name);
    await ctx.clients.events.send(
      new CreateEventBusCommand({
        Name: name,
        EventSourceName: str(p.EventSourceName),
        Description: str(p.Description),
        KmsKeyIdentifier: str(p.KmsKeyIdentifier),
        DeadLetterConfig: p.DeadLetterConfig as never,
        LogConfig: p.LogConfig as never,
        Tags: p.Tags as never,
      }),
    );
    await putPolicy(name, p.Policy, ctx);
    return state(name, ctx);
  },
  async update(previous, p, ctx) {
    const name = previous.physicalId;
    const changed = changedProperties(previous.properties, p);
    if (changed.some((c) => ['Description', 'KmsKeyIdentifier', 'DeadLetterConfig', 'LogConfig'].includes(c))) {
      await ctx.clients.events.send(
        new UpdateEventBusCommand({ Name: name, Description: str(p.Description), KmsKeyIdentifier: str(p.KmsKeyIdentifier), DeadLetterConfig: p.DeadLetterConfig as never, LogConfig: p.LogConfig as never }),
      );
    }
    if (changed.includes('Policy')) {
      if (p.Policy === undefined) await ctx.clients.events.send(new RemovePermissionCommand({ EventBusName: name, RemoveAllPermissions: true }));
      else await putPolicy(name, p.Policy, ctx);
    }
    if (changed.includes('Tags')) {
      const arn = String(previous.attributes?.Arn);
      const keep = new Set(((p.Tags as Array<{ Key: string }>) ?? []).map((t) => t.Key));
      const gone = ((previous.properties.Tags as Array<{ Key: string }>) ?? []).map((t) => t.Key).filter((k) => !keep.has(k));
      if (gone.length > 0) await ctx.clients.events.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: gone }));
      if (keep.size > 0) await ctx.clients.events.send(new TagResourceCommand({ ResourceARN: arn, Tags: p.Tags as never }));
    }
    return state(name, ctx);
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.events.send(new DeleteEventBusCommand({ Name: resource.physicalId })));
  },
};
