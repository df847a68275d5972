import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../protocol/http';

/** What keeps the emulator from being quiet. */
export type PendingKind = 'delivery' | 'async-invocation' | 'execution' | 'routing';

export interface PendingItem {
  kind: PendingKind;
  /** Which one, in words a person can look up (a rule and target, a function, an execution ARN). */
  detail: string;
  /** Real time when a waiting item (a retry after back-off) runs again; absent while it runs. */
  dueAt?: number;
  /** The X-Ray trace the work belongs to, when known: a settle asked for some orders waits only for theirs. */
  traceId?: string;
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
  /** Told of every item that starts or runs again, so a quiet moment interrupted by new work is not mistaken for quiet. */
  private readonly startListeners = new Set<(item: PendingItem) => void>();

  /** `traceId`: the X-Ray trace the work continues, so a settle for some orders can tell it apart. */
  start(kind: PendingKind, detail: string, traceId?: string): PendingHandle {
    const item: PendingItem = traceId ? { kind, detail, traceId } : { kind, detail };
    this.items.add(item);
    this.started(item);
    let ended = false;
    return {
      waitUntil: (dueAt) => {
        item.dueAt = dueAt;
        this.changed();
      },
      running: () => {
        delete item.dueAt;
        this.started(item);
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
  track(kind: PendingKind, detail: string, promise: Promise<unknown>, traceId?: string): void {
    const handle = this.start(kind, detail, traceId);
    promise.then(handle.done, handle.done);
  }

  /** Whether any work of this trace is under way or waiting (a graceful stop lets its calls through). */
  hasTrace(traceId: string): boolean {
    for (const item of this.items) if (item.traceId === traceId) return true;
    return false;
  }

  /** The work that keeps the emulator busy now, and the work waiting beyond the horizon. */
  snapshot(horizonMs = DEFAULT_HORIZON_MS, traces?: ReadonlySet<string>): { pending: SettleAnswer['pending']; later: SettleAnswer['later'] } {
    const now = Date.now();
    const pending: SettleAnswer['pending'] = [];
    const later: SettleAnswer['later'] = [];
    for (const item of this.items) {
      if (!concerns(item, traces)) continue;
      if (item.dueAt === undefined) pending.push({ ...item });
      else if (item.dueAt - now <= horizonMs) pending.push({ ...item, dueInMs: Math.max(0, item.dueAt - now) });
      else later.push({ ...item, dueInMs: item.dueAt - now });
    }
    return { pending, later };
  }

  /**
   * Resolves once nothing is pending within the horizon (for a short quiet moment), or at the timeout.
   * With `traces`, only the work of those traces counts, and work that belongs to no known trace:
   * one suite's orders then settle while another suite's keep the emulator busy.
   */
  async settled(timeoutMs: number, horizonMs = DEFAULT_HORIZON_MS, traces?: ReadonlySet<string>): Promise<SettleAnswer> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    let interrupted = false;
    const onStart = (item: PendingItem) => {
      if (concerns(item, traces)) interrupted = true;
    };
    this.startListeners.add(onStart);
    try {
      for (;;) {
        const snap = this.snapshot(horizonMs, traces);
        const now = Date.now();
        if (snap.pending.length === 0) {
          interrupted = false;
          await this.next(Math.min(QUIET_MS, Math.max(0, deadline - now)));
          if (!interrupted && this.snapshot(horizonMs, traces).pending.length === 0) {
            return { settled: true, waitedMs: Date.now() - started, pending: [], later: snap.later };
          }
          continue;
        }
        if (now >= deadline) return { settled: false, waitedMs: now - started, ...snap };
        // Wake on the next change, or when the nearest retry enters the horizon, or at the deadline.
        const nearest = Math.min(...snap.later.map((l) => l.dueInMs - horizonMs), deadline - now);
        await this.next(Math.max(1, nearest));
      }
    } finally {
      this.startListeners.delete(onStart);
    }
  }

  private started(item: PendingItem): void {
    for (const listener of this.startListeners) listener(item);
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
      // New work shows through `interrupted`; any other change (work done, a retry scheduled) wakes a wait.
      listeners.add(finish);
    });
  }
}

/** Whether a settle for `traces` waits for this item: all of them without traces, else its own and untraced work. */
function concerns(item: PendingItem, traces: ReadonlySet<string> | undefined): boolean {
  return traces === undefined || item.traceId === undefined || traces.has(item.traceId);
}

/** Where a settle for some orders finds their traces (the emulator's trace store). */
export interface OrderTraces {
  readonly enabled: boolean;
  tracesOfOrder(orderId: string): string[];
}

/** At most this many order ids in one settle request. */
const MAX_ORDERS = 10_000;
const USAGE = 'Use GET /_testbed/settled?timeout=ms&horizon=ms[&order=id,...], or POST it with {"orderIds": [...]} for many orders.';

/**
 * `GET /_testbed/settled?timeout=ms&horizon=ms`: answers once the emulator is quiet, or at the
 * timeout with what is still pending. `order=id,...` (or a POST body `{"orderIds": [...]}`, for
 * more ids than a URL holds) waits only for those orders' work, found by their X-Ray traces, and
 * for work that belongs to no trace. Returns false for any other route.
 */
export async function handleSettledRoute(pending: PendingWork, req: IncomingMessage, res: ServerResponse, url: URL, orders?: OrderTraces): Promise<boolean> {
  if (url.pathname !== '/_testbed/settled') return false;
  if (req.method !== 'GET' && req.method !== 'POST') {
    sendJson(res, 405, { message: USAGE });
    return true;
  }
  const timeout = numberParam(url, 'timeout', 10_000);
  const horizon = numberParam(url, 'horizon', DEFAULT_HORIZON_MS);
  if (timeout === undefined || horizon === undefined || timeout > 600_000) {
    sendJson(res, 400, { message: 'timeout and horizon must be whole numbers of milliseconds, timeout at most 600000.' });
    return true;
  }
  const orderIds = req.method === 'POST' ? await bodyOrderIds(req) : url.searchParams.getAll('order').flatMap((o) => o.split(',')).filter(Boolean);
  if (orderIds === undefined || orderIds.length > MAX_ORDERS) {
    sendJson(res, 400, { message: `The body must be JSON: {"orderIds": ["..."]}, at most ${MAX_ORDERS} ids. ${USAGE}` });
    return true;
  }
  // Without a trace store to find them in, an order's work cannot be told apart: wait for all.
  const traces = orderIds.length > 0 && orders?.enabled ? new Set(orderIds.flatMap((id) => orders.tracesOfOrder(id))) : undefined;
  sendJson(res, 200, await pending.settled(timeout, horizon, traces));
  return true;
}

async function bodyOrderIds(req: IncomingMessage): Promise<string[] | undefined> {
  try {
    const body = JSON.parse((await readBody(req)).toString('utf8')) as { orderIds?: unknown };
    const ids = body?.orderIds;
    return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : undefined;
  } catch {
    return undefined;
  }
}

function numberParam(url: URL, name: string, fallback: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
