import { op, type OperationTable } from '../protocol/operations';
import {
  ChangeMessageVisibilityInput,
  DeleteMessageInput,
  ReceiveMessageInput,
  SendMessageInput,
  changeMessageVisibility,
  deleteMessage,
  receiveMessage,
  sendMessage,
} from './messages';
import {
  CreateQueueInput,
  GetQueueAttributesInput,
  GetQueueUrlInput,
  ListQueuesInput,
  QueueUrlInput,
  SetQueueAttributesInput,
  createQueue,
  deleteQueue,
  getQueueAttributes,
  getQueueUrl,
  listQueues,
  purgeQueue,
  setQueueAttributes,
} from './queues';
import type { SqsRuntime } from './runtime';

/** Every SQS operation the emulator answers, by its AWS name. */
export const sqsOperations: OperationTable<SqsRuntime> = {
  CreateQueue: op(CreateQueueInput, createQueue),
  GetQueueUrl: op(GetQueueUrlInput, getQueueUrl),
  DeleteQueue: op(QueueUrlInput, deleteQueue),
  ListQueues: op(ListQueuesInput, listQueues),
  PurgeQueue: op(QueueUrlInput, purgeQueue),
  GetQueueAttributes: op(GetQueueAttributesInput, getQueueAttributes),
  SetQueueAttributes: op(SetQueueAttributesInput, setQueueAttributes),

  SendMessage: op(SendMessageInput, sendMessage),
  ReceiveMessage: op(ReceiveMessageInput, receiveMessage),
  DeleteMessage: op(DeleteMessageInput, deleteMessage),
  ChangeMessageVisibility: op(ChangeMessageVisibilityInput, changeMessageVisibility),
};
