import type { Hub, Service } from '../core/hub';
import { frontDoorLimit } from '../protocol/http';
import { jsonCeiling, jsonService } from '../protocol/json';
import { VALIDATION_EXCEPTION } from '../protocol/validation';
import { queueDoesNotExist } from './errors';
import { restoreMessages } from './kept-messages';
import { enqueue } from './messages';
import { sqsOperations } from './operations';
import { queueFromArn, type SqsRuntime } from './runtime';
import { createSqsStore, type MessageAttributeValue } from './store';

export interface SqsInternal extends Service {
  /**
   * Sends a message to the queue an ARN names (EventBridge's dead-letter queues). Throws
   * `QueueDoesNotExist` when there is no such queue.
   */
  sendToArn(queueArn: string, body: string, attributes?: Record<string, MessageAttributeValue>): { messageId: string };
}

declare module '../core/hub' {
  interface Hub {
    sqs: SqsInternal;
  }
}

/**
 * Amazon SQS, the slice dead-letter queues need, over AWS JSON 1.0 (`X-Amz-Target:
 * AmazonSQS.<Operation>`, as the SDK v3 sends it): queues and their attributes, and standard
 * queue messages with delays, visibility timeouts and long polling.
 */
export function createSqsService(hub: Hub): SqsInternal {
  const rt: SqsRuntime = { hub, store: createSqsStore(), stopping: new AbortController(), records: hub.persistence?.records('sqs') };
  hub.persistence?.onRestore(() => restoreMessages(rt));
  return {
    healthName: 'sqs',
    // A message (or a batch) holds at most 1 MiB.
    json: jsonService('AmazonSQS', sqsOperations, rt, VALIDATION_EXCEPTION, frontDoorLimit(jsonCeiling(1024 * 1024))),
    sendToArn(queueArn, body, attributes = {}) {
      const queue = queueFromArn(rt, queueArn);
      if (!queue) throw queueDoesNotExist();
      return { messageId: enqueue(rt, queue, body, attributes).messageId };
    },
    async stop() {
      rt.stopping.abort();
    },
  };
}
