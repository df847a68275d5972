import { startEmulator } from '../../emulator/server';
import { connect } from '../../testbed/connect';
import { replay } from '../../testbed/scenario/replay';
import { readScenario } from '../../testbed/scenario/scenario-file';
import { summarise } from '../../testbed/scenario/summary';
import { PROJECT_ROOT } from '../../testbed/project';
import { prepareTarget } from '../../testbed/targets';
import type { SummaryLine } from './index';

const LOCATIONS = ['us-east', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ca-central', 'ap-southeast-2'];

const order = (i: number, delayMs?: number) => ({
  location: LOCATIONS[i % LOCATIONS.length]!,
  category: 'bench',
  value: 1 + ((i * 37) % 2000),
  via: 'POST' as const,
  expectStatus: 202,
  delayMs,
});

/**
 * Orders through the producer API with every route delivered, on the embedded target.
 * The scenario: `mixed-regions-day` (1,000 orders) replayed on a freshly started emulator, cold
 * Lambda environments included, as `npm run scenario` replays it; timed from the first publish
 * until every order is followed to every route.
 * Throughput: then a burst of orders published as fast as 32 clients can, counted until the last
 * one is fully routed. Latency: orders paced at a steady rate well below saturation, from each 202
 * to the order's last effect (under a burst the same figure would measure the queue, not the path).
 * CPU: all threads of this process (emulator, Lambda environments, clients) per order.
 */
export async function run(): Promise<SummaryLine[]> {
  const prepared = await prepareTarget({ target: 'embedded', startEmbedded: true, log: () => {} });
  const tb = connect(prepared);
  const lines: SummaryLine[] = [];
  try {
    const day = await readScenario(`${PROJECT_ROOT}/scripts/scenarios/mixed-regions-day.ndjson`);
    {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const results = await replay(tb, day, { timeoutMs: 300_000 });
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const summary = summarise(results);
      const perOrder = (used.user + used.system) / 1000 / day.orders.length;
      console.log(
        `scenario mixed-regions-day (${day.orders.length} orders, fresh emulator): ${seconds.toFixed(2)} s, ${summary.ok}/${day.orders.length} routed as expected, CPU ${perOrder.toFixed(1)} ms per order; 202 to last effect p50 ${summary.endToEnd.p50?.toFixed(0)} ms, p99 ${summary.endToEnd.p99?.toFixed(0)} ms`,
      );
      lines.push({ label: 'the 1,000-order mixed-regions-day scenario', value: `${seconds.toFixed(1)} s (CPU ${perOrder.toFixed(1)} ms per order)`, aim: 'under 4 s' });
    }
    for (const count of [1000]) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const results = await replay(tb, { name: `burst-${count}`, orders: Array.from({ length: count }, (_, i) => order(i)) }, { concurrency: 32, timeoutMs: 120_000 });
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const summary = summarise(results);
      const perOrder = (used.user + used.system) / 1000 / count;
      console.log(`burst of ${count} orders: ${(count / seconds).toFixed(0)} orders/s fully routed (${seconds.toFixed(2)} s; ${summary.ok}/${count} routed as expected; CPU ${perOrder.toFixed(1)} ms per order)`);
      lines.push({ label: 'orders through the producer API, fully routed', value: `${(count / seconds).toFixed(0)} orders/s (burst of ${count}, warm)`, aim: 'at least 300 orders/s' });
    }
    for (const rate of [50, 100]) {
      const count = rate * 4;
      const results = await replay(tb, { name: `paced-${rate}`, orders: Array.from({ length: count }, (_, i) => order(i, 1000 / rate)) }, { concurrency: 32, timeoutMs: 60_000 });
      const summary = summarise(results);
      const { p50, p99, max } = summary.endToEnd;
      console.log(`${count} orders paced at ${rate}/s: 202 to last effect p50 ${p50?.toFixed(0)} ms, p99 ${p99?.toFixed(0)} ms, max ${max?.toFixed(0)} ms (${summary.ok}/${count} routed as expected)`);
      if (rate === 100) lines.push({ label: '202 to last effect at 100 orders/s', value: `p50 ${p50?.toFixed(0)} ms, p99 ${p99?.toFixed(0)} ms` });
    }
  } finally {
    tb.destroy();
    await prepared.stop();
  }
  // Tracing off, then on (the default), each on a fresh emulator: the difference is its cost.
  const off = await tracedBurst(false);
  const on = await tracedBurst(true);
  console.log(`tracing costs ${(((off - on) / off) * 100).toFixed(1)}% of orders/s (${off.toFixed(0)} off, ${on.toFixed(0)} on)`);
  lines.push({ label: 'tracing on vs off (Event Studio)', value: `${on.toFixed(0)} vs ${off.toFixed(0)} orders/s`, aim: 'under 10% slower' });
  return lines;
}

/** A fresh emulator with tracing on or off, the stack deployed, a warm-up, then a burst; orders/s. */
async function tracedBurst(trace: boolean): Promise<number> {
  const emulator = await startEmulator({ port: 0, trace });
  const prepared = await prepareTarget({ target: 'embedded', endpoint: emulator.endpoint, log: () => {} });
  const tb = connect(prepared);
  try {
    const batch = (name: string, count: number) => ({ name, orders: Array.from({ length: count }, (_, i) => order(i)) });
    await replay(tb, batch('warm-up', 100), { concurrency: 32, timeoutMs: 120_000 });
    const count = 500;
    const started = performance.now();
    const summary = summarise(await replay(tb, batch(`traced-${trace}`, count), { concurrency: 32, timeoutMs: 120_000 }));
    const perSecond = count / ((performance.now() - started) / 1000);
    console.log(`tracing ${trace ? 'on ' : 'off'}: burst of ${count} orders: ${perSecond.toFixed(0)} orders/s fully routed (${summary.ok}/${count} routed as expected)`);
    return perSecond;
  } finally {
    tb.destroy();
    await prepared.stop();
    await emulator.stop();
  }
}
