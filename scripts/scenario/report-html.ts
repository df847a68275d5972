import { ROUTES, ROUTE_LABELS } from '../../testbed/routes';
import type { OrderResult } from '../../testbed/scenario/replay';
import { lastEffectMs, percentile, type ReplaySummary } from '../../testbed/scenario/summary';
import { cell } from './report-text';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ms = (v: number | undefined) => (v === undefined ? '-' : `${Math.round(v)} ms`);

/** Round tick steps (1, 2 or 5 times a power of ten) so axis labels read easily. */
function niceStep(span: number, ticks: number): number {
  const raw = Math.max(span / ticks, 1e-9);
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

/**
 * A histogram of 202-to-last-effect latency as inline SVG, with labelled axes. The x axis ends
 * at the 99th percentile, so one slow order does not squash the rest into a bar; slower orders
 * are counted in a last bar marked "over p99".
 */
export function latencyChart(results: OrderResult[]): string {
  const values = results.flatMap((r) => lastEffectMs(r) ?? []).sort((a, b) => a - b);
  if (values.length === 0) return '<p>No routed order to chart.</p>';
  const p99 = percentile(values, 99)!;
  const clip = Math.max(p99, 1);
  const over = values.filter((v) => v > clip).length;
  const bins = 30;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) if (v <= clip) counts[Math.min(bins - 1, Math.floor((v / clip) * bins))]!++;
  const all = over > 0 ? [...counts, over] : counts;
  const [left, right, top, bottom] = [48, 16, 10, 36];
  const width = 760;
  const height = 260;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const bw = plotW / all.length;
  const yStep = niceStep(Math.max(...all), 4);
  const yMax = Math.ceil(Math.max(...all) / yStep) * yStep;
  const y = (c: number) => top + plotH - (c / yMax) * plotH;
  const bars = all
    .map((c, i) => {
      const label = i === bins ? `over p99 (${Math.round(clip)} ms)` : `${Math.round((i * clip) / bins)}–${Math.round(((i + 1) * clip) / bins)} ms`;
      const fill = i === bins ? '#f97316' : '#3b82f6';
      return `<rect x="${(left + i * bw + 1).toFixed(1)}" y="${y(c).toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${(top + plotH - y(c)).toFixed(1)}" fill="${fill}"><title>${label}: ${c} orders</title></rect>`;
    })
    .join('');
  const yTicks: string[] = [];
  for (let v = 0; v <= yMax; v += yStep) {
    yTicks.push(`<line x1="${left - 4}" y1="${y(v).toFixed(1)}" x2="${left + plotW}" y2="${y(v).toFixed(1)}" stroke="#e5e7eb"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="11" text-anchor="end">${v}</text>`);
  }
  const xStep = niceStep(clip, 6);
  const xTicks: string[] = [];
  for (let v = 0; v <= clip + 1e-9; v += xStep) {
    const x = left + (v / clip) * (bins * bw);
    xTicks.push(`<line x1="${x.toFixed(1)}" y1="${top + plotH}" x2="${x.toFixed(1)}" y2="${top + plotH + 4}" stroke="#555"/><text x="${x.toFixed(1)}" y="${top + plotH + 16}" font-size="11" text-anchor="middle">${Math.round(v)} ms</text>`);
  }
  const overLabel = over > 0 ? `<text x="${(left + bins * bw + bw / 2).toFixed(1)}" y="${top + plotH + 16}" font-size="11" text-anchor="middle">&gt;p99</text>` : '';
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Latency histogram, 202 to last effect">
${yTicks.join('')}${bars}
<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#555"/><line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#555"/>
${xTicks.join('')}${overLabel}
<text x="12" y="${top + plotH / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${top + plotH / 2})">orders</text>
<text x="${left + plotW / 2}" y="${height - 2}" font-size="11" text-anchor="middle">202 to last effect${over > 0 ? `; ${over} order(s) over p99 ${Math.round(clip)} ms, max ${Math.round(values.at(-1)!)} ms, in the last bar` : ''}</text>
</svg>`;
}

/** Sorts the matrix by a clicked column and filters its rows; the page works without it too. */
const MATRIX_SCRIPT = `
const table = document.getElementById('matrix');
const rows = () => [...table.tBodies[0].rows];
const apply = () => {
  const text = document.getElementById('filter').value.toLowerCase();
  const onlyProblems = document.getElementById('problems').checked;
  for (const row of rows()) row.hidden = (onlyProblems && row.dataset.problem !== '1') || (text !== '' && !row.textContent.toLowerCase().includes(text));
};
document.getElementById('filter').addEventListener('input', apply);
document.getElementById('problems').addEventListener('change', apply);
table.tHead.addEventListener('click', (e) => {
  const th = e.target.closest('th');
  if (!th) return;
  const col = th.cellIndex;
  const dir = th.dataset.dir === 'asc' ? -1 : 1;
  for (const other of table.tHead.rows[0].cells) delete other.dataset.dir;
  th.dataset.dir = dir === 1 ? 'asc' : 'desc';
  const key = (row) => row.cells[col].dataset.sort ?? row.cells[col].textContent;
  const sorted = rows().sort((a, b) => {
    const x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
    return dir * (Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y));
  });
  table.tBodies[0].append(...sorted);
});
`;

/** Problem orders first, in file order; then the rest, in file order. */
export function matrixOrder(results: OrderResult[]): OrderResult[] {
  return [...results].sort((a, b) => Number(b.problems.length > 0) - Number(a.problems.length > 0) || a.index - b.index);
}

/** `studio`: the Event Studio's address when the emulator runs; each order then links to its trace there. */
export function htmlReport(name: string, results: OrderResult[], summary: ReplaySummary, target: string, studio?: string): string {
  const colors = { ok: '#dcfce7', missed: '#fecaca', stray: '#fed7aa', none: '#f8fafc' };
  // Sort keys: a latency sorts by its value; MISSED and STRAY before any latency, untouched after.
  const sortKey = (c: ReturnType<typeof cell>, route: (typeof ROUTES)[number], r: OrderResult) =>
    c.state === 'ok' ? String(r.outcome?.seen[route].latencyMs ?? 0) : c.state === 'none' ? '1e12' : '-1';
  const matrix = matrixOrder(results)
    .map((r) => {
      const cells = ROUTES.map((route) => {
        const c = cell(r, route);
        return `<td style="background:${colors[c.state]}" data-sort="${sortKey(c, route, r)}">${esc(c.text)}</td>`;
      }).join('');
      const problems = r.problems.length ? ` data-problem="1" title="${esc(r.problems.join('\n'))}"` : '';
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
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}th{background:#f1f5f9;cursor:pointer}.bad{color:#b91c1c}td code{white-space:nowrap}</style>
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
<p>Green: reached (latency from the publish request); red: expected but missed; orange: reached but not expected; grey: rightly untouched. Orders with problems come first; click a column to sort by it.</p>
<p><label><input type="checkbox" id="problems"> only orders with problems (${summary.failed.length})</label> <label>filter <input type="search" id="filter" placeholder="order id, location, …"></label></p>
<table id="matrix"><thead><tr><th>#</th><th>order</th><th>location</th><th>via</th><th>status</th>${ROUTES.map((r) => `<th>${ROUTE_LABELS[r]}</th>`).join('')}</tr></thead>
<tbody>
${matrix}
</tbody></table>
<script>${MATRIX_SCRIPT}</script>
</body></html>
`;
}

function orderCell(orderId: string | undefined, studio: string | undefined): string {
  const code = `<code>${esc(orderId ?? '(none)')}</code>`;
  return orderId && studio ? `<a href="${esc(`${studio}?orderId=${encodeURIComponent(orderId)}`)}" title="its trace in the Event Studio">${code}</a>` : code;
}
