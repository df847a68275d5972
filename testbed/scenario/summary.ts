import { ROUTES, type Route } from '../routes';
import type { OrderResult } from './replay';

export interface RouteSummary {
  route: Route;
  expected: number;
  delivered: number;
  missed: number;
  unexpected: number;
  p50?: number;
  p99?: number;
}

export interface ReplaySummary {
  orders: number;
  ok: number;
  failed: OrderResult[];
  routes: RouteSummary[];
  /** From the 202 to the last expected effect of each routed order, in ms. */
  endToEnd: { p50?: number; p99?: number; max?: number };
}

export function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** From the producer's 202 to the last expected effect of an order: when it was fully routed. */
export function lastEffectMs(r: OrderResult): number | undefined {
  const o = r.outcome;
  if (!o || r.status !== 202) return undefined;
  const times = ROUTES.filter((route) => o.expected[route]).map((route) => o.seen[route].latencyMs);
  if (times.length === 0 || times.some((t) => t === undefined)) return undefined;
  // Route latencies count from the request; the 202 came `acceptedAt - publishedAt` later.
  const answerMs = (o.order.acceptedAt ?? o.order.publishedAt) - o.order.publishedAt;
  // An effect can be visible before the 202 reaches the client (the log group often is): the
  // order was then fully routed by the time it was accepted, 0 ms after.
  return Math.max(0, Math.max(...(times as number[])) - answerMs);
}

export function summarise(results: OrderResult[]): ReplaySummary {
  const routes = ROUTES.map((route): RouteSummary => {
    const latencies: number[] = [];
    const s: RouteSummary = { route, expected: 0, delivered: 0, missed: 0, unexpected: 0 };
    for (const r of results) {
      const o = r.outcome;
      if (!o) continue;
      const seen = o.seen[route];
      if (o.expected[route]) {
        s.expected++;
        if (seen.count > 0) {
          s.delivered++;
          if (seen.latencyMs !== undefined) latencies.push(seen.latencyMs);
        } else s.missed++;
      } else if (seen.count > 0) s.unexpected++;
    }
    latencies.sort((a, b) => a - b);
    return { ...s, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  });
  const e2e = results.flatMap((r) => lastEffectMs(r) ?? []).sort((a, b) => a - b);
  return {
    orders: results.length,
    ok: results.filter((r) => r.problems.length === 0).length,
    failed: results.filter((r) => r.problems.length > 0),
    routes,
    endToEnd: { p50: percentile(e2e, 50), p99: percentile(e2e, 99), max: e2e.at(-1) },
  };
}
