import { connect } from '../../e2e/support/testbed';
import { replay } from '../scenario/replay';
import { summarise } from '../scenario/summary';
import { prepareTarget } from '../targets';

const LOCATIONS = ['us-east', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ca-central', 'ap-southeast-2'];

/**
 * Orders through the producer API with every route delivered, on the embedded target: orders per
 * second from the first publish until the last order is fully routed, and the time from each 202
 * to the order's last effect.
 */
export async function run(): Promise<void> {
  const prepared = await prepareTarget({ target: 'embedded', startEmbedded: true, log: () => {} });
  const tb = connect(prepared);
  try {
    for (const count of [100, 1000]) {
      const orders = Array.from({ length: count }, (_, i) => ({
        location: LOCATIONS[i % LOCATIONS.length]!,
        category: 'bench',
        value: 1 + ((i * 37) % 2000),
        via: 'POST' as const,
        expectStatus: 202,
      }));
      const started = performance.now();
      const results = await replay(tb, { name: `bench-${count}`, orders }, { concurrency: 32, timeoutMs: 120_000 });
      const seconds = (performance.now() - started) / 1000;
      const summary = summarise(results);
      console.log(
        `${count} orders: ${(count / seconds).toFixed(0)} orders/s fully routed (${seconds.toFixed(2)} s), ` +
          `202 to last effect p50 ${summary.endToEnd.p50?.toFixed(0)} ms, p99 ${summary.endToEnd.p99?.toFixed(0)} ms; ` +
          `${summary.ok}/${count} routed as expected`,
      );
    }
  } finally {
    tb.destroy();
    await prepared.stop();
  }
}
