import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { ProviderContext, ResourceProvider, ResourceState } from './provider';
import { changedProperties, ignoreNotFound, str, tagMap, UnsupportedChange } from './support';

/** The queue attributes a template may set, as CloudFormation names them (the API's names). */
const ATTRIBUTES = ['DelaySeconds', 'MaximumMessageSize', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'VisibilityTimeout', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled'];

function attributesOf(p: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ATTRIBUTES) {
    const value = p[name];
    if (value !== undefined) out[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

async function state(url: string, ctx: ProviderContext): Promise<ResourceState> {
  const { Attributes } = await ctx.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = Attributes!.QueueArn!;
  return { physicalId: url, attributes: { Arn: arn, QueueName: arn.split(':').pop(), QueueUrl: url } };
}

/** AWS::SQS::Queue (standard queues). Ref: the queue URL; attributes Arn, QueueName, QueueUrl. */
export const sqsQueue: ResourceProvider = {
  properties: {
    QueueName: 'replace',
    FifoQueue: 'replace',
    Tags: 'update',
    ...Object.fromEntries(ATTRIBUTES.map((a) => [a, 'update' as const])),
  },
  nameProperty: 'QueueName',
  async create(p, ctx) {
    if (p.FifoQueue === true || p.FifoQueue === 'true') throw new Error('The embedded emulator has standard SQS queues only (FifoQueue)');
    const name = str(p.QueueName) ?? ctx.generateName(80);
    const { QueueUrl } = await ctx.clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributesOf(p), tags: tagMap(p.Tags) }));
    return state(QueueUrl!, ctx);
  },
  async update(previous, p, ctx) {
    const unsupported = changedProperties(previous.properties, p).filter((c) => !ATTRIBUTES.includes(c) && c !== 'Tags');
    if (unsupported.length > 0) throw new UnsupportedChange('AWS::SQS::Queue', unsupported);
    const attributes = attributesOf(p);
    if (Object.keys(attributes).length > 0) await ctx.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: previous.physicalId, Attributes: attributes }));
    return state(previous.physicalId, ctx);
  },
  async delete(resource, ctx) {
    await ignoreNotFound(async () => {
      const { QueueUrl } = await ctx.clients.sqs.send(new GetQueueUrlCommand({ QueueName: resource.physicalId.split('/').pop()! }));
      await ctx.clients.sqs.send(new DeleteQueueCommand({ QueueUrl }));
    }, QUEUE_GONE);
  },
};

/** SQS names a missing queue `QueueDoesNotExist` (the SDK's name for AWS.SimpleQueueService.NonExistentQueue). */
const QUEUE_GONE = ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'];

/** AWS::SQS::QueuePolicy: kept on the queue's Policy attribute; IAM is recorded, never enforced. */
export const sqsQueuePolicy: ResourceProvider = {
  properties: { PolicyDocument: 'update', Queues: 'update' },
  required: ['PolicyDocument', 'Queues'],
  async create(p, ctx) {
    await setPolicy(p, JSON.stringify(p.PolicyDocument), ctx);
    return { physicalId: `${ctx.stackName}-${ctx.logicalId}` };
  },
  async update(previous, p, ctx) {
    await setPolicy(p, JSON.stringify(p.PolicyDocument), ctx);
    return { physicalId: previous.physicalId };
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => setPolicy(resource.properties, '', ctx), QUEUE_GONE);
  },
};

async function setPolicy(p: Record<string, unknown>, policy: string, ctx: ProviderContext): Promise<void> {
  for (const url of (p.Queues as string[]) ?? []) {
    await ctx.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: policy } }));
  }
}
