import { describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '../routes';
import type { OrderResult } from './replay';
import { lastEffectMs, summarise } from './summary';

function result(latencies: Partial<Record<Route, number>>, publishedAt: number, acceptedAt: number): OrderResult {
  const seen = Object.fromEntries(ROUTES.map((r) => [r, { count: latencies[r] === undefined ? 0 : 1, latencyMs: latencies[r] }])) as Record<Route, { count: number; latencyMs?: number }>;
  const expected = Object.fromEntries(ROUTES.map((r) => [r, latencies[r] !== undefined])) as Record<Route, boolean>;
  const order = { orderId: 'o', location: 'ca-central', value: 1, publishedAt, acceptedAt };
  return { index: 0, order: { via: 'GET', expectStatus: 202 }, orderId: 'o', status: 202, outcome: { order, expected, seen, problems: [] }, problems: [] };
}

describe('202 to last effect', () => {
  it('counts from the 202', () => {
    expect(lastEffectMs(result({ log: 30, table: 80 }, 1_000, 1_020))).toBe(60);
  });

  it('is 0, never negative, when every effect was visible before the 202 arrived', () => {
    // The log group is written while the producer is still answering.
    const r = result({ log: 5 }, 1_000, 1_018);
    expect(lastEffectMs(r)).toBe(0);
    expect(summarise([r]).endToEnd).toEqual({ p50: 0, p99: 0, max: 0 });
  });
});
