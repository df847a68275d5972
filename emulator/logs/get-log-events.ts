import type { RequestContext } from '../core/request-context';
import { resolveGroup } from './log-groups';
import { eventId, parseEventId, stateOf, type LogsStore, type StoredEvent } from './store';
import { boolean, required, type InputOf } from '../protocol/validation';
import { EVENTS_LIMIT, INVALID_TOKEN, LOG_GROUP_IDENTIFIER, LOG_GROUP_NAME, LOG_STREAM_NAME, NEXT_TOKEN, TIMESTAMP, invalidParameter } from './shapes';

/** A page holds at most this many bytes of events (message bytes plus 26 each), as on AWS. */
export const MAX_PAGE_BYTES = 1_048_576;
const EVENT_OVERHEAD = 26;

/** A position between events: just after (or before) the event with this timestamp and order. */
interface Position {
  timestamp: number;
  seq: number;
}

// AWS's tokens read `f/<56 digits>/s` and `b/<56 digits>/s`: a direction and an event position.
const TOKEN = /^([fb])\/(\d{56})\/s$/;

function token(direction: 'f' | 'b', at: Position): string {
  return `${direction}/${eventId(at.timestamp, at.seq)}/s`;
}

function parseToken(raw: string): { direction: 'f' | 'b'; at: Position } {
  const m = TOKEN.exec(raw);
  const at = m && parseEventId(m[2]!);
  if (!m || !at) throw invalidParameter(INVALID_TOKEN);
  return { direction: m[1] as 'f' | 'b', at };
}

/** First index whose event is not `before` the probe; the events are in CloudWatch order. */
export function lowerBound(events: readonly StoredEvent[], before: (e: StoredEvent) => boolean): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(events[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const after = (at: Position) => (e: StoredEvent) => e.timestamp < at.timestamp || (e.timestamp === at.timestamp && e.seq <= at.seq);
const notBefore = (at: Position) => (e: StoredEvent) => e.timestamp < at.timestamp || (e.timestamp === at.timestamp && e.seq < at.seq);

export const GetLogEventsInput = {
  logGroupName: LOG_GROUP_NAME,
  logGroupIdentifier: LOG_GROUP_IDENTIFIER,
  logStreamName: required(LOG_STREAM_NAME),
  startTime: TIMESTAMP,
  endTime: TIMESTAMP,
  nextToken: NEXT_TOKEN,
  limit: EVENTS_LIMIT,
  startFromHead: boolean(),
  unmask: boolean(),
};
export function getLogEvents(store: LogsStore, input: InputOf<typeof GetLogEventsInput>, ctx: RequestContext) {
  const state = stateOf(store, ctx);
  const stream = state.stream(resolveGroup(state, input), input.logStreamName);
  const given = input.nextToken !== undefined ? parseToken(input.nextToken) : undefined;
  const limit: number = input.limit ?? 10_000;
  const events = stream.ordered();

  // The time range: startTime inclusive, endTime exclusive.
  const { startTime, endTime } = input;
  let lo = startTime !== undefined ? lowerBound(events, (e) => e.timestamp < startTime) : 0;
  let hi = endTime !== undefined ? lowerBound(events, (e) => e.timestamp < endTime) : events.length;
  if (given?.direction === 'f') lo = Math.max(lo, lowerBound(events, after(given.at)));
  if (given?.direction === 'b') hi = Math.min(hi, lowerBound(events, notBefore(given.at)));
  const forward = given ? given.direction === 'f' : input.startFromHead === true;

  let from = lo;
  let to = lo;
  let bytes = 0;
  if (forward) {
    while (to < hi && to - from < limit) {
      bytes += Buffer.byteLength(events[to]!.message, 'utf8') + EVENT_OVERHEAD;
      if (bytes > MAX_PAGE_BYTES && to > from) break;
      to++;
    }
  } else {
    from = to = Math.max(lo, hi);
    while (from > lo && to - from < limit) {
      bytes += Buffer.byteLength(events[from - 1]!.message, 'utf8') + EVENT_OVERHEAD;
      if (bytes > MAX_PAGE_BYTES && to > from) break;
      from--;
    }
  }
  const page = events.slice(from, to);

  // An empty page hands back the position it was asked from, so a reader that sees its own
  // token again knows it has reached the end of the stream in that direction.
  const start: Position = page[0] ?? given?.at ?? { timestamp: 0, seq: 0 };
  const end: Position = page[page.length - 1] ?? given?.at ?? { timestamp: 0, seq: 0 };
  return {
    events: page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: token('f', end),
    nextBackwardToken: token('b', start),
  };
}
