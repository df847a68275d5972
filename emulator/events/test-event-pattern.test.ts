import { TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { errorOf, useEmulator } from '../testing/emulator-fixture';

const env = useEmulator();

const event = (detail: object, extra: object = {}) =>
  JSON.stringify({ id: '1', account: '123456789012', source: 'com.aws.orders', time: '2024-01-01T00:00:00Z', region: 'us-east-1', 'detail-type': 'Order Notification', resources: [], detail, ...extra });

async function matches(pattern: object, ev: string): Promise<boolean | undefined> {
  return (await env.events.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: ev }))).Result;
}

describe('TestEventPattern: the event', () => {
  it.each([
    ['plain string', 'plain string'],
    ['a JSON array', JSON.stringify(['plain string'])],
    ['an object without the required members', JSON.stringify({ testEvent: 'value' })],
    ['an event without detail-type', JSON.stringify({ id: '1', account: '1', source: 's', time: 't', region: 'r' })],
  ])('refuses %s with AWS message', async (_what, ev) => {
    const err = await errorOf(() => env.events.send(new TestEventPatternCommand({ EventPattern: '{"body":{"test2":[{"numeric":[">",100]}]}}', Event: ev })));
    expect(err).toMatchObject({ name: 'ValidationException', message: 'Parameter Event is not valid.' });
  });

  it('does not require resources', async () => {
    expect(await matches({ source: ['com.aws.orders'] }, JSON.stringify({ id: '1', account: '1', source: 'com.aws.orders', time: 't', region: 'r', 'detail-type': 'd' }))).toBe(true);
  });
});

// Cases after the AWS documentation on content filtering, for the operators the Orders rules use
// and those the recorded corpus covers thinly.
describe('TestEventPattern: content filtering from the AWS documentation', () => {
  it.each([
    [{ detail: { location: [{ prefix: 'us-' }] } }, { location: 'us-east' }, true],
    [{ detail: { location: [{ prefix: 'us-' }] } }, { location: 'eu-west' }, false],
    [{ source: [{ prefix: 'com.aws.order' }] }, {}, true],
    [{ detail: { value: [{ numeric: ['>', 0, '<=', 5] }] } }, { value: 5 }, true],
    [{ detail: { value: [{ numeric: ['>', 0, '<=', 5] }] } }, { value: 5.0001 }, false],
    [{ detail: { value: [{ numeric: ['=', 300] }] } }, { value: 3.0e2 }, true],
    [{ detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, { ip: '10.0.0.255' }, true],
    [{ detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, { ip: '10.0.1.0' }, false],
    [{ detail: { ip: [{ cidr: '2001:db8::/32' }] } }, { ip: '2001:db8:1234::1' }, true],
    [{ detail: { file: [{ wildcard: 'dir/*.png' }] } }, { file: 'dir/pic.png' }, true],
    [{ detail: { file: [{ wildcard: 'dir/\\*.png' }] } }, { file: 'dir/*.png' }, true],
    [{ detail: { file: [{ wildcard: 'dir/\\*.png' }] } }, { file: 'dir/pic.png' }, false],
    [{ detail: { $or: [{ location: [{ prefix: 'us-' }] }, { order: { value: [{ numeric: ['>', 100] }] } }] } }, { location: 'eu-west', order: { value: 150 } }, true],
    [{ detail: { $or: [{ location: [{ prefix: 'us-' }] }, { order: { value: [{ numeric: ['>', 100] }] } }] } }, { location: 'eu-west', order: { value: 50 } }, false],
    [{ detail: { category: [{ 'anything-but': ['books', 'toys'] }] } }, { category: 'food' }, true],
    [{ detail: { category: [{ 'equals-ignore-case': 'BOOKS' }] } }, { category: 'books' }, true],
    [{ detail: { orderId: [{ exists: false }] } }, { location: 'x' }, true],
  ])('%j on %j → %s', async (pattern, detail, expected) => {
    expect(await matches(pattern, event(detail))).toBe(expected);
  });

  it('refuses an invalid pattern with InvalidEventPatternException', async () => {
    const err = await errorOf(() => env.events.send(new TestEventPatternCommand({ EventPattern: '{"detail":{"value":[{"numeric":[">"]}]}}', Event: event({}) })));
    expect(err.name).toBe('InvalidEventPatternException');
    expect(err.message).toMatch(/^Event pattern is not valid\. Reason: /);
  });
});
