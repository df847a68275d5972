import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  type GetLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';

const env = useEmulator();
/** A stream of ten events, m0..m9, one millisecond apart from `t0`. */
const target = { logGroupName: '', logStreamName: 's' };
let t0 = 0;

beforeAll(async () => {
  target.logGroupName = uniqueName('/test/get');
  await env.logs.send(new CreateLogGroupCommand({ logGroupName: target.logGroupName }));
  await env.logs.send(new CreateLogStreamCommand(target));
  t0 = Date.now() - 60_000;
  await env.logs.send(new PutLogEventsCommand({ ...target, logEvents: Array.from({ length: 10 }, (_, i) => ({ timestamp: t0 + i, message: `m${i}` })) }));
});

async function get(input: Partial<GetLogEventsCommandInput>) {
  const out = await env.logs.send(new GetLogEventsCommand({ ...target, ...input }));
  return { messages: out.events!.map((e) => e.message!), forward: out.nextForwardToken!, backward: out.nextBackwardToken! };
}

describe('GetLogEvents', () => {
  it('returns the newest events by default and the oldest with startFromHead, each page in time order', async () => {
    expect((await get({ limit: 3 })).messages).toEqual(['m7', 'm8', 'm9']);
    expect((await get({ limit: 3, startFromHead: true })).messages).toEqual(['m0', 'm1', 'm2']);
    const all = await env.logs.send(new GetLogEventsCommand(target));
    expect(all.events).toHaveLength(10);
    expect(all.events![0]).toEqual({ timestamp: t0, message: 'm0', ingestionTime: expect.any(Number) });
  });

  it('issues tokens in AWS form', async () => {
    const page = await get({ limit: 3 });
    expect(page.forward).toMatch(/^f\/\d{56}\/s$/);
    expect(page.backward).toMatch(/^b\/\d{56}\/s$/);
  });

  it('walks forward from the head with nextForwardToken until the token repeats', async () => {
    const seen: string[] = [];
    let page = await get({ limit: 4, startFromHead: true });
    seen.push(...page.messages);
    for (let i = 0; i < 10; i++) {
      const next = await get({ limit: 4, startFromHead: true, nextToken: page.forward });
      seen.push(...next.messages);
      if (next.forward === page.forward) {
        expect(next.messages).toEqual([]);
        break;
      }
      page = next;
    }
    expect(seen).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);
  });

  it('walks backward from the tail with nextBackwardToken until the token repeats', async () => {
    const pages: string[][] = [];
    let page = await get({ limit: 4 });
    pages.push(page.messages);
    for (let i = 0; i < 10; i++) {
      const next = await get({ limit: 4, nextToken: page.backward });
      if (next.backward === page.backward) {
        expect(next.messages).toEqual([]);
        break;
      }
      pages.push(next.messages);
      page = next;
    }
    expect(pages).toEqual([['m6', 'm7', 'm8', 'm9'], ['m2', 'm3', 'm4', 'm5'], ['m0', 'm1']]);
  });

  it('turns around: the forward token of a backward page leads back to newer events', async () => {
    const tail = await get({ limit: 2 });
    const older = await get({ limit: 2, nextToken: tail.backward });
    expect(older.messages).toEqual(['m6', 'm7']);
    const newer = await get({ limit: 2, nextToken: older.forward });
    expect(newer.messages).toEqual(['m8', 'm9']);
  });

  it('sees events written after the forward token was issued', async () => {
    const group = uniqueName('/test/get-tail');
    const t = { logGroupName: group, logStreamName: 'tail' };
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await env.logs.send(new CreateLogStreamCommand(t));
    const empty = await env.logs.send(new GetLogEventsCommand({ ...t, startFromHead: true }));
    expect(empty.events).toEqual([]);
    await env.logs.send(new PutLogEventsCommand({ ...t, logEvents: [{ timestamp: Date.now(), message: 'late' }] }));
    const next = await env.logs.send(new GetLogEventsCommand({ ...t, startFromHead: true, nextToken: empty.nextForwardToken }));
    expect(next.events!.map((e) => e.message)).toEqual(['late']);
  });

  it('applies startTime inclusively and endTime exclusively', async () => {
    expect((await get({ startTime: t0 + 2, endTime: t0 + 5, startFromHead: true })).messages).toEqual(['m2', 'm3', 'm4']);
    expect((await get({ startTime: t0 + 20 })).messages).toEqual([]);
  });

  it('refuses a token it did not issue and a limit over 10,000', async () => {
    const token = await errorOf(() => get({ nextToken: 'f/123' }));
    expect([token.name, token.message]).toEqual(['InvalidParameterException', 'The specified nextToken is invalid.']);
    const limit = await errorOf(() => get({ limit: 10_001 }));
    expect(limit.name).toBe('InvalidParameterException');
    expect(limit.message).toBe("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000");
  });

  it('answers ResourceNotFoundException for a missing group or stream', async () => {
    const noStream = await errorOf(() => get({ logStreamName: 'missing' }));
    expect([noStream.name, noStream.message]).toEqual(['ResourceNotFoundException', 'The specified log stream does not exist.']);
    const noGroup = await errorOf(() => get({ logGroupName: uniqueName('/missing') }));
    expect([noGroup.name, noGroup.message]).toEqual(['ResourceNotFoundException', 'The specified log group does not exist.']);
  });
});
