import type { Hub, LogEventInput } from '../core/hub';
import { internalContext } from '../core/request-context';
import type { EventEnvelope } from '../events/put-events';
import { RequestJournal, type JournalEntry } from './request-journal';
import { ServiceRecords } from './service-records';
import { StateDir } from './state-dir';

export { isJournaled } from './request-journal';
export { runCapturingIds } from './captured-ids';
export type { ServiceRecords } from './service-records';
export { Drain, DEFAULT_DRAIN_MS } from './drain';

declare module '../core/hub' {
  interface Hub {
    /** Present when the emulator keeps its state in a folder (`--state-dir`). */
    persistence?: Persistence;
  }
  interface EventsInternal {
    /** Routes again the events accepted before a restart and not yet delivered; returns how many. */
    resumeDelivery?(events: StoredEvent[]): number;
  }
  interface LambdaInternal {
    /** Queues again an asynchronous invocation accepted before a restart; false if its function is gone. */
    resumeInvocation?(invocation: StoredInvocation): boolean;
  }
}

/** An accepted PutEvents entry not yet delivered to every target. */
export interface StoredEvent {
  envelope: EventEnvelope;
  accountId: string;
  region: string;
  busName: string;
  ingestedAt: string;
}

/** An asynchronous invocation Lambda accepted and has not finished. */
export interface StoredInvocation {
  requestId: string;
  functionArn: string;
  payload: string;
  source: string;
  /** The caller's X-Ray trace header: the invocation continues its trace after the restart too. */
  traceHeader?: string;
}

/**
 * State that survives a restart, kept in a state folder: the journal of changes (replayed at
 * start), and the work accepted but not done (PutEvents entries not yet delivered, asynchronous
 * invocations not yet run), written before the caller is answered and resumed at start.
 */
export class Persistence {
  readonly journal: RequestJournal;
  private readonly writes = new Map<string, Promise<unknown>>();
  private readonly serviceRecords = new Map<string, ServiceRecords>();
  private readonly restorers: Array<() => Promise<void>> = [];
  private readonly resumers: Array<() => void> = [];

  private constructor(readonly state: StateDir) {
    this.journal = new RequestJournal(state);
  }

  static async open(dir: string): Promise<Persistence> {
    const state = new StateDir(dir);
    await state.open();
    return new Persistence(state);
  }

  /** A service's own records (see ServiceRecords), one set per service name. */
  records(service: string): ServiceRecords {
    let records = this.serviceRecords.get(service);
    if (!records) {
      records = new ServiceRecords(this.state.recordsOf(service));
      this.serviceRecords.set(service, records);
    }
    return records;
  }

  /**
   * Runs `restore` at start, once the journal has been replayed (the queues, state machines and
   * functions the records belong to exist again), before the emulator answers anyone.
   */
  onRestore(restore: () => Promise<void>): void {
    this.restorers.push(restore);
  }

  /** Runs `resume` once the emulator serves again: work that calls other services (a restarted execution). */
  onResume(resume: () => void): void {
    this.resumers.push(resume);
  }

  /** Called by the server once the state is restored and it answers every request. */
  resume(): void {
    for (const resume of this.resumers.splice(0)) resume();
  }

  /** Written and synced to disk before PutEvents answers with the entry's EventId. */
  eventAccepted(event: StoredEvent): Promise<void> {
    return this.track(`e/${event.envelope.id}`, this.state.events.put(event.envelope.id, JSON.stringify(event), SYNC));
  }

  /** Every target of the event has its final outcome (delivered, dead-lettered or given up). */
  eventDone(eventId: string): void {
    this.after(`e/${eventId}`, async () => {
      // What the delivery wrote (log events, Lambda's output, batched to the next turn; a
      // dead-lettered message, an execution it started) must be on disk before the event is let go.
      await new Promise((resolve) => setImmediate(resolve));
      await this.journal.flush();
      for (const records of this.serviceRecords.values()) await records.flush();
      await this.state.events.del(eventId);
    });
  }

  asyncAccepted(invocation: StoredInvocation): Promise<void> {
    return this.track(`l/${invocation.requestId}`, this.state.lambda.put(invocation.requestId, JSON.stringify(invocation), SYNC));
  }

  asyncDone(requestId: string): void {
    this.after(`l/${requestId}`, () => this.state.lambda.del(requestId));
  }

  async pendingEvents(): Promise<StoredEvent[]> {
    return (await this.state.events.values().all()).map((v) => JSON.parse(v) as StoredEvent).sort((a, b) => a.ingestedAt.localeCompare(b.ingestedAt));
  }

  async pendingInvocations(): Promise<StoredInvocation[]> {
    return (await this.state.lambda.values().all()).map((v) => JSON.parse(v) as StoredInvocation);
  }

  /** Log events written in-process are journaled too (the HTTP ones are journaled as requests). */
  journalLogs(hub: Hub): void {
    const logs = hub.logs;
    const wrapped = Object.create(logs) as typeof logs;
    wrapped.appendEvents = (ctx, group, stream, events: LogEventInput[]) => {
      logs.appendEvents(ctx, group, stream, events);
      this.journal.appendLogs({ accountId: ctx.accountId, region: ctx.region, group, stream, events });
    };
    hub.logs = wrapped;
  }

  /** Replays the journal into a started emulator: HTTP requests to its endpoint, log events in-process. */
  async replay(hub: Hub, endpoint: string, rawLogs: Hub['logs']): Promise<number> {
    const entries: JournalEntry[] = await this.journal.load();
    for (const entry of entries) {
      if (entry.kind === 'logs') {
        const ctx = internalContext(entry.accountId, entry.region);
        rawLogs.ensureLogGroup(ctx, entry.group);
        rawLogs.appendEvents(ctx, entry.group, entry.stream, entry.events);
        continue;
      }
      const res = await fetch(endpoint + entry.path, {
        method: entry.method,
        headers: { ...entry.headers, [REPLAY_HEADER]: JSON.stringify(entry.ids) },
        body: entry.method === 'GET' || entry.method === 'HEAD' ? undefined : Buffer.from(entry.body, 'base64'),
      });
      await res.arrayBuffer();
    }
    for (const restore of this.restorers) await restore();
    return entries.length;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.writes.values()]);
    await this.journal.flush();
    for (const records of this.serviceRecords.values()) await records.flush();
    await this.state.close();
  }

  private track(key: string, write: Promise<void>): Promise<void> {
    const tracked = write.finally(() => {
      if (this.writes.get(key) === tracked) this.writes.delete(key);
    });
    this.writes.set(key, tracked);
    return tracked;
  }

  /** Runs a removal after the record's own write, so a fast delivery never leaves a stale record. */
  private after(key: string, remove: () => Promise<void>): void {
    const before = this.writes.get(key) ?? Promise.resolve();
    this.track(key, before.then(remove, remove).catch(() => undefined));
  }
}

/** LevelDB writes that reach the disk before they resolve (a sublevel passes the option to its database). */
const SYNC = { sync: true } as never;

/** Carries a replayed request's recorded ids to the server (honoured only during replay). */
export const REPLAY_HEADER = 'x-testbed-replay-ids';
