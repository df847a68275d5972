import { randomUUID } from 'node:crypto';
import type { PutEventsResult } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { orderIdOf, type Span } from '../core/trace';
import { busNameFrom, busOwnerFrom } from './arns';
import type { EventsRuntime } from './runtime';
import { traceEntry } from './trace-records';
import type { EventBus } from './store';
import { list, required, string, structure, type InputOf } from '../protocol/validation';
import { NON_PARTNER_BUS, validation } from './shapes';

/** The event as EventBridge builds it from an accepted entry, in AWS's key order. */
export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** An accepted event on its way to the rules of its bus. */
export interface IngestedEvent {
  envelope: EventEnvelope;
  /** The envelope serialised once, shared by every target that takes the event as it is. */
  readonly json: string;
  ingestedAt: Date;
  bus: EventBus;
  accountId: string;
  region: string;
  /** The entry's step in the trace: rules and deliveries hang under it. */
  trace?: Span;
}

/** AWS's PutEvents limit since January 2026 (256 KB before): 1 MB for the entries of a request. */
export const MAX_ENTRIES_BYTES = 1024 * 1024;
/** PutEvents processes JSON nested at most this deep. */
export const MAX_DETAIL_DEPTH = 1000;

type Entry = Record<string, any>;

const ENTRY = structure({
  Source: string(),
  DetailType: string(),
  Detail: string(),
  EventBusName: NON_PARTNER_BUS,
  TraceHeader: string({ min: 1, max: 500 }),
  Resources: list(string({ max: 2048 })),
});

export const PutEventsInput = { Entries: required(list(ENTRY, { min: 1, max: 10, shown: showEntries })) };

/**
 * PutEvents, shared by the wire operation and the in-process `putEvents` (Step Functions'
 * `events:putEvents` integration) so both answer exactly alike: both reach it through the
 * operation table, after the input checks. A request over the size limit throws
 * `ValidationException`; a bad entry fails on its own with `ErrorCode`/`ErrorMessage` and the
 * others go through. Routing happens after this returns, as on AWS.
 */
export function putEvents(rt: EventsRuntime, input: InputOf<typeof PutEventsInput>, ctx: RequestContext): PutEventsResult | Promise<PutEventsResult> {
  const entries = input.Entries as Entry[];
  let total = 0;
  for (const entry of entries) total += entrySize(entry);
  if (total >= MAX_ENTRIES_BYTES) throw validation('Total size of the entries in the request is over the limit.');

  const ingestedAt = new Date();
  const results: PutEventsResult['Entries'] = [];
  let failed = 0;
  for (const entry of entries) {
    const checked = checkEntry(entry);
    // The entry's TraceHeader, else the caller's X-Amzn-Trace-Id, else a new trace.
    const span = rt.hub.trace.begin(entry.TraceHeader ?? ctx.traceHeader);
    if ('error' in checked) {
      failed++;
      results.push(checked.error);
      traceEntry(rt.hub, ctx, span, entry, { errorCode: checked.error.ErrorCode, reason: checked.error.ErrorMessage, bus: busNameFrom(entry.EventBusName) });
      rt.recorder.add({ kind: 'rejected', accountId: ctx.accountId, region: ctx.region, bus: busNameFrom(entry.EventBusName), source: entry.Source, detailType: entry.DetailType, errorCode: checked.error.ErrorCode, reason: checked.error.ErrorMessage });
      continue;
    }
    const id = randomUUID();
    results.push({ EventId: id });
    accept(rt, ctx, entry, checked.detail, id, ingestedAt, span);
  }
  return rt.delivery.afterDurable({ FailedEntryCount: failed, Entries: results });
}

