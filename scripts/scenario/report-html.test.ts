import { describe, expect, it } from 'vitest';
import type { OrderResult } from '../../testbed/scenario/replay';
import { htmlReport } from './report-html';
import { summarise } from '../../testbed/scenario/summary';

const results: OrderResult[] = [
  { index: 0, order: { location: 'us-east', category: 'books', value: 5, via: 'GET', expectStatus: 202 } as OrderResult['order'], orderId: 'o-1', status: 202, problems: [] },
];

describe('the HTML report', () => {
  it("links each order to its trace in the Event Studio when the emulator outlives the run", () => {
    const html = htmlReport('links', results, summarise(results), 'embedded', 'http://127.0.0.1:4566/_testbed/studio');
    expect(html).toContain('<a href="http://127.0.0.1:4566/_testbed/studio?orderId=o-1" title="its trace in the Event Studio"><code>o-1</code></a>');
  });

  it('shows the order id without a link otherwise', () => {
    const html = htmlReport('plain', results, summarise(results), 'localstack');
    expect(html).toContain('<td><code>o-1</code></td>');
    expect(html).not.toContain('_testbed/studio');
  });
});
