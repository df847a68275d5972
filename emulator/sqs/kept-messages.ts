import type { SqsRuntime } from './runtime';
import type { Queue, SqsMessage } from './store';

/**
 * With a state folder (`--state-dir`), every message is kept as it changes: sent, received (its
 * visibility, receive count and receipt handles), made visible again, deleted, purged or dropped
 * at the end of its retention period. At start, once the queues are back, each message returns to
 * its queue as it was: a message in flight stays invisible until its visibility timeout ends, and
 * its receipt handles still delete it.
 */

const keyOf = (queue: Queue, message: SqsMessage) => `${queue.arn} ${message.messageId}`;

export function keepMessage(rt: SqsRuntime, queue: Queue, message: SqsMessage): void {
  rt.records?.put(keyOf(queue, message), message);
}

export function forgetMessages(rt: SqsRuntime, queue: Queue, messages: Iterable<SqsMessage>): void {
  if (!rt.records) return;
  for (const message of messages) rt.records.delete(keyOf(queue, message));
}

/** Puts the kept messages back in their queues, in the order they were sent. */
export async function restoreMessages(rt: SqsRuntime): Promise<void> {
  const records = rt.records;
  if (!records) return;
  const kept = await records.all<SqsMessage>();
  kept.sort(([, a], [, b]) => a.sentAt - b.sentAt);
  for (const [key, message] of kept) {
    const [, , , region, accountId, name] = key.split(' ')[0]!.split(':');
    const queue = rt.store.get(accountId!, region!).queues.get(name!);
    // The queue was deleted after the message was kept: nothing holds it any more.
    if (!queue) {
      records.delete(key);
      continue;
    }
    queue.messages.push(message);
  }
}
