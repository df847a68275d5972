import { describe, expect, it } from 'vitest';
import { describeItem } from './observer';

describe('the table route in a failure message', () => {
  it('names the fields that decide the route, not the whole item', () => {
    const text = describeItem({
      orderId: { S: 'o-1' },
      location: { S: 'eu-west-1' },
      category: { S: 'books' },
      value: { N: '700' },
      dispatchState: { S: 'DISPATCHED' },
      claimToken: { S: '0b4c0c1e-token' },
      orderEventId: { S: 'event-id' },
      recordedAt: { S: '2026-01-01T00:00:00.000Z' },
    });
    expect(text).toBe('item with location eu-west-1, value 700, decision absent, dispatchState DISPATCHED, recordedAt 2026-01-01T00:00:00.000Z');
  });
});
