import type { RequestContext } from '../core/request-context';
import { map, required, string, list, type InputOf } from '../protocol/validation';
import { invalidAttributeName, invalidParameterValue, queueDoesNotExist, SqsError } from './errors';
import { forgetMessages } from './kept-messages';
import { queueFromUrl, queueUrl, type SqsRuntime } from './runtime';
import type { Queue } from './store';

/** Settable attributes and their defaults (SQS raised the maximum message size to 1 MiB in 2025). */
const DEFAULTS: Record<string, string> = {
  DelaySeconds: '0',
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
};
const BOUNDS: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1048576],
  MessageRetentionPeriod: [60, 1209600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43200],
};
/** Kept and answered as given; the emulator does not act on them. */
const STORED = new Set(['Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled']);
const COMPUTED = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
];

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

export const CreateQueueInput = { QueueName: required(string()), Attributes: map(), tags: map() };
export const QueueUrlInput = { QueueUrl: required(string()) };
export const GetQueueUrlInput = { QueueName: required(string()), QueueOwnerAWSAccountId: string() };
export const ListQueuesInput = { QueueNamePrefix: string(), NextToken: string(), MaxResults: { type: 'integer' as const, min: 1, max: 1000 } };
export const GetQueueAttributesInput = { QueueUrl: required(string()), AttributeNames: list(string()) };
export const SetQueueAttributesInput = { QueueUrl: required(string()), Attributes: required(map()) };

export function createQueue(rt: SqsRuntime, input: InputOf<typeof CreateQueueInput>, ctx: RequestContext) {
  const name = input.QueueName;
  if (!QUEUE_NAME.test(name)) {
    throw invalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  }
  const attributes = checkedAttributes(input.Attributes ?? {});
  const state = rt.store.get(ctx.accountId, ctx.region);
  const existing = state.queues.get(name);
  if (existing) {
    // Creating an existing queue with the same attributes answers its URL; different ones fail.
    for (const [key, value] of Object.entries(attributes)) {
      if ((existing.attributes[key] ?? DEFAULTS[key]) !== value) {
        throw new SqsError('QueueNameExists', 'QueueAlreadyExists;Sender', `A queue already exists with the same name and a different value for attribute ${key}`);
      }
    }
    return { QueueUrl: queueUrl(rt, existing) };
  }
  const now = Math.floor(Date.now() / 1000);
  const queue: Queue = {
    name,
    arn: `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${name}`,
    accountId: ctx.accountId,
    region: ctx.region,
    createdAt: now,
    lastModifiedAt: now,
    attributes: { ...DEFAULTS, ...attributes },
    tags: { ...(input.tags ?? {}) },
    messages: [],
    waiters: new Set(),
  };
  state.queues.set(name, queue);
  return { QueueUrl: queueUrl(rt, queue) };
}

export function getQueueUrl(rt: SqsRuntime, input: InputOf<typeof GetQueueUrlInput>, ctx: RequestContext) {
  const queue = rt.store.get(input.QueueOwnerAWSAccountId ?? ctx.accountId, ctx.region).queues.get(input.QueueName);
  if (!queue) throw queueDoesNotExist();
  return { QueueUrl: queueUrl(rt, queue) };
}

export function deleteQueue(rt: SqsRuntime, input: InputOf<typeof QueueUrlInput>, ctx: RequestContext) {
  const queue = queueFromUrl(rt, input.QueueUrl, ctx);
  rt.store.get(queue.accountId, queue.region).queues.delete(queue.name);
  forgetMessages(rt, queue, queue.messages);
  for (const wake of queue.waiters) wake();
  return {};
}

export function listQueues(rt: SqsRuntime, input: InputOf<typeof ListQueuesInput>, ctx: RequestContext) {
  const names = [...rt.store.get(ctx.accountId, ctx.region).queues.values()]
    .filter((q) => q.name.startsWith(input.QueueNamePrefix ?? ''))
    .sort((a, b) => a.name.localeCompare(b.name));
  const start = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64').toString()) || 0 : 0;
  const limit = input.MaxResults ?? 1000;
  const page = names.slice(start, start + limit);
  return {
    QueueUrls: page.map((q) => queueUrl(rt, q)),
    ...(input.MaxResults !== undefined && start + limit < names.length ? { NextToken: Buffer.from(String(start + limit)).toString('base64') } : {}),
  };
}

export function purgeQueue(rt: SqsRuntime, input: InputOf<typeof QueueUrlInput>, ctx: RequestContext) {
  const queue = queueFromUrl(rt, input.QueueUrl, ctx);
  forgetMessages(rt, queue, queue.messages);
  queue.messages = [];
  return {};
}

export function getQueueAttributes(rt: SqsRuntime, input: InputOf<typeof GetQueueAttributesInput>, ctx: RequestContext) {
  const queue = queueFromUrl(rt, input.QueueUrl, ctx);
  const all = { ...queue.attributes, ...computedAttributes(queue) };
  const names = input.AttributeNames ?? [];
  if (names.length === 0) return {};
  if (names.includes('All')) return { Attributes: all };
  const out: Record<string, string> = {};
  for (const name of names) {
    if (!(name in DEFAULTS) && !STORED.has(name) && !COMPUTED.includes(name)) throw invalidAttributeName(name);
    if (all[name] !== undefined) out[name] = all[name]!;
  }
  return { Attributes: out };
}

export function setQueueAttributes(rt: SqsRuntime, input: InputOf<typeof SetQueueAttributesInput>, ctx: RequestContext) {
  const queue = queueFromUrl(rt, input.QueueUrl, ctx);
  Object.assign(queue.attributes, checkedAttributes(input.Attributes));
  queue.lastModifiedAt = Math.floor(Date.now() / 1000);
  return {};
}

export function attributeSeconds(queue: Queue, name: 'DelaySeconds' | 'VisibilityTimeout' | 'ReceiveMessageWaitTimeSeconds' | 'MessageRetentionPeriod' | 'MaximumMessageSize'): number {
  return Number(queue.attributes[name] ?? DEFAULTS[name]);
}

function checkedAttributes(given: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(given)) {
    const bounds = BOUNDS[name];
    if (bounds) {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < bounds[0] || n > bounds[1]) throw invalidParameterValue(`Invalid value for the parameter ${name}.`);
    } else if (!STORED.has(name)) {
      throw invalidAttributeName(name);
    }
  }
  return { ...given };
}

function computedAttributes(queue: Queue): Record<string, string> {
  const now = Date.now();
  let visible = 0;
  let inFlight = 0;
  let delayed = 0;
  for (const m of queue.messages) {
    if (m.visibleAt <= now) visible++;
    else if (m.receiveCount > 0) inFlight++;
    else delayed++;
  }
  return {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(visible),
    ApproximateNumberOfMessagesNotVisible: String(inFlight),
    ApproximateNumberOfMessagesDelayed: String(delayed),
    CreatedTimestamp: String(queue.createdAt),
    LastModifiedTimestamp: String(queue.lastModifiedAt),
  };
}
