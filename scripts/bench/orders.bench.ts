import { connect } from '../../testbed/connect';
import { replay } from '../../testbed/scenario/replay';
import { summarise } from '../../testbed/scenario/summary';
import { prepareTarget } from '../../testbed/targets';

const LOCATIONS = ['us-east', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ca-central', 'ap-southeast-2'];

/**
 * Orders through the producer API with every route delivered, on the embedded target.
 * Throughput: a burst of orders published as fast as 32 clients can, counted until the last one
 * is fully routed. Latency: orders paced at a steady rate well below saturation, from each 202 to
 * the order's last effect (under a burst the same figure would measure the queue, not the path).
 */
export async function run(): Promise<void> {
  const prepared = await prepareTarget({ target: 'embedded', startEmbedded: true, log: () => {} });
  const tb = connect(prepared);
  const order = (i: number, delayMs?: number) => ({
    location: LOCATIONS[i % LOCATIONS.length]!,
    category: 'bench',
    value: 1 + ((i * 37) % 2000),
    via: 'POST' as const,
    expectStatus: 202,
    delayMs,
  });
  try {
    // Warm-up: every function gets its environments before anything is measured.
    await replay(tb, { name: 'warm-up', orders: Array.from({ length: 64 }, (_, i) => order(i)) }, { concurrency: 32 });
    for (const count of [1000]) {
      const started = performance.now();
      const results = await replay(tb, { name: `burst-${count}`, orders: Array.from({ length: count }, (_, i) => order(i)) }, { concurrency: 32, timeoutMs: 120_000 });
      const seconds = (performance.now() - started) / 1000;
      const summary = summarise(results);
      console.log(`burst of ${count} orders: ${(count / seconds).toFixed(0)} orders/s fully routed (${seconds.toFixed(2)} s; ${summary.ok}/${count} routed as expected)`);
    }
    for (const rate of [50, 100]) {
      const count = rate * 4;
      const results = await replay(tb, { name: `paced-${rate}`, orders: Array.from({ length: count }, (_, i) => order(i, 1000 / rate)) }, { concurrency: 32, timeoutMs: 60_000 });
      const summary = summarise(results);
      console.log(
        `${count} orders paced at ${rate}/s: 202 to last effect p50 ${summary.endToEnd.p50?.toFixed(0)} ms, p99 ${summary.endToEnd.p99?.toFixed(0)} ms, max ${summary.endToEnd.max?.toFixed(0)} ms (${summary.ok}/${count} routed as expected)`,
      );
    }
  } finally {
    tb.destroy();
    await prepared.stop();
  }
}