function accept(rt: EventsRuntime, ctx: RequestContext, entry: Entry, detail: Record<string, unknown>, id: string, ingestedAt: Date, span: Span): void {
  const busName = busNameFrom(entry.EventBusName);
  const owner = busOwnerFrom(entry.EventBusName) ?? ctx;
  const state = rt.store.get(owner.accountId, owner.region);
  const bus = state.buses.get(busName);
  const base = { eventId: id, orderId: orderIdOf(detail), accountId: owner.accountId, region: owner.region, bus: busName, source: entry.Source as string, detailType: entry.DetailType as string };
  if (!bus) {
    // AWS accepts an entry for a bus that does not exist and drops the event.
    rt.recorder.add({ kind: 'dropped', ...base, reason: `Event bus ${busName} does not exist.` });
    traceEntry(rt.hub, ctx, span, entry, { errorCode: 'Dropped', reason: `Event bus ${busName} does not exist.`, bus: busName });
    return;
  }
  rt.recorder.add({ kind: 'accepted', ...base });
  const envelope: EventEnvelope = {
    version: '0',
    id,
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: ctx.accountId,
    time: isoSeconds(eventTime(entry.Time, ingestedAt)),
    region: owner.region,
    resources: Array.isArray(entry.Resources) ? entry.Resources : [],
    detail,
  };
  traceEntry(rt.hub, ctx, span, entry, { eventId: id, event: envelope, bus: busName });
  let json: string | undefined;
  rt.delivery.enqueue({
    envelope,
    // Serialised when the first target needs it: an event no rule sends anywhere costs nothing.
    get json() {
      return (json ??= JSON.stringify(envelope));
    },
    ingestedAt,
    bus,
    accountId: owner.accountId,
    region: owner.region,
    trace: span,
  });
}

type EntryError = { ErrorCode: string; ErrorMessage: string };

/** The per-entry checks AWS makes, in its order, with its codes and messages. */
function checkEntry(entry: Entry): { error: EntryError } | { detail: Record<string, unknown> } {
  if (!entry.Source) return invalidArgument('Parameter Source is not valid. Reason: Source is a required argument.');
  if (!entry.DetailType) return invalidArgument('Parameter DetailType is not valid. Reason: DetailType is a required argument.');
  if (!entry.Detail) return invalidArgument('Parameter Detail is not valid. Reason: Detail is a required argument.');
  const detail = entry.Detail as string;
  if (detail.length > 2 * MAX_DETAIL_DEPTH && depthOf(detail) > MAX_DETAIL_DEPTH) return malformedDetail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return malformedDetail();
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return malformedDetail();
  return { detail: parsed as Record<string, unknown> };
}

function invalidArgument(message: string): { error: EntryError } {
  return { error: { ErrorCode: 'InvalidArgument', ErrorMessage: message } };
}

function malformedDetail(): { error: EntryError } {
  return { error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
}

/** How deep objects and arrays nest in a JSON text, counted outside string literals. */
function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) max = Math.max(max, ++depth);
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

/**
 * The entry size as AWS counts it: 14 bytes for Time when given, plus the UTF-8 bytes of
 * Source, DetailType, Detail and each of Resources.
 */
export function entrySize(entry: Entry): number {
  let size = entry.Time !== undefined && entry.Time !== null ? 14 : 0;
  for (const member of [entry.Source, entry.DetailType, entry.Detail]) {
    if (typeof member === 'string') size += Buffer.byteLength(member, 'utf8');
  }
  if (Array.isArray(entry.Resources)) {
    for (const resource of entry.Resources) if (typeof resource === 'string') size += Buffer.byteLength(resource, 'utf8');
  }
  return size;
}

/** The entries as AWS echoes them in its length error: the Java form of each request entry. */
function showEntries(entries: unknown[]): string {
  const show = (x: unknown) => (x === undefined || x === null ? 'null' : Array.isArray(x) ? `[${x.join(', ')}]` : String(x));
  return `[${entries
    .map((raw) => {
      const e = (raw ?? {}) as Entry;
      const time = e.Time === undefined || e.Time === null ? 'null' : javaDate(eventTime(e.Time, new Date()));
      return `PutEventsRequestEntry(time=${time}, source=${show(e.Source)}, resources=${show(e.Resources)}, detailType=${show(e.DetailType)}, detail=${show(e.Detail)}, eventBusName=${show(e.EventBusName)}, traceHeader=${show(e.TraceHeader)}, kmsKeyIdentifier=null, internalMetadata=null)`;
    })
    .join(', ')}]`;
}

/** `Time` as the SDK sends it (epoch seconds), an ISO string or a Date; absent or bad: now. */
export function eventTime(time: unknown, fallback: Date): Date {
  let ms: number | undefined;
  if (time instanceof Date) ms = time.getTime();
  else if (typeof time === 'number') ms = time * 1000;
  else if (typeof time === 'string' && time !== '') ms = /^-?\d+(\.\d+)?$/.test(time) ? Number(time) * 1000 : Date.parse(time);
  return ms === undefined || Number.isNaN(ms) ? fallback : new Date(ms);
}

/** `2024-01-31T12:00:00Z`: event times carry seconds, as AWS writes them. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function javaDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
