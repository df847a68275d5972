import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../protocol/http';

/** What keeps the emulator from being quiet. */
export type PendingKind = 'delivery' | 'async-invocation' | 'execution' | 'routing';

export interface PendingItem {
  kind: PendingKind;
  /** Which one, in words a person can look up (a rule and target, a function, an execution ARN). */
  detail: string;
  /** Real time when a waiting item (a retry after back-off) runs again; absent while it runs. */
  dueAt?: number;
}

/** One piece of work: it runs, may wait for a retry (`waitUntil`), and ends (`done`). */
export interface PendingHandle {
  /** Waiting until a real time (a retry's back-off); counts as pending only within the horizon. */
  waitUntil(dueAt: number): void;
  /** Running again after a wait. */
  running(): void;
  done(): void;
}

export interface SettleAnswer {
  settled: boolean;
  /** How long the answer took, in ms. */
  waitedMs: number;
  /** What was still pending (within the horizon) when the time ran out; empty when settled. */
  pending: Array<PendingItem & { dueInMs?: number }>;
  /** Work waiting beyond the horizon: not waited for, listed so a reader knows it exists. */
  later: Array<PendingItem & { dueInMs: number }>;
}

/** Default horizon: a retry due later than this (real time) does not keep the emulator busy. */
export const DEFAULT_HORIZON_MS = 10_000;
/** Quiet must hold this long, so work that starts on the next tick (a queued delivery) is seen. */
const QUIET_MS = 15;

/**
 * The emulator's pending work: EventBridge deliveries in flight or waiting to retry, queued and
 * running asynchronous Lambda invocations, running Step Functions executions. The emulator is
 * settled when none is running and no retry is due within the horizon. Tests ask
 * `GET /_testbed/settled?timeout=ms` instead of sleeping before a check that something stayed
 * untouched.
 */
export class PendingWork {
  private readonly items = new Set<PendingItem>();
  private readonly listeners = new Set<() => void>();
  /** Bumped whenever work starts, so a quiet moment interrupted by new work is not mistaken for quiet. */
  private generation = 0;

  start(kind: PendingKind, detail: string): PendingHandle {
    const item: PendingItem = { kind, detail };
    this.items.add(item);
    this.generation++;
    let ended = false;
    return {
      waitUntil: (dueAt) => {
        item.dueAt = dueAt;
        this.changed();
      },
      running: () => {
        delete item.dueAt;
        this.generation++;
      },
      done: () => {
        if (ended) return;
        ended = true;
        this.items.delete(item);
        this.changed();
      },
    };
  }

  /** Pending until the promise settles, whichever way. */
  track(kind: PendingKind, detail: string, promise: Promise<unknown>): void {
    const handle = this.start(kind, detail);
    promise.then(handle.done, handle.done);
  }

  /** The work that keeps the emulator busy now, and the work waiting beyond the horizon. */
  snapshot(horizonMs = DEFAULT_HORIZON_MS): { pending: SettleAnswer['pending']; later: SettleAnswer['later'] } {
    const now = Date.now();
    const pending: SettleAnswer['pending'] = [];
    const later: SettleAnswer['later'] = [];
    for (const item of this.items) {
      if (item.dueAt === undefined) pending.push({ ...item });
      else if (item.dueAt - now <= horizonMs) pending.push({ ...item, dueInMs: Math.max(0, item.dueAt - now) });
      else later.push({ ...item, dueInMs: item.dueAt - now });
    }
    return { pending, later };
  }

  /** Resolves once nothing is pending within the horizon (for a short quiet moment), or at the timeout. */
  async settled(timeoutMs: number, horizonMs = DEFAULT_HORIZON_MS): Promise<SettleAnswer> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    for (;;) {
      const snap = this.snapshot(horizonMs);
      const now = Date.now();
      if (snap.pending.length === 0) {
        const generation = this.generation;
        await this.next(Math.min(QUIET_MS, Math.max(0, deadline - now)));
        if (generation === this.generation && this.snapshot(horizonMs).pending.length === 0) {
          return { settled: true, waitedMs: Date.now() - started, pending: [], later: snap.later };
        }
        continue;
      }
      if (now >= deadline) return { settled: false, waitedMs: now - started, ...snap };
      // Wake on the next change, or when the nearest retry enters the horizon, or at the deadline.
      const nearest = Math.min(...snap.later.map((l) => l.dueInMs - horizonMs), deadline - now);
      await this.next(Math.max(1, nearest));
    }
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Waits for the next change, at most `ms`. */
  private next(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        listeners.delete(finish);
        resolve();
      }
      const listeners = this.listeners;
      // A quiet wait is cut short only by new work, which `generation` reveals; a busy one by any change.
      listeners.add(finish);
    });
  }
}

/**
 * `GET /_testbed/settled?timeout=ms&horizon=ms`: answers once the emulator is quiet, or at the
 * timeout with what is still pending. Returns false for any other route.
 */
export async function handleSettledRoute(pending: PendingWork, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (url.pathname !== '/_testbed/settled') return false;
  if (req.method !== 'GET') {
    sendJson(res, 405, { message: 'Use GET /_testbed/settled?timeout=ms' });
    return true;
  }
  const timeout = numberParam(url, 'timeout', 10_000);
  const horizon = numberParam(url, 'horizon', DEFAULT_HORIZON_MS);
  if (timeout === undefined || horizon === undefined || timeout > 600_000) {
    sendJson(res, 400, { message: 'timeout and horizon must be whole numbers of milliseconds, timeout at most 600000.' });
    return true;
  }
  sendJson(res, 200, await pending.settled(timeout, horizon));
  return true;
}

function numberParam(url: URL, name: string, fallback: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
