import { RegionalStore } from '../core/regional-store';

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface SqsMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, MessageAttributeValue>;
  md5OfAttributes?: string;
  sentAt: number;
  /** SenderId: the account that sent it. */
  senderId: string;
  /** Not receivable before this time (delay, or the visibility timeout of the last receive). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The receipt handle of the latest receive; older handles still delete, as on AWS. */
  receiptHandles: Set<string>;
}

export interface Queue {
  name: string;
  arn: string;
  accountId: string;
  region: string;
  createdAt: number;
  lastModifiedAt: number;
  /** Settable attributes, as strings, as the API carries them. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  messages: SqsMessage[];
  /** Long polls waiting for a message. */
  waiters: Set<() => void>;
}

export interface SqsState {
  queues: Map<string, Queue>;
}

export type SqsStore = RegionalStore<SqsState>;

export function createSqsStore(): SqsStore {
  return new RegionalStore(() => ({ queues: new Map() }));
}
