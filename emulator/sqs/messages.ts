import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { RequestContext } from '../core/request-context';
import { integer, list, map, required, string, type InputOf } from '../protocol/validation';
import { invalidParameterValue, receiptHandleIsInvalid, SqsError } from './errors';
import { attributeSeconds } from './queues';
import { forgetMessages, keepMessage } from './kept-messages';
import { queueFromUrl, type SqsRuntime } from './runtime';
import type { MessageAttributeValue, Queue, SqsMessage } from './store';

const MAX_MESSAGES_PER_RECEIVE = 10;

export const SendMessageInput = {
  QueueUrl: required(string()),
  MessageBody: required(string()),
  DelaySeconds: integer({ min: 0, max: 900 }),
  MessageAttributes: map(),
  MessageSystemAttributes: map(),
  MessageDeduplicationId: string(),
  MessageGroupId: string(),
};
export const ReceiveMessageInput = {
  QueueUrl: required(string()),
  AttributeNames: list(string()),
  MessageSystemAttributeNames: list(string()),
  MessageAttributeNames: list(string()),
  MaxNumberOfMessages: integer(),
  VisibilityTimeout: integer(),
  WaitTimeSeconds: integer(),
  ReceiveRequestAttemptId: string(),
};
export const DeleteMessageInput = { QueueUrl: required(string()), ReceiptHandle: required(string()) };
export const ChangeMessageVisibilityInput = { QueueUrl: required(string()), ReceiptHandle: required(string()), VisibilityTimeout: required(integer()) };

export async function sendMessage(rt: SqsRuntime, input: InputOf<typeof SendMessageInput>, ctx: RequestContext) {
  const queue = queueFromUrl(rt, input.QueueUrl, ctx);
  const attributes = (input.MessageAttributes ?? {}) as unknown as Record<string, MessageAttributeValue>;
  const message = enqueue(rt, queue, input.MessageBody, attributes, input.DelaySeconds, ctx.accountId);
  // With a state folder, a message answered with its MessageId is on disk: a kill does not lose it.
  await rt.records?.flush();
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: message.md5OfBody,
    ...(message.md5OfAttributes ? { MD5OfMessageAttributes: message.md5OfAttributes } : {}),
  };
}

