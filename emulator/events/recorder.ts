/**
 * What happened to every event: each accepted or rejected entry, each rule match and each
 * delivery attempt, kept in a bounded ring (oldest records fall out first) and served as JSON at
 * `GET /_testbed/events`, so a report can show which rules matched an event and what each
 * target did.
 */

/** Where the emulator serves the record. */
export const RECORD_PATH = '/_testbed/events';

export type RecordKind =
  | 'accepted' // PutEvents accepted the entry and gave it an id
  | 'rejected' // PutEvents failed the entry (ErrorCode/ErrorMessage)
  | 'dropped' // accepted but not routed: the bus does not exist
  | 'matched' // a rule of the bus matched the event
  | 'delivery' // one attempt to deliver to a target
  | 'dead-letter' // retries exhausted or not retryable; sent to the target's dead-letter queue
  | 'discarded'; // retries exhausted or not retryable and no dead-letter queue: the event is lost

export interface EventRecord {
  seq: number;
  /** ISO time the record was made. */
  at: string;
  kind: RecordKind;
  eventId?: string;
  /** The order the event is about (`detail.orderId`), on every record about the event. */
  orderId?: string;
  accountId: string;
  region: string;
  bus?: string;
  source?: string;
  detailType?: string;
  rule?: string;
  ruleArn?: string;
  targetId?: string;
  targetArn?: string;
  /** For `delivery`: `succeeded`, `failed` (will retry) or `failed-final`. */
  outcome?: 'succeeded' | 'failed' | 'failed-final';
  /** HTTP status, or the AWS error code, of the attempt. */
  status?: number | string;
  attempt?: number;
  latencyMs?: number;
  reason?: string;
  errorCode?: string;
  deadLetterArn?: string;
  /** The event as the dead-letter queue would have received it. */
  event?: unknown;
}

export type NewRecord = Omit<EventRecord, 'seq' | 'at'>;

export const RECORD_KINDS: readonly RecordKind[] = ['accepted', 'rejected', 'dropped', 'matched', 'delivery', 'dead-letter', 'discarded'];

export interface RecordFilter {
  since?: number;
  eventId?: string;
  orderId?: string;
  rule?: string;
  kind?: string;
  /** The newest this many of those that pass. */
  limit?: number;
}

export class Recorder {
  private readonly ring: EventRecord[];
  private next = 0;
  private seq = 0;
  /** Records ever made, by kind (`delivery.succeeded`, ... for attempts): they outlive the ring. */
  counts: Record<string, number> = {};
  /** Order ids of the events whose `accepted` record is still held. */
  private readonly orders = new Map<string, string>();

  constructor(readonly capacity = 10_000) {
    this.ring = new Array<EventRecord>(capacity);
  }

  add(record: NewRecord): void {
    const old = this.ring[this.next];
    if (old?.kind === 'accepted' && old.eventId) this.orders.delete(old.eventId);
    if (record.eventId) {
      if (record.kind === 'accepted' && record.orderId) this.orders.set(record.eventId, record.orderId);
      else if (!record.orderId) {
        const orderId = this.orders.get(record.eventId);
        if (orderId) record = { ...record, orderId };
      }
    }
    this.ring[this.next] = { seq: ++this.seq, at: this.now(), ...record };
    const key = record.kind === 'delivery' ? `delivery.${record.outcome}` : record.kind;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    this.next = (this.next + 1) % this.capacity;
  }

  private lastMs = NaN;
  private lastIso = '';

  /** The time in ISO form; records made in the same millisecond (an event's matches) share one string. */
  private now(): string {
    const ms = Date.now();
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastIso = new Date(ms).toISOString();
    }
    return this.lastIso;
  }

  /** Records in order, oldest first; `since` keeps those with a larger sequence number. */
  list(filter: RecordFilter = {}): EventRecord[] {
    const out: EventRecord[] = [];
    for (let i = 0; i < this.capacity; i++) {
      const r = this.ring[(this.next + i) % this.capacity];
      if (!r) continue;
      if (filter.since !== undefined && r.seq <= filter.since) continue;
      if (filter.eventId !== undefined && r.eventId !== filter.eventId) continue;
      if (filter.kind !== undefined && r.kind !== filter.kind) continue;
      if (filter.orderId !== undefined && r.orderId !== filter.orderId) continue;
      if (filter.rule !== undefined && r.rule !== filter.rule) continue;
      out.push(r);
    }
    return filter.limit !== undefined && out.length > filter.limit ? out.slice(out.length - filter.limit) : out;
  }

  /** Total records ever made; those beyond the capacity have fallen out of the ring. */
  get total(): number {
    return this.seq;
  }

  /** Records pushed out of the ring by newer ones. */
  get evicted(): number {
    return Math.max(0, this.seq - this.capacity);
  }

  clear(): void {
    this.ring.fill(undefined as unknown as EventRecord);
    this.next = 0;
    this.counts = {};
    this.orders.clear();
  }
}
