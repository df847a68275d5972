import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
  paginateFilterLogEvents,
  type FilterLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';

const env = useEmulator();
let group = '';
let t0 = 0;

const order = (orderId: string, value: number, location: string) =>
  JSON.stringify({ source: 'com.aws.orders', 'detail-type': 'Order Notification', detail: { orderId, value, location } });

// Two streams whose events interleave in time.
const streamA = ['[ERROR 400] BAD REQUEST', order('abc', 5, 'us-east'), 'WARN disk almost full', order('def', 50, 'eu-west')];
const streamB = ['[ERROR 419] MISSING ARGUMENTS', order('ghi', 500, 'ap-south'), 'INFO all good', 'ERROR WARN both'];

beforeAll(async () => {
  group = uniqueName('/test/filter');
  await env.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  t0 = Date.now() - 60_000;
  for (const [name, messages, offset] of [['a', streamA, 0], ['b', streamB, 1]] as const) {
    await env.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: name }));
    await env.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: name, logEvents: messages.map((message, i) => ({ timestamp: t0 + 10 * i + offset, message })) }));
  }
});

async function filter(input: Partial<FilterLogEventsCommandInput>) {
  return env.logs.send(new FilterLogEventsCommand({ logGroupName: group, ...input }));
}
const messagesOf = async (input: Partial<FilterLogEventsCommandInput>) => (await filter(input)).events!.map((e) => e.message);

describe('FilterLogEvents', () => {
  it('interleaves every stream in timestamp order and reports events in AWS shape', async () => {
    const out = await filter({});
    expect(out.events!.map((e) => e.message)).toEqual(streamA.flatMap((m, i) => [m, streamB[i]]));
    expect(out.searchedLogStreams).toEqual([]);
    expect(out.nextToken).toBeUndefined();
    expect(out.events![0]).toEqual({ logStreamName: 'a', timestamp: t0, message: streamA[0], ingestionTime: expect.any(Number), eventId: expect.stringMatching(/^\d{56}$/) });
    expect(new Set(out.events!.map((e) => e.eventId)).size).toBe(8);
  });

  // One case per kind of pattern, run through the API.
  const patterns: Array<[pattern: string, expected: string[]]> = [
    ['ERROR', [streamA[0]!, streamB[0]!, streamB[3]!]],
    ['ERROR ARGUMENTS', [streamB[0]!]],
    ['"BAD REQUEST"', [streamA[0]!]],
    ['?WARN ?INFO', [streamA[2]!, streamB[2]!, streamB[3]!]],
    ['ERROR -WARN', [streamA[0]!, streamB[0]!]],
    ['{ $.detail.orderId = "abc" }', [streamA[1]!]],
    ['{ $.detail.value > 10 }', [streamB[1]!, streamA[3]!]],
    ['{ $.detail.value >= 50 && $.detail.value < 100 }', [streamA[3]!]],
    ['{ $.detail.location = "eu-*" || $.detail.location = "ap-*" }', [streamB[1]!, streamA[3]!]],
    ['{ $.detail.missing NOT EXISTS && $.source = "com.aws.orders" }', [streamA[1]!, streamB[1]!, streamA[3]!].sort(byTime)],
    ['%^\\[ERROR 4[0-9]+\\]%', [streamA[0]!, streamB[0]!]],
    // Three space-delimited fields; `[ERROR 400]` counts as one.
    ['[a, b, c]', [streamA[0]!, streamB[0]!, streamB[2]!, streamB[3]!]],
    ['[level = WARN, ...]', [streamA[2]!]],
  ];
  function byTime(a: string, b: string): number {
    const at = (m: string) => (streamA.includes(m) ? 2 * streamA.indexOf(m) : 2 * streamB.indexOf(m) + 1);
    return at(a) - at(b);
  }
  it.each(patterns)('filterPattern %s', async (filterPattern, expected) => {
    expect(await messagesOf({ filterPattern })).toEqual(expected);
  });

  it('limits to named streams or a stream-name prefix, but not both', async () => {
    expect(await messagesOf({ logStreamNames: ['b'], filterPattern: 'ERROR' })).toEqual([streamB[0], streamB[3]]);
    expect(await messagesOf({ logStreamNamePrefix: 'a' })).toEqual(streamA);
    expect(await messagesOf({ logStreamNames: ['no-such-stream'] })).toEqual([]);
    const both = await errorOf(() => filter({ logStreamNames: ['a'], logStreamNamePrefix: 'a' }));
    expect(both.name).toBe('InvalidParameterException');
  });

  it('applies startTime and endTime, both inclusive', async () => {
    expect(await messagesOf({ startTime: t0 + 10, endTime: t0 + 20 })).toEqual([streamA[1], streamB[1], streamA[2]]);
  });

  it('pages with limit and nextToken, and stops when no token comes back', async () => {
    const first = await filter({ limit: 3 });
    expect(first.events).toHaveLength(3);
    expect(first.nextToken).toBeDefined();
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateFilterLogEvents({ client: env.logs, pageSize: 3 }, { logGroupName: group, limit: 3 })) {
      pages++;
      seen.push(...page.events!.map((e) => e.message!));
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(streamA.flatMap((m, i) => [m, streamB[i]!]));
    // A filtered walk pages over matches only.
    const errors: string[] = [];
    for await (const page of paginateFilterLogEvents({ client: env.logs }, { logGroupName: group, filterPattern: 'ERROR', limit: 1 })) {
      errors.push(...page.events!.map((e) => e.message!));
    }
    expect(errors).toEqual([streamA[0], streamB[0], streamB[3]]);
  });

  it('answers InvalidParameterException for a malformed pattern, a bad token or limit', async () => {
    const json = await errorOf(() => filter({ filterPattern: '{ $.detail.value > }' }));
    expect([json.name, json.message]).toEqual(['InvalidParameterException', 'Invalid filter pattern']);
    const brace = await errorOf(() => filter({ filterPattern: '{ $.detail.value > 1' }));
    expect(brace.message).toBe("If a filter pattern starts with '{' it must end with '}'");
    const term = await errorOf(() => filter({ filterPattern: '""' }));
    expect(term.message).toBe(`Invalid filter pattern: Invalid character(s) in term '""'`);
    const token = await errorOf(() => filter({ nextToken: 'garbage' }));
    expect(token.message).toBe('The specified nextToken is invalid.');
    const limit = await errorOf(() => filter({ limit: 10_001 }));
    expect(limit.message).toBe("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000");
  });

  it('answers ResourceNotFoundException for a missing group', async () => {
    const err = await errorOf(() => filter({ logGroupName: uniqueName('/missing') }));
    expect([err.name, err.message]).toEqual(['ResourceNotFoundException', 'The specified log group does not exist.']);
  });
});