/** Puts a message on a queue: what SendMessage does once its input is checked, and what EventBridge's dead-letter delivery calls. */
export function enqueue(rt: SqsRuntime, queue: Queue, body: string, attributes: Record<string, MessageAttributeValue> = {}, delaySeconds?: number, senderId = queue.accountId): SqsMessage {
  const max = attributeSeconds(queue, 'MaximumMessageSize');
  const size = Buffer.byteLength(body) + attributesSize(attributes);
  if (size > max) throw invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${max} bytes.`);
  if (body.length === 0) throw new SqsError('MissingRequiredParameterException', 'MissingParameter;Sender', 'The request must contain the parameter MessageBody.');
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(body)) {
    throw invalidParameterValue('Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF');
  }
  for (const [name, value] of Object.entries(attributes)) checkAttribute(name, value);
  const now = Date.now();
  const message: SqsMessage = {
    messageId: randomUUID(),
    body,
    md5OfBody: md5(Buffer.from(body, 'utf8')),
    attributes,
    ...(Object.keys(attributes).length > 0 ? { md5OfAttributes: md5OfMessageAttributes(attributes) } : {}),
    sentAt: now,
    senderId,
    visibleAt: now + (delaySeconds ?? attributeSeconds(queue, 'DelaySeconds')) * 1000,
    receiveCount: 0,
    receiptHandles: new Set(),
  };
  queue.messages.push(message);
  keepMessage(rt, queue, message);
  for (const wake of queue.waiters) wake();
  return message;
}

export async function receiveMessage(rt: SqsRuntime, input: InputOf<typeof ReceiveMessageInput>, ctx: RequestContext) {
  const queue = queueFromUrl(rt, input.QueueUrl, ctx);
  const max = input.MaxNumberOfMessages ?? 1;
  if (max < 1 || max > MAX_MESSAGES_PER_RECEIVE) {
    throw invalidParameterValue(`Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`);
  }
  const waitSeconds = input.WaitTimeSeconds ?? attributeSeconds(queue, 'ReceiveMessageWaitTimeSeconds');
  if (waitSeconds < 0 || waitSeconds > 20) {
    throw invalidParameterValue(`Value ${waitSeconds} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`);
  }
  const visibility = input.VisibilityTimeout ?? attributeSeconds(queue, 'VisibilityTimeout');
  if (visibility < 0 || visibility > 43200) throw invalidParameterValue(`Value ${visibility} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.`);

  let taken = take(rt, queue, max, visibility);
  const deadline = Date.now() + waitSeconds * 1000;
  // Long polling: wait for a message to arrive (or become visible), at most WaitTimeSeconds.
  while (taken.length === 0 && Date.now() < deadline && rt.store.get(queue.accountId, queue.region).queues.get(queue.name) === queue) {
    await nextChange(rt, queue, Math.min(deadline, nextVisibleAt(queue)) - Date.now());
    taken = take(rt, queue, max, visibility);
  }
  if (taken.length === 0) return {};
  const systemNames = [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])];
  const attributeNames = input.MessageAttributeNames ?? [];
  return { Messages: taken.map(({ message, handle }) => asReceived(message, handle, systemNames, attributeNames)) };
}

export function deleteMessage(rt: SqsRuntime, input: InputOf<typeof DeleteMessageInput>, ctx: RequestContext) {
  const queue = queueFromUrl(rt, input.QueueUrl, ctx);
  const index = indexOfHandle(queue, input.ReceiptHandle);
  // A well-formed handle of a message already deleted succeeds, as on AWS.
  if (index >= 0) forgetMessages(rt, queue, queue.messages.splice(index, 1));
  return {};
}

export function changeMessageVisibility(rt: SqsRuntime, input: InputOf<typeof ChangeMessageVisibilityInput>, ctx: RequestContext) {
  const queue = queueFromUrl(rt, input.QueueUrl, ctx);
  const index = indexOfHandle(queue, input.ReceiptHandle);
  const message = queue.messages[index];
  if (!message || message.visibleAt <= Date.now()) {
    throw new SqsError('MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight;Sender', 'Message does not exist or is not available for visibility timeout change.');
  }
  if (input.VisibilityTimeout < 0 || input.VisibilityTimeout > 43200) throw invalidParameterValue(`Value ${input.VisibilityTimeout} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.`);
  message.visibleAt = Date.now() + input.VisibilityTimeout * 1000;
  keepMessage(rt, queue, message);
  if (input.VisibilityTimeout === 0) for (const wake of queue.waiters) wake();
  return {};
}

function take(rt: SqsRuntime, queue: Queue, max: number, visibilitySeconds: number): Array<{ message: SqsMessage; handle: string }> {
  const now = Date.now();
  const retentionMs = attributeSeconds(queue, 'MessageRetentionPeriod') * 1000;
  const expired = queue.messages.filter((m) => now - m.sentAt >= retentionMs);
  if (expired.length > 0) {
    queue.messages = queue.messages.filter((m) => now - m.sentAt < retentionMs);
    forgetMessages(rt, queue, expired);
  }
  const out: Array<{ message: SqsMessage; handle: string }> = [];
  for (const message of queue.messages) {
    if (out.length >= max) break;
    if (message.visibleAt > now) continue;
    message.visibleAt = now + visibilitySeconds * 1000;
    message.receiveCount++;
    message.firstReceivedAt ??= now;
    const handle = receiptHandle(queue, message);
    message.receiptHandles.add(handle);
    keepMessage(rt, queue, message);
    out.push({ message, handle });
  }
  return out;
}

function nextVisibleAt(queue: Queue): number {
  let next = Infinity;
  for (const m of queue.messages) if (m.visibleAt < next) next = m.visibleAt;
  return next;
}

/** Resolves when a message is sent to the queue, the queue goes, the emulator stops, or after `ms`. */
function nextChange(rt: SqsRuntime, queue: Queue, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const signal = rt.stopping.signal;
    const done = () => {
      clearTimeout(timer);
      queue.waiters.delete(done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    if (signal.aborted) return done();
    queue.waiters.add(done);
    signal.addEventListener('abort', done, { once: true });
  });
}

function asReceived(message: SqsMessage, handle: string, systemNames: string[], attributeNames: string[]) {
  const all = systemNames.includes('All');
  const system: Record<string, string> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
  };
  const Attributes = Object.fromEntries(Object.entries(system).filter(([k]) => all || systemNames.includes(k)));
  const wanted = Object.entries(message.attributes).filter(([name]) => attributeNames.some((n) => n === 'All' || n === '.*' || n === name || (n.endsWith('.*') && name.startsWith(n.slice(0, -1)))));
  const MessageAttributes = Object.fromEntries(wanted);
  return {
    MessageId: message.messageId,
    ReceiptHandle: handle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(Attributes).length > 0 ? { Attributes } : {}),
    ...(wanted.length > 0 ? { MD5OfMessageAttributes: md5OfMessageAttributes(MessageAttributes), MessageAttributes } : {}),
  };
}

function receiptHandle(queue: Queue, message: SqsMessage): string {
  return Buffer.from(`${queue.arn} ${message.messageId} ${randomBytes(12).toString('hex')}`).toString('base64');
}

function indexOfHandle(queue: Queue, handle: string): number {
  const decoded = Buffer.from(handle, 'base64').toString('utf8').split(' ');
  if (decoded.length !== 3 || decoded[0] !== queue.arn) throw receiptHandleIsInvalid(handle);
  return queue.messages.findIndex((m) => m.messageId === decoded[1] && m.receiptHandles.has(handle));
}

function checkAttribute(name: string, value: MessageAttributeValue): void {
  const type = value?.DataType;
  if (typeof type !== 'string' || !/^(String|Number|Binary)(\..+)?$/.test(type)) {
    throw invalidParameterValue(`The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
  }
  const isBinary = type.startsWith('Binary');
  if (isBinary ? value.BinaryValue === undefined : value.StringValue === undefined) {
    throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type.split('.')[0]}'.`);
  }
}

function attributesSize(attributes: Record<string, MessageAttributeValue>): number {
  let size = 0;
  for (const [name, v] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(v?.DataType ?? '') + (v?.BinaryValue !== undefined ? Buffer.from(v.BinaryValue, 'base64').length : Buffer.byteLength(v?.StringValue ?? ''));
  }
  return size;
}

function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

/**
 * SQS's digest of message attributes: for each attribute in name order, the name, the data type
 * and the value, each prefixed by its 4-byte big-endian length, with a transport byte (1 string,
 * 2 binary) before the value. The SDK checks it on SendMessage and ReceiveMessage.
 */
export function md5OfMessageAttributes(attributes: Record<string, MessageAttributeValue>): string {
  const parts: Buffer[] = [];
  const lengthPrefixed = (bytes: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    parts.push(len, bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name]!;
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(value.DataType, 'utf8'));
    if (value.BinaryValue !== undefined) {
      parts.push(Buffer.from([2]));
      lengthPrefixed(Buffer.from(value.BinaryValue, 'base64'));
    } else {
      parts.push(Buffer.from([1]));
      lengthPrefixed(Buffer.from(value.StringValue ?? '', 'utf8'));
    }
  }
  return md5(Buffer.concat(parts));
}
