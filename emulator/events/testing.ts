import { readFileSync } from 'node:fs';
import { RECORD_PATH, type EventRecord } from './recorder';
import { waitFor } from '../testing/wait';

/**
 * For tests and tools that need to know what delivery did: read the delivery record an
 * emulator serves, and wait (a bounded poll, never a fixed sleep) until it shows what is
 * expected.
 */
export async function readEventRecords(endpoint: string, filter: { eventId?: string; kind?: string; since?: number } = {}): Promise<EventRecord[]> {
  const url = new URL(RECORD_PATH, endpoint);
  for (const [key, value] of Object.entries(filter)) if (value !== undefined) url.searchParams.set(key, String(value));
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return ((await res.json()) as { records: EventRecord[] }).records;
}

/** How many records of each kind the emulator has made (`delivery.succeeded`, `accepted`, ...). */
export async function readEventCounts(endpoint: string): Promise<Record<string, number>> {
  const url = new URL(RECORD_PATH, endpoint);
  url.searchParams.set('since', String(Number.MAX_SAFE_INTEGER));
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return ((await res.json()) as { counts: Record<string, number> }).counts;
}

/**
 * Polls the record until `done` returns true for the records matching `filter`, and returns
 * them; fails with what was seen when `timeoutMs` passes first.
 */
export async function waitForEventRecords(
  endpoint: string,
  filter: { eventId?: string; kind?: string; since?: number },
  done: (records: EventRecord[]) => boolean,
  { timeoutMs = 10_000 }: { timeoutMs?: number } = {},
): Promise<EventRecord[]> {
  let seen: EventRecord[] = [];
  return waitFor(
    () => `the delivery record to reach the expected state; it holds: ${JSON.stringify(seen, null, 1)}`,
    async () => {
      seen = await readEventRecords(endpoint, filter);
      return done(seen) ? seen : undefined;
    },
    timeoutMs,
  );
}

/** The delivery is over once every attempt chain has ended in success, a DLQ or a discard. */
export function settled(records: EventRecord[], targets: number): boolean {
  const finals = records.filter((r) => r.kind === 'delivery' && r.outcome !== 'failed');
  return finals.length >= targets;
}

/** A raw AWS JSON 1.1 call, for what the SDK will not send (unknown operations, broken bodies). */
export async function rawCall(endpoint: string, target: string, body: string): Promise<{ status: number; json: Record<string, unknown>; errorType: string | null }> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/events/aws4_request, SignedHeaders=host, Signature=x',
    },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, errorType: res.headers.get('x-amzn-errortype') };
}

/** One AWS-recorded TestEventPattern outcome: a pattern, an event, and what AWS answered. */
export interface ConformanceCase {
  name: string;
  event: string;
  pattern: string;
  expect: 'match' | 'no-match' | 'error';
  error?: { code: string; message: string };
}

/** The cases recorded against AWS TestEventPattern (see conformance/NOTICE). */
export function loadConformanceCases(): ConformanceCase[] {
  return JSON.parse(readFileSync(new URL('./conformance/event-patterns.json', import.meta.url), 'utf8')) as ConformanceCase[];
}
