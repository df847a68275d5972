import { CreateLogGroupCommand, DeleteLogGroupCommand, DeleteRetentionPolicyCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { ProviderContext, ResourceProvider, ResourceState } from './provider';
import { changedProperties, ignoreNotFound, num, str, tagMap, UnsupportedChange } from './support';

async function state(name: string, ctx: ProviderContext): Promise<ResourceState> {
  const found = await ctx.clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  const group = found.logGroups?.find((g) => g.logGroupName === name);
  if (!group) throw new Error(`log group ${name} is not there after CreateLogGroup`);
  // The attribute is the ARN with its `:*` suffix, as DescribeLogGroups gives it.
  return { physicalId: name, attributes: { Arn: group.arn } };
}

async function applyRetention(name: string, days: unknown, ctx: ProviderContext): Promise<void> {
  if (days === undefined) await ctx.clients.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: name }));
  else await ctx.clients.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: num(days) }));
}

/** AWS::Logs::LogGroup. Ref: the name; attribute Arn. */
export const logGroup: ResourceProvider = {
  properties: { LogGroupName: 'replace', RetentionInDays: 'update', KmsKeyId: 'update', Tags: 'update', LogGroupClass: 'replace' },
  nameProperty: 'LogGroupName',
  async create(p, ctx) {
    const name = str(p.LogGroupName) ?? ctx.generateName(512);
    await ctx.clients.logs.send(new CreateLogGroupCommand({ logGroupName: name, kmsKeyId: str(p.KmsKeyId), tags: tagMap(p.Tags), logGroupClass: str(p.LogGroupClass) as never }));
    if (p.RetentionInDays !== undefined) await applyRetention(name, p.RetentionInDays, ctx);
    return state(name, ctx);
  },
  async update(previous, p, ctx) {
    const changed = changedProperties(previous.properties, p);
    const unsupported = changed.filter((c) => c !== 'RetentionInDays');
    if (unsupported.length > 0) throw new UnsupportedChange('AWS::Logs::LogGroup', unsupported);
    await applyRetention(previous.physicalId, p.RetentionInDays, ctx);
    return state(previous.physicalId, ctx);
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.logs.send(new DeleteLogGroupCommand({ logGroupName: resource.physicalId })));
  },
};
