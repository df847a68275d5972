import { ROUTES, ROUTE_LABELS } from '../../testbed/routes';
import type { OrderResult } from '../../testbed/scenario/replay';
import type { ReplaySummary } from '../../testbed/scenario/summary';

const ms = (v: number | undefined) => (v === undefined ? '-' : `${Math.round(v)} ms`);

/** One cell of the routing matrix: reached (with latency), missed, stray, or rightly untouched. */
export function cell(r: OrderResult, route: (typeof ROUTES)[number]): { text: string; state: 'ok' | 'missed' | 'stray' | 'none' } {
  const o = r.outcome;
  if (!o) return { text: '', state: 'none' };
  const seen = o.seen[route];
  if (o.expected[route]) return seen.count > 0 ? { text: ms(seen.latencyMs), state: 'ok' } : { text: 'MISSED', state: 'missed' };
  return seen.count > 0 ? { text: 'STRAY', state: 'stray' } : { text: '·', state: 'none' };
}

/** The routing report: a row per order (up to `maxRows`), then counts per route, then problems. */
export function textReport(name: string, results: OrderResult[], summary: ReplaySummary, maxRows = 50): string {
  const header = ['#', 'order', 'location', 'via', 'status', ...ROUTES.map((r) => ROUTE_LABELS[r])];
  const rows = results.slice(0, maxRows).map((r) => [
    String(r.index + 1),
    r.orderId ?? '(none)',
    String(r.order.location ?? ''),
    r.order.via,
    String(r.status),
    ...ROUTES.map((route) => cell(r, route).text),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [`Routing report: ${name}`, '', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  if (results.length > maxRows) out.push(`... ${results.length - maxRows} more orders (all of them are in the HTML report)`);
  out.push('', 'Per route:');
  for (const s of summary.routes) {
    out.push(
      `  ${ROUTE_LABELS[s.route].padEnd(15)} expected ${String(s.expected).padStart(5)}  delivered ${String(s.delivered).padStart(5)}  missed ${String(s.missed).padStart(4)}  stray ${String(s.unexpected).padStart(4)}  p50 ${ms(s.p50).padStart(7)}  p99 ${ms(s.p99).padStart(7)}`,
    );
  }
  out.push(
    '',
    `Orders: ${summary.orders}, routed as expected: ${summary.ok}, with problems: ${summary.failed.length}. 202 to last effect: p50 ${ms(summary.endToEnd.p50)}, p99 ${ms(summary.endToEnd.p99)}, max ${ms(summary.endToEnd.max)}.`,
  );
  for (const r of summary.failed) {
    out.push(`\nOrder #${r.index + 1} ${r.orderId ?? '(no id)'} (${r.order.location ?? 'no location'}):`, ...r.problems.map((p) => `  - ${p}`));
  }
  return out.join('\n');
}
