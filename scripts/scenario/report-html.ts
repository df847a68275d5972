import { ROUTES, ROUTE_LABELS } from '../../testbed/routes';
import type { OrderResult } from '../../testbed/scenario/replay';
import { lastEffectMs, type ReplaySummary } from '../../testbed/scenario/summary';
import { cell } from './report-text';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ms = (v: number | undefined) => (v === undefined ? '-' : `${Math.round(v)} ms`);

/** A histogram of publish-to-last-effect latency as inline SVG: no scripts, no external files. */
function latencyChart(results: OrderResult[]): string {
  const values = results.flatMap((r) => lastEffectMs(r) ?? []);
  if (values.length === 0) return '<p>No routed order to chart.</p>';
  const max = Math.max(...values, 1);
  const bins = 30;
  const width = 720;
  const height = 220;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v / max) * bins))]!++;
  const top = Math.max(...counts);
  const bw = width / bins;
  const bars = counts
    .map((c, i) => {
      const h = (c / top) * (height - 30);
      const from = Math.round((i * max) / bins);
      const to = Math.round(((i + 1) * max) / bins);
      return `<rect x="${(i * bw + 1).toFixed(1)}" y="${(height - 20 - h).toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="#3b82f6"><title>${from}–${to} ms: ${c} orders</title></rect>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Latency histogram">
${bars}<line x1="0" y1="${height - 20}" x2="${width}" y2="${height - 20}" stroke="#555"/>
<text x="0" y="${height - 4}" font-size="12">0 ms</text><text x="${width}" y="${height - 4}" font-size="12" text-anchor="end">${Math.round(max)} ms</text>
</svg>`;
}

/** `studio`: the Event Studio's address when the emulator runs; each order then links to its trace there. */
export function htmlReport(name: string, results: OrderResult[], summary: ReplaySummary, target: string, studio?: string): string {
  const colors = { ok: '#dcfce7', missed: '#fecaca', stray: '#fed7aa', none: '#f8fafc' };
  const matrix = results
    .map((r) => {
      const cells = ROUTES.map((route) => {
        const c = cell(r, route);
        return `<td style="background:${colors[c.state]}">${esc(c.text)}</td>`;
      }).join('');
      const problems = r.problems.length ? ` title="${esc(r.problems.join('\n'))}"` : '';
      return `<tr${problems}><td>${r.index + 1}</td><td>${orderCell(r.orderId, studio)}</td><td>${esc(String(r.order.location ?? ''))}</td><td>${r.order.via}</td><td>${r.status}</td>${cells}</tr>`;
    })
    .join('\n');
  const perRoute = summary.routes
    .map((s) => `<tr><td>${ROUTE_LABELS[s.route]}</td><td>${s.expected}</td><td>${s.delivered}</td><td>${s.missed}</td><td>${s.unexpected}</td><td>${ms(s.p50)}</td><td>${ms(s.p99)}</td></tr>`)
    .join('');
  const failures = summary.failed
    .map((r) => `<li><code>${esc(r.orderId ?? '(no id)')}</code> (${esc(String(r.order.location ?? ''))}): ${r.problems.map(esc).join('; ')}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Routing report: ${esc(name)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}th{background:#f1f5f9}.bad{color:#b91c1c}td code{white-space:nowrap}</style>
</head><body>
<h1>Routing report: ${esc(name)}</h1>
<p>Target: <b>${esc(target)}</b>. Orders: ${summary.orders}; routed as expected: ${summary.ok}; with problems: <span class="${summary.failed.length ? 'bad' : ''}">${summary.failed.length}</span>.
202 to last effect: p50 ${ms(summary.endToEnd.p50)}, p99 ${ms(summary.endToEnd.p99)}, max ${ms(summary.endToEnd.max)}.</p>
<h2>Per route</h2>
<table><tr><th>route</th><th>expected</th><th>delivered</th><th>missed</th><th>stray</th><th>p50</th><th>p99</th></tr>${perRoute}</table>
${failures ? `<h2 class="bad">Problems</h2><ul>${failures}</ul>` : ''}
<h2>Latency, 202 to last effect</h2>
${latencyChart(results)}
<h2>Routing matrix</h2>
<p>Green: reached (latency from the publish request); red: expected but missed; orange: reached but not expected; grey: rightly untouched.</p>
<table><tr><th>#</th><th>order</th><th>location</th><th>via</th><th>status</th>${ROUTES.map((r) => `<th>${ROUTE_LABELS[r]}</th>`).join('')}</tr>
${matrix}
</table>
</body></html>
`;
}

function orderCell(orderId: string | undefined, studio: string | undefined): string {
  const code = `<code>${esc(orderId ?? '(none)')}</code>`;
  return orderId && studio ? `<a href="${esc(`${studio}?orderId=${encodeURIComponent(orderId)}`)}" title="its trace in the Event Studio">${code}</a>` : code;
}
