import { connect } from '../../testbed/connect';
import { replay } from '../../testbed/scenario/replay';
import { summarise } from '../../testbed/scenario/summary';
import { prepareTarget } from '../../testbed/targets';
import { startEmulator } from '../../emulator/server';

const LOCATIONS = ['us-east', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ca-central', 'ap-southeast-2'];

/**
 * Orders through the producer API with every route delivered, on the embedded target.
 * Throughput: a burst of orders published as fast as 32 clients can, counted until the last one
 * is fully routed. Latency: orders paced at a steady rate well below saturation, from each 202 to
 * the order's last effect (under a burst the same figure would measure the queue, not the path).
 * The burst runs twice, with tracing off and on, to show what the trace store costs.
 */
export async function run(): Promise<void> {
  // Tracing off first, then on (the default): the difference is what tracing costs.
  const off = await burst(false);
  const on = await burst(true, true);
  console.log(`tracing costs ${(((off - on) / off) * 100).toFixed(1)}% of orders/s (${off.toFixed(0)} off, ${on.toFixed(0)} on)`);
}

const order = (i: number, delayMs?: number) => ({
  location: LOCATIONS[i % LOCATIONS.length]!,
  category: 'bench',
  value: 1 + ((i * 37) % 2000),
  via: 'POST' as const,
  expectStatus: 202,
  delayMs,
});

/** A fresh emulator with tracing on or off, the stack deployed, a burst measured; orders/s. */
async function burst(trace: boolean, paced = false): Promise<number> {
  const emulator = await startEmulator({ port: 0, trace });
  const prepared = await prepareTarget({ target: 'embedded', endpoint: emulator.endpoint, log: () => {} });
  const tb = connect(prepared);
  let perSecond = 0;
  try {
    // Warm-up: every function gets its environments before anything is measured.
    await replay(tb, { name: 'warm-up', orders: Array.from({ length: 64 }, (_, i) => order(i)) }, { concurrency: 32 });
    for (const count of [1000]) {
      const started = performance.now();
      const results = await replay(tb, { name: `burst-${count}`, orders: Array.from({ length: count }, (_, i) => order(i)) }, { concurrency: 32, timeoutMs: 120_000 });
      const seconds = (performance.now() - started) / 1000;
      const summary = summarise(results);
      perSecond = count / seconds;
      console.log(`tracing ${trace ? 'on ' : 'off'}: burst of ${count} orders: ${perSecond.toFixed(0)} orders/s fully routed (${seconds.toFixed(2)} s; ${summary.ok}/${count} routed as expected)`);
    }
    if (!paced) return perSecond;
    for (const rate of [50, 100]) {
      const count = rate * 4;
      const results = await replay(tb, { name: `paced-${rate}`, orders: Array.from({ length: count }, (_, i) => order(i, 1000 / rate)) }, { concurrency: 32, timeoutMs: 60_000 });
      const summary = summarise(results);
      console.log(
        `${count} orders paced at ${rate}/s: 202 to last effect p50 ${summary.endToEnd.p50?.toFixed(0)} ms, p99 ${summary.endToEnd.p99?.toFixed(0)} ms, max ${summary.endToEnd.max?.toFixed(0)} ms (${summary.ok}/${count} routed as expected)`,
      );
    }
    return perSecond;
  } finally {
    tb.destroy();
    await prepared.stop();
    await emulator.stop();
  }
}
