import type { LogEventInput } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { addStream } from './log-streams';
import { sequenceToken, stateOf, type LogGroup, type LogStream, type LogsState, type LogsStore } from './store';
import { list, long, required, string, structure, type InputOf } from '../protocol/validation';
import { LOG_GROUP_NAME, LOG_STREAM_NAME, invalidParameter } from './shapes';

// PutLogEvents' documented limits.
const MAX_BATCH_BYTES = 1_048_576;
const MAX_EVENT_BYTES = 1_048_576;
/** Each event counts its UTF-8 message plus this much towards the batch size. */
const EVENT_OVERHEAD = 26;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TOO_OLD = 14 * DAY;
const TOO_NEW = 2 * HOUR;
const MAX_SPAN = DAY;

/** Where an event falls relative to the accepted window, as RejectedLogEventsInfo reports it. */
function window(group: LogGroup, now: number) {
  return {
    oldest: now - TOO_OLD,
    newest: now + TOO_NEW,
    // Events before the group's retention period are "expired".
    expiredBefore: group.retentionInDays !== undefined ? now - group.retentionInDays * DAY : -Infinity,
  };
}

function store(state: LogsState, group: LogGroup, stream: LogStream, timestamp: number, message: string, bytes: number, now: number): void {
  stream.append({ timestamp, message, ingestionTime: now, seq: state.nextSeq() });
  group.storedBytes += bytes;
}

/**
 * The in-process write path (EventBridge log targets, Lambda output). It creates the stream, never
 * the group, and drops events outside the accepted window as PutLogEvents would reject them; it
 * skips the request checks, which these callers cannot fail.
 */
export function appendEvents(state: LogsState, groupName: string, streamName: string, events: readonly LogEventInput[]): void {
  const group = state.group(groupName);
  const stream = group.streams.get(streamName) ?? addStream(group, streamName);
  const now = Date.now();
  const w = window(group, now);
  for (const e of events) {
    if (e.timestamp < w.oldest || e.timestamp < w.expiredBefore || e.timestamp > w.newest) continue;
    store(state, group, stream, e.timestamp, e.message, Buffer.byteLength(e.message, 'utf8'), now);
  }
  stream.uploads++;
}

export const PutLogEventsInput = {
  logGroupName: required(LOG_GROUP_NAME),
  logStreamName: required(LOG_STREAM_NAME),
  logEvents: required(list(structure({ timestamp: required(long({ min: 0 })), message: required(string({ min: 1 })) }), { min: 1, max: 10_000 })),
  sequenceToken: string({ min: 1 }),
};
export function putLogEvents(logs: LogsStore, input: InputOf<typeof PutLogEventsInput>, ctx: RequestContext) {
  const state = stateOf(logs, ctx);
  const group = state.group(input.logGroupName);
  const stream = state.stream(group, input.logStreamName);
  const batch = input.logEvents;

  const sizes = new Array<number>(batch.length);
  let total = 0;
  for (let i = 0; i < batch.length; i++) {
    const e = batch[i]!;
    if (i > 0 && e.timestamp < batch[i - 1]!.timestamp) {
      throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
    const bytes = Buffer.byteLength(e.message, 'utf8');
    sizes[i] = bytes;
    if (bytes + EVENT_OVERHEAD > MAX_EVENT_BYTES) {
      throw invalidParameter(`Log event too large: ${bytes + EVENT_OVERHEAD} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
    }
    total += bytes + EVENT_OVERHEAD;
  }
  if (total > MAX_BATCH_BYTES) throw invalidParameter(`Upload too large: ${total} bytes exceeds limit of ${MAX_BATCH_BYTES}`);

  // The batch is chronological, so rejected events form a prefix (too old, expired) and a
  // suffix (too new); the indexes name those ranges as RejectedLogEventsInfo does.
  const now = Date.now();
  const w = window(group, now);
  let tooOldEnd = 0;
  let expiredEnd = 0;
  let tooNewStart = batch.length;
  for (let i = 0; i < batch.length; i++) {
    const t = batch[i]!.timestamp;
    if (t < w.oldest) tooOldEnd = i + 1;
    else if (t < w.expiredBefore) expiredEnd = i + 1;
    else if (t > w.newest && tooNewStart === batch.length) tooNewStart = i;
  }
  const first = Math.max(tooOldEnd, expiredEnd);
  if (first < tooNewStart && batch[tooNewStart - 1]!.timestamp - batch[first]!.timestamp > MAX_SPAN) {
    throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
  }
  for (let i = first; i < tooNewStart; i++) store(state, group, stream, batch[i]!.timestamp, batch[i]!.message, sizes[i]!, now);
  stream.uploads++;

  const rejected: Record<string, number> = {};
  if (tooNewStart < batch.length) rejected.tooNewLogEventStartIndex = tooNewStart;
  if (tooOldEnd > 0) rejected.tooOldLogEventEndIndex = tooOldEnd;
  if (expiredEnd > 0) rejected.expiredLogEventEndIndex = expiredEnd;
  return {
    nextSequenceToken: sequenceToken(stream.uploads),
    ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}),
  };
}
