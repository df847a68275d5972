import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  type InputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { internalContext } from '../core/request-context';
import { errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const env = useEmulator();

async function stream(): Promise<{ logGroupName: string; logStreamName: string }> {
  const logGroupName = uniqueName('/test/put');
  await env.logs.send(new CreateLogGroupCommand({ logGroupName }));
  await env.logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 's' }));
  return { logGroupName, logStreamName: 's' };
}

async function messages(target: { logGroupName: string; logStreamName: string }): Promise<string[]> {
  const out = await env.logs.send(new GetLogEventsCommand({ ...target, startFromHead: true }));
  return out.events!.map((e) => e.message!);
}

describe('PutLogEvents', () => {
  it('stores a batch and answers a sequence token', async () => {
    const target = await stream();
    const now = Date.now();
    const out = await env.logs.send(new PutLogEventsCommand({ ...target, logEvents: [{ timestamp: now, message: 'one' }, { timestamp: now, message: 'two' }] }));
    expect(out.nextSequenceToken).toMatch(/^\d{56}$/);
    expect(out.rejectedLogEventsInfo).toBeUndefined();
    expect(await messages(target)).toEqual(['one', 'two']);
    // storedBytes counts the UTF-8 bytes of the messages.
    const group = (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: target.logGroupName }))).logGroups![0]!;
    expect(group.storedBytes).toBe(6);
  });

  it('reports too-old and too-new events by index and keeps the rest', async () => {
    const target = await stream();
    const now = Date.now();
    const out = await env.logs.send(
      new PutLogEventsCommand({
        ...target,
        logEvents: [
          { timestamp: now - 15 * DAY, message: 'old-1' },
          { timestamp: now - 14 * DAY - HOUR, message: 'old-2' },
          { timestamp: now - HOUR, message: 'kept-1' },
          { timestamp: now, message: 'kept-2' },
          { timestamp: now + 3 * HOUR, message: 'new-1' },
        ],
      }),
    );
    // tooOldLogEventEndIndex is exclusive, tooNewLogEventStartIndex inclusive.
    expect(out.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 2, tooNewLogEventStartIndex: 4 });
    expect(await messages(target)).toEqual(['kept-1', 'kept-2']);
  });

  it('reports events older than the retention period as expired', async () => {
    const target = await stream();
    await env.logs.send(new PutRetentionPolicyCommand({ logGroupName: target.logGroupName, retentionInDays: 1 }));
    const now = Date.now();
    const out = await env.logs.send(
      new PutLogEventsCommand({
        ...target,
        logEvents: [
          { timestamp: now - 3 * DAY, message: 'expired' },
          { timestamp: now, message: 'kept' },
        ],
      }),
    );
    expect(out.rejectedLogEventsInfo).toEqual({ expiredLogEventEndIndex: 1 });
    expect(await messages(target)).toEqual(['kept']);
  });

  it('refuses events out of chronological order', async () => {
    const target = await stream();
    const now = Date.now();
    const err = await errorOf(() =>
      env.logs.send(new PutLogEventsCommand({ ...target, logEvents: [{ timestamp: now, message: 'b' }, { timestamp: now - 2 * DAY, message: 'a' }] })),
    );
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toBe('Log events in a single PutLogEvents request must be in chronological order.');
    expect(await messages(target)).toEqual([]);
  });

  it('refuses a batch spanning more than 24 hours', async () => {
    const target = await stream();
    const now = Date.now();
    const err = await errorOf(() =>
      env.logs.send(new PutLogEventsCommand({ ...target, logEvents: [{ timestamp: now - DAY - HOUR, message: 'a' }, { timestamp: now, message: 'b' }] })),
    );
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toBe('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
  });

  it('counts 26 bytes per event towards the 1,048,576-byte batch limit', async () => {
    const target = await stream();
    const now = Date.now();
    // 4 events of 262,118 bytes: exactly 1,048,576 with the overhead.
    const fits: InputLogEvent[] = Array.from({ length: 4 }, () => ({ timestamp: now, message: 'x'.repeat(262_118) }));
    await env.logs.send(new PutLogEventsCommand({ ...target, logEvents: fits }));
    const over = [...fits.slice(0, 3), { timestamp: now, message: 'x'.repeat(262_119) }];
    const err = await errorOf(() => env.logs.send(new PutLogEventsCommand({ ...target, logEvents: over })));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toBe('Upload too large: 1048577 bytes exceeds limit of 1048576');
  });

  it('refuses a single event over 1 MB', async () => {
    const target = await stream();
    const err = await errorOf(() => env.logs.send(new PutLogEventsCommand({ ...target, logEvents: [{ timestamp: Date.now(), message: 'é'.repeat(524_276) }] })));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toBe('Log event too large: 1048578 bytes exceeds limit of 1048576');
  });

  it('refuses more than 10,000 events and an empty batch', async () => {
    const target = await stream();
    const now = Date.now();
    const many = Array.from({ length: 10_001 }, () => ({ timestamp: now, message: 'm' }));
    const err = await errorOf(() => env.logs.send(new PutLogEventsCommand({ ...target, logEvents: many })));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toMatch(/^1 validation error detected: Value '.*' at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000$/s);
    const empty = await errorOf(() => env.logs.send(new PutLogEventsCommand({ ...target, logEvents: [] })));
    expect(empty.message).toMatch(/at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1$/);
  });

  it('names the member that is missing or empty', async () => {
    const target = await stream();
    const err = await errorOf(() =>
      env.logs.send(new PutLogEventsCommand({ ...target, logEvents: [{ timestamp: Date.now(), message: 'ok' }, { timestamp: Date.now(), message: '' }, { message: 'x' } as InputLogEvent] })),
    );
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toBe(
      "2 validation errors detected: Value '' at 'logEvents.2.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value null at 'logEvents.3.member.timestamp' failed to satisfy constraint: Member must not be null",
    );
  });

  it('answers ResourceNotFoundException for a missing group or stream', async () => {
    const target = await stream();
    const event = [{ timestamp: Date.now(), message: 'm' }];
    const noGroup = await errorOf(() => env.logs.send(new PutLogEventsCommand({ logGroupName: uniqueName('/missing'), logStreamName: 's', logEvents: event })));
    expect([noGroup.name, noGroup.message]).toEqual(['ResourceNotFoundException', 'The specified log group does not exist.']);
    const noStream = await errorOf(() => env.logs.send(new PutLogEventsCommand({ logGroupName: target.logGroupName, logStreamName: 'nope', logEvents: event })));
    expect([noStream.name, noStream.message]).toEqual(['ResourceNotFoundException', 'The specified log stream does not exist.']);
    expect(noStream.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('appendEvents (the in-process write path)', () => {
  it('creates the stream, never the group, and drops events outside the accepted window', async () => {
    const ctx = internalContext();
    const group = uniqueName('/aws/lambda/fn');
    expect(env.emulator.hub.logs.hasLogGroup(ctx, group)).toBe(false);
    expect(() => env.emulator.hub.logs.appendEvents(ctx, group, 'stream', [{ timestamp: Date.now(), message: 'x' }])).toThrow('The specified log group does not exist.');

    env.emulator.hub.logs.ensureLogGroup(ctx, group);
    env.emulator.hub.logs.ensureLogGroup(ctx, group);
    expect(env.emulator.hub.logs.hasLogGroup(ctx, group)).toBe(true);
    const now = Date.now();
    env.emulator.hub.logs.appendEvents(ctx, group, '2026/01/01/[$LATEST]abc', [
      { timestamp: now - 20 * DAY, message: 'too old' },
      { timestamp: now, message: 'START RequestId: 1' },
      { timestamp: now + 1, message: 'END RequestId: 1' },
    ]);
    const streams = await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
    expect(streams.logStreams!.map((s) => s.logStreamName)).toEqual(['2026/01/01/[$LATEST]abc']);
    expect(await messages({ logGroupName: group, logStreamName: '2026/01/01/[$LATEST]abc' })).toEqual(['START RequestId: 1', 'END RequestId: 1']);
  });

  it('keeps events readable in timestamp order when they arrive out of order', async () => {
    const ctx = internalContext();
    const group = uniqueName('/test/append-order');
    env.emulator.hub.logs.ensureLogGroup(ctx, group);
    const now = Date.now();
    env.emulator.hub.logs.appendEvents(ctx, group, 's', [{ timestamp: now, message: 'second' }]);
    env.emulator.hub.logs.appendEvents(ctx, group, 's', [{ timestamp: now - 10, message: 'first' }]);
    expect(await messages({ logGroupName: group, logStreamName: 's' })).toEqual(['first', 'second']);
  });
});
