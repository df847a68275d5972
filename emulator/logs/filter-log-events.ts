import type { RequestContext } from '../core/request-context';
import { compileFilterPattern, FilterPatternError, type Matcher } from './filter-pattern';
import { lowerBound, MAX_PAGE_BYTES } from './get-log-events';
import { resolveGroup } from './log-groups';
import { compareEvents, eventId, stateOf, type LogStream, type LogsStore, type StoredEvent } from './store';
import { encodeToken } from '../core/paging';
import { boolean, list, string, type InputOf } from '../protocol/validation';
import { EVENTS_LIMIT, LOG_GROUP_IDENTIFIER, LOG_GROUP_NAME, LOG_STREAM_NAME, NEXT_TOKEN, TIMESTAMP, decodeToken, invalidParameter } from './shapes';

const EVENT_OVERHEAD = 26;

/** One stream's events from a starting index, as a cursor of the merge. */
interface Run {
  stream: LogStream;
  events: readonly StoredEvent[];
  at: number;
  end: number;
}

/** A min-heap of runs keyed by their current event: the merge that interleaves streams. */
class RunHeap {
  private readonly runs: Run[] = [];
  get size(): number {
    return this.runs.length;
  }
  private less(a: Run, b: Run): boolean {
    return compareEvents(a.events[a.at]!, b.events[b.at]!) < 0;
  }
  push(run: Run): void {
    const runs = this.runs;
    runs.push(run);
    let i = runs.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(runs[i]!, runs[parent]!)) break;
      [runs[i], runs[parent]] = [runs[parent]!, runs[i]!];
      i = parent;
    }
  }
  peek(): Run | undefined {
    return this.runs[0];
  }
  /** Advances the smallest run and restores the heap. */
  advance(): void {
    const runs = this.runs;
    const top = runs[0]!;
    top.at++;
    if (top.at >= top.end) {
      const last = runs.pop()!;
      if (runs.length === 0) return;
      runs[0] = last;
    }
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < runs.length && this.less(runs[l]!, runs[m]!)) m = l;
      if (r < runs.length && this.less(runs[r]!, runs[m]!)) m = r;
      if (m === i) break;
      [runs[i], runs[m]] = [runs[m]!, runs[i]!];
      i = m;
    }
  }
}

const isPositionToken = (v: any): v is { t: number; s: number } =>
  typeof v === 'object' && v !== null && Number.isSafeInteger(v.t) && Number.isSafeInteger(v.s);

function compile(pattern: string | undefined): Matcher | undefined {
  if (pattern === undefined) return undefined;
  try {
    return compileFilterPattern(pattern);
  } catch (err) {
    if (err instanceof FilterPatternError) throw invalidParameter(err.message);
    throw err;
  }
}

export const FilterLogEventsInput = {
  logGroupName: LOG_GROUP_NAME,
  logGroupIdentifier: LOG_GROUP_IDENTIFIER,
  logStreamNames: list(LOG_STREAM_NAME, { min: 1, max: 100 }),
  logStreamNamePrefix: LOG_STREAM_NAME,
  startTime: TIMESTAMP,
  endTime: TIMESTAMP,
  filterPattern: string({ min: 0, max: 1024 }),
  nextToken: NEXT_TOKEN,
  limit: EVENTS_LIMIT,
  interleaved: boolean(),
  unmask: boolean(),
};
export function filterLogEvents(store: LogsStore, input: InputOf<typeof FilterLogEventsInput>, ctx: RequestContext) {
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
    throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  const group = resolveGroup(stateOf(store, ctx), input);
  // The pattern is parsed once per request; matching never re-parses it.
  const matches = compile(input.filterPattern);
  const resume = input.nextToken !== undefined ? decodeToken(input.nextToken, isPositionToken) : undefined;
  const limit: number = input.limit ?? 10_000;
  const startTime: number | undefined = input.startTime;
  const endTime: number | undefined = input.endTime;

  let streams: LogStream[];
  if (input.logStreamNames !== undefined) {
    streams = (input.logStreamNames as string[]).flatMap((n) => group.streams.get(n) ?? []);
  } else {
    const prefix: string | undefined = input.logStreamNamePrefix;
    streams = [...group.streams.values()].filter((s) => prefix === undefined || s.name.startsWith(prefix));
  }

  const heap = new RunHeap();
  for (const stream of streams) {
    // Streams wholly outside the time range are skipped without a search.
    if (stream.firstEventTimestamp === undefined) continue;
    if (startTime !== undefined && stream.lastEventTimestamp! < startTime) continue;
    if (endTime !== undefined && stream.firstEventTimestamp > endTime) continue;
    const events = stream.ordered();
    let at = startTime !== undefined ? lowerBound(events, (e) => e.timestamp < startTime) : 0;
    if (resume) at = Math.max(at, lowerBound(events, (e) => e.timestamp < resume.t || (e.timestamp === resume.t && e.seq <= resume.s)));
    // endTime is inclusive here (unlike GetLogEvents).
    const end = endTime !== undefined ? lowerBound(events, (e) => e.timestamp <= endTime) : events.length;
    if (at < end) heap.push({ stream, events, at, end });
  }

  const page: Array<{ stream: LogStream; event: StoredEvent }> = [];
  let bytes = 0;
  let more = false;
  for (let run = heap.peek(); run; run = heap.peek()) {
    const event = run.events[run.at]!;
    if (!matches || matches(event.message)) {
      const size = Buffer.byteLength(event.message, 'utf8') + EVENT_OVERHEAD;
      if (page.length === limit || (page.length > 0 && bytes + size > MAX_PAGE_BYTES)) {
        more = true;
        break;
      }
      bytes += size;
      page.push({ stream: run.stream, event });
    }
    heap.advance();
  }

  const last = page[page.length - 1]?.event;
  return {
    events: page.map(({ stream, event }) => ({
      logStreamName: stream.name,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
      eventId: eventId(event.timestamp, event.seq),
    })),
    // Deprecated since May 2020: always an empty list.
    searchedLogStreams: [],
    ...(more && last ? { nextToken: encodeToken({ t: last.timestamp, s: last.seq }) } : {}),
  };
}
