import { CreateEventBusCommand, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../core/request-context';
import { errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';
import { rawCall, readEventRecords } from './testing';

const env = useEmulator();
let bus: string;

beforeAll(async () => {
  bus = uniqueName('put-bus');
  await env.events.send(new CreateEventBusCommand({ Name: bus }));
});

const good = (over: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
  Source: 'com.aws.orders',
  DetailType: 'Order Notification',
  Detail: JSON.stringify({ orderId: 'o-1', location: 'us-east' }),
  EventBusName: bus,
  ...over,
});

function nested(depth: number): string {
  return '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);
}

describe('PutEvents request limits', () => {
  it('refuses an empty list of entries', async () => {
    const err = await errorOf(() => env.events.send(new PutEventsCommand({ Entries: [] })));
    expect(err).toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });
  });

  it('refuses 11 entries, echoing them as AWS does', async () => {
    const detail = '{"command": "update-account"}';
    const err = await errorOf(() => env.events.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => good({ Source: 's', DetailType: 't', Detail: detail })) })));
    const one = `PutEventsRequestEntry(time=null, source=s, resources=null, detailType=t, detail=${detail}, eventBusName=${bus}, traceHeader=null, kmsKeyIdentifier=null, internalMetadata=null)`;
    expect(err).toMatchObject({
      name: 'ValidationException',
      message: `1 validation error detected: Value '[${Array(11).fill(one).join(', ')}]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10`,
    });
  });

  it('refuses entries of 1 MB or more in total, counted as AWS counts them', async () => {
    // 14 bytes for Time + Source + DetailType + Detail + Resources, in UTF-8 bytes.
    const fixed = 14 + 'src'.length + 'type'.length + 'arn:r'.length;
    const wrapper = '{"p":""}'.length;
    const justUnder = 1024 * 1024 - 1 - fixed - wrapper;
    const entry = (n: number, char = 'x') => ({ Source: 'src', DetailType: 'type', Resources: ['arn:r'], Time: new Date(), Detail: `{"p":"${char.repeat(n)}"}`, EventBusName: bus });
    const ok = await env.events.send(new PutEventsCommand({ Entries: [entry(justUnder)] }));
    expect(ok.FailedEntryCount).toBe(0);
    const err = await errorOf(() => env.events.send(new PutEventsCommand({ Entries: [entry(justUnder + 1)] })));
    expect(err).toMatchObject({ name: 'ValidationException', message: 'Total size of the entries in the request is over the limit.' });
    // Multi-byte characters count by their UTF-8 bytes, not as one each.
    const utf8 = await errorOf(() => env.events.send(new PutEventsCommand({ Entries: [entry(Math.ceil(justUnder / 2), 'é')] })));
    expect(utf8.name).toBe('ValidationException');
    // The limit is on the request: two entries of 600 KB each are over it together.
    const two = await errorOf(() => env.events.send(new PutEventsCommand({ Entries: [entry(600 * 1024), entry(600 * 1024)] })));
    expect(two.message).toBe('Total size of the entries in the request is over the limit.');
  });
});

describe('PutEvents per-entry checks', () => {
  it.each([
    [{ Source: undefined }, 'InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.'],
    [{ Source: '' }, 'InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.'],
    [{ DetailType: undefined }, 'InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.'],
    [{ DetailType: '' }, 'InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.'],
    [{ Detail: undefined }, 'InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.'],
    [{ Detail: 'not json' }, 'MalformedDetail', 'Detail is malformed.'],
    [{ Detail: '"a string"' }, 'MalformedDetail', 'Detail is malformed.'],
    [{ Detail: '["an", "array"]' }, 'MalformedDetail', 'Detail is malformed.'],
    [{ Detail: '{"unclosed": 1' }, 'MalformedDetail', 'Detail is malformed.'],
    [{ Detail: nested(1001) }, 'MalformedDetail', 'Detail is malformed.'],
  ])('fails the entry %j alone, with AWS code and message', async (over, code, message) => {
    const out = await env.events.send(new PutEventsCommand({ Entries: [good(), good(over as Partial<PutEventsRequestEntry>), good()] }));
    expect(out.FailedEntryCount).toBe(1);
    expect(out.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.Entries?.[1]).toEqual({ ErrorCode: code, ErrorMessage: message });
    expect(out.Entries?.[2]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts detail nested 1,000 levels deep', async () => {
    const out = await env.events.send(new PutEventsCommand({ Entries: [good({ Detail: nested(1000) })] }));
    expect(out.FailedEntryCount).toBe(0);
  });

  it('records every rejected entry with its reason', async () => {
    const source = uniqueName('rejected-source');
    await env.events.send(new PutEventsCommand({ Entries: [good({ Source: source, Detail: '[]' })] }));
    const rejected = (await readEventRecords(env.endpoint, { kind: 'rejected' })).filter((r) => r.source === source);
    expect(rejected).toEqual([expect.objectContaining({ errorCode: 'MalformedDetail', reason: 'Detail is malformed.', bus })]);
  });

  it('accepts an event for a bus that does not exist and drops it, as AWS does', async () => {
    const out = await env.events.send(new PutEventsCommand({ Entries: [good({ EventBusName: 'no-such-bus' })] }));
    expect(out.FailedEntryCount).toBe(0);
    const id = out.Entries![0]!.EventId!;
    const records = await readEventRecords(env.endpoint, { eventId: id });
    expect(records).toEqual([expect.objectContaining({ kind: 'dropped', bus: 'no-such-bus', reason: 'Event bus no-such-bus does not exist.' })]);
  });

  it('takes the bus by ARN', async () => {
    const out = await env.events.send(new PutEventsCommand({ Entries: [good({ EventBusName: `arn:aws:events:us-east-1:000000000000:event-bus/${bus}` })] }));
    const records = await readEventRecords(env.endpoint, { eventId: out.Entries![0]!.EventId! });
    expect(records[0]).toMatchObject({ kind: 'accepted', bus });
  });
});

describe('the in-process putEvents (Step Functions events:putEvents)', () => {
  it('answers exactly as the wire operation', async () => {
    const ctx = internalContext();
    const out = await env.emulator.hub.events.putEvents(ctx, [good(), good({ Detail: 'nope' })]);
    expect(out.FailedEntryCount).toBe(1);
    expect(out.Entries[1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    await expect(env.emulator.hub.events.putEvents(ctx, [])).rejects.toMatchObject({
      code: 'ValidationException',
      message: "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });
  });
});

describe('the JSON protocol', () => {
  it('answers UnknownOperationException for an operation EventBridge does not have', async () => {
    const res = await rawCall(env.endpoint, 'AWSEvents.MakeCoffee', '{}');
    expect(res.status).toBe(400);
    expect(res.errorType).toBe('UnknownOperationException');
  });

  it('answers SerializationException for a body that is not JSON', async () => {
    const res = await rawCall(env.endpoint, 'AWSEvents.PutEvents', '{"Entries": [');
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe('SerializationException');
  });

  it('answers SerializationException for a member of the wrong type', async () => {
    const res = await rawCall(env.endpoint, 'AWSEvents.PutEvents', '{"Entries": "not a list"}');
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe('SerializationException');
  });

  it('answers the missing-member error for PutEvents without Entries', async () => {
    const res = await rawCall(env.endpoint, 'AWSEvents.PutEvents', '{}');
    expect(res.json).toMatchObject({ __type: 'ValidationException', message: "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null" });
  });
});
