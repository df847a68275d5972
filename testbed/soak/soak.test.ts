import { describe, expect, it } from 'vitest';
import { formatReport, runSoak } from './soak';

/**
 * The soak in small: 1,000 orders through the producer API with the default faults (PutEvents
 * throttling and InternalFailure, API-destination 503/429, ProcessedOrder errors, DynamoDB
 * throughput errors) and one graceful stop and start on the same state folder half way. Every
 * accepted order must reach every route once: nothing lost, nothing dispatched twice. Time is
 * not asserted; the drain timeout only bounds how long a broken run takes to fail.
 */
describe('the soak', () => {
  it('loses and duplicates no order of 1,000 under the default faults and a graceful restart', async () => {
    const lines: string[] = [];
    const report = await runSoak({
      orders: 1000,
      rate: 100,
      stops: ['SIGTERM'],
      timeScale: 0.01,
      seed: 7,
      drainTimeoutMs: 240_000,
      log: (line) => lines.push(line),
    });
    const summary = `${lines.join('\n')}\n${formatReport(report)}`;
    expect(report.accepted, summary).toBeGreaterThan(0);
    expect(report.lost, summary).toEqual([]);
    expect(report.duplicated, summary).toEqual([]);
    expect(report.dispatchedAgainAfterKill, summary).toEqual([]);
    // Every order was answered: 202, or a refusal with its cause (never a false 202, which `lost` would show).
    expect(report.accepted + Object.values(report.refused).reduce((a, b) => a + b, 0)).toBe(1000);
  }, 600_000);
});
