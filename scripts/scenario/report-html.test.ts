import { describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '../../testbed/routes';
import type { OrderResult } from '../../testbed/scenario/replay';
import { summarise } from '../../testbed/scenario/summary';
import { htmlReport, latencyChart, matrixOrder } from './report-html';

/** A routed order whose only expected route, the log group, took `ms` after a 202 at once. */
function routed(index: number, ms: number, problems: string[] = []): OrderResult {
  const seen = Object.fromEntries(ROUTES.map((r) => [r, { count: r === 'log' ? 1 : 0, latencyMs: r === 'log' ? ms : undefined }])) as Record<Route, { count: number; latencyMs?: number }>;
  const expected = Object.fromEntries(ROUTES.map((r) => [r, r === 'log'])) as Record<Route, boolean>;
  const order = { orderId: `o-${index}`, location: 'ca-central', value: 1, publishedAt: 0, acceptedAt: 0 };
  return { index, order: { location: 'ca-central', via: 'GET', expectStatus: 202 }, orderId: order.orderId, status: 202, outcome: { order, expected, seen, problems }, problems };
}

describe('the HTML report', () => {
  it('draws the histogram with a labelled y axis and x ticks, clipped at p99', () => {
    // 199 orders between 10 and 109 ms and one outlier at 60 s.
    const results = [...Array.from({ length: 199 }, (_, i) => routed(i, 10 + (i % 100))), routed(199, 60_000)];
    const svg = latencyChart(results);
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(labels).toContain('orders');
    expect(labels.filter((l) => /^\d+$/.test(l)).length).toBeGreaterThanOrEqual(3);
    expect(labels.filter((l) => /^\d+ ms$/.test(l)).length).toBeGreaterThanOrEqual(4);
    // The outlier does not stretch the axis; it is counted in the last bar and named.
    expect(labels).not.toContain('60000 ms');
    expect(svg).toMatch(/; 2 order\(s\) over p99 108 ms/);
    expect(svg).toContain('max 60000 ms');
  });

  it('lists orders with problems first, and can sort and filter the matrix', () => {
    const results = [routed(0, 5), routed(1, 6), routed(2, 7, ['API target: expected, not seen']), routed(3, 8)];
    expect(matrixOrder(results).map((r) => r.index)).toEqual([2, 0, 1, 3]);
    const html = htmlReport('x', results, summarise(results), 'embedded');
    expect(html.indexOf('<code>o-2</code>')).toBeLessThan(html.indexOf('<code>o-0</code>'));
    expect(html).toContain('id="problems"');
    expect(html).toContain('id="filter"');
    expect(html).toContain('<script>');
    expect(html).toMatch(/<tr data-problem="1"[^>]*><td>3<\/td>/);
  });
});

const linked: OrderResult[] = [
  { index: 0, order: { location: 'us-east', category: 'books', value: 5, via: 'GET', expectStatus: 202 } as OrderResult['order'], orderId: 'o-1', status: 202, problems: [] },
];

describe('the HTML report, beside the Event Studio', () => {
  it("links each order to its trace in the Event Studio when the emulator outlives the run", () => {
    const html = htmlReport('links', linked, summarise(linked), 'embedded', 'http://127.0.0.1:4566/_testbed/studio');
    expect(html).toContain('<a href="http://127.0.0.1:4566/_testbed/studio?orderId=o-1" title="its trace in the Event Studio"><code>o-1</code></a>');
  });

  it('shows the order id without a link otherwise', () => {
    const html = htmlReport('plain', linked, summarise(linked), 'localstack');
    expect(html).toContain('<td><code>o-1</code></td>');
    expect(html).not.toContain('_testbed/studio');
  });
});
