import type { Hub } from '../core/hub';
import type { ServiceRecords } from '../persistence';
import type { RequestContext } from '../core/request-context';
import { queueDoesNotExist } from './errors';
import type { Queue, SqsStore } from './store';

export interface SqsRuntime {
  hub: Hub;
  store: SqsStore;
  /** Aborted when the emulator stops: long polls answer at once. */
  stopping: AbortController;
  /** With a state folder, where messages are kept (kept-messages.ts). */
  records?: ServiceRecords;
}

/** `http://host:port/{account}/{name}`, the path form LocalStack also answers. */
export function queueUrl(rt: SqsRuntime, queue: Queue): string {
  return `${rt.hub.endpoint}/${queue.accountId}/${queue.name}`;
}

/** The queue a QueueUrl names: its account from the path, its region the caller's. */
export function queueFromUrl(rt: SqsRuntime, url: string, ctx: RequestContext): Queue {
  const path = /^[a-z]+:\/\/[^/]+\/(\d{12})\/([^/?#]+)\/?$/.exec(url) ?? /^\/?(\d{12})\/([^/?#]+)$/.exec(url);
  if (!path) throw queueDoesNotExist();
  const queue = rt.store.get(path[1]!, ctx.region).queues.get(decodeURIComponent(path[2]!));
  if (!queue) throw queueDoesNotExist();
  return queue;
}

/** The queue an ARN names (EventBridge's dead-letter config, Lambda's DLQ). */
export function queueFromArn(rt: SqsRuntime, arn: string): Queue | undefined {
  const [, , service, region, accountId, name] = arn.split(':');
  if (service !== 'sqs' || !region || !accountId || !name) return undefined;
  return rt.store.get(accountId, region).queues.get(name);
}
