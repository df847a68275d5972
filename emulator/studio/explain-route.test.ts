import { describe, expect, it } from 'vitest';
import { useEmulator } from '../testing/emulator-fixture';

const env = useEmulator();

async function explain(body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${env.endpoint}/_testbed/explain`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const pattern = { source: ['com.aws.orders'], detail: { location: [{ prefix: 'us-' }] } };
const event = (location: string) => ({ source: 'com.aws.orders', 'detail-type': 'Order Notification', detail: { location } });

describe('POST /_testbed/explain', () => {
  it('says why an event does not match, and nothing when it does', async () => {
    expect(await explain({ pattern, event: event('usa-east') })).toEqual({ status: 200, body: { matched: false, reason: 'detail.location: "usa-east" does not start with "us-"' } });
    expect(await explain({ pattern, event: event('us-east') })).toEqual({ status: 200, body: { matched: true } });
  });

  it('takes the pattern and the event as JSON texts too', async () => {
    const answer = await explain({ pattern: JSON.stringify(pattern), event: JSON.stringify(event('EU-west')) });
    expect(answer.body).toEqual({ matched: false, reason: 'detail.location: "EU-west" does not start with "us-"' });
  });

  it('answers 400 naming the problem', async () => {
    expect(await explain('not json')).toEqual({ status: 400, body: { message: 'The body must be a JSON object { "pattern": ..., "event": ... }.' } });
    expect(await explain({ event: event('x') })).toEqual({ status: 400, body: { message: 'pattern is missing.' } });
    expect(await explain({ pattern, event: '{' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^event is not valid JSON/) } });
    expect(await explain({ pattern, event: [1] })).toEqual({ status: 400, body: { message: 'event must be a JSON object.' } });
    expect(await explain({ pattern: { detail: { n: [] } }, event: event('x') })).toEqual({
      status: 400,
      body: { message: 'pattern: Event pattern is not valid. Reason: Empty arrays are not allowed' },
    });
  });
});
