import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogStreamCommand,
  DescribeLogStreamsCommand,
  PutLogEventsCommand,
  paginateDescribeLogStreams,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';

const env = useEmulator();

async function groupWithStreams(...streams: string[]): Promise<string> {
  const group = uniqueName('/test/streams');
  await env.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  for (const s of streams) await env.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: s }));
  return group;
}

describe('CreateLogStream / DescribeLogStreams / DeleteLogStream', () => {
  it('creates a stream reported in AWS shape, gaining event times once written', async () => {
    const group = await groupWithStreams('s1');
    const fresh = (await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: group }))).logStreams![0]!;
    expect(fresh).toMatchObject({ logStreamName: 's1', arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:log-stream:s1`, storedBytes: 0 });
    expect(fresh.firstEventTimestamp).toBeUndefined();
    expect(fresh.uploadSequenceToken).toBeUndefined();

    const now = Date.now();
    await env.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 's1', logEvents: [{ timestamp: now - 1000, message: 'a' }, { timestamp: now, message: 'b' }] }));
    const written = (await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: group }))).logStreams![0]!;
    expect(written.firstEventTimestamp).toBe(now - 1000);
    expect(written.lastEventTimestamp).toBe(now);
    expect(written.lastIngestionTime).toBeGreaterThanOrEqual(now - 1000);
    expect(written.uploadSequenceToken).toMatch(/^\d{56}$/);
  });

  it('refuses a duplicate stream and a stream in a missing group', async () => {
    const group = await groupWithStreams('dup');
    const dup = await errorOf(() => env.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'dup' })));
    expect(dup.name).toBe('ResourceAlreadyExistsException');
    expect(dup.message).toBe('The specified log stream already exists');
    const noGroup = await errorOf(() => env.logs.send(new CreateLogStreamCommand({ logGroupName: uniqueName('/missing'), logStreamName: 's' })));
    expect(noGroup.name).toBe('ResourceNotFoundException');
    expect(noGroup.message).toBe('The specified log group does not exist.');
    const badName = await errorOf(() => env.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'a:b' })));
    expect(badName.name).toBe('InvalidParameterException');
    expect(badName.message).toBe("1 validation error detected: Value 'a:b' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*");
  });

  it('orders by name or by last event time, ascending or descending', async () => {
    const group = await groupWithStreams('b', 'c', 'a');
    const now = Date.now();
    // Last event times: c oldest, a newest, b in between.
    for (const [s, t] of [['c', now - 3000], ['b', now - 2000], ['a', now - 1000]] as const) {
      await env.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: s, logEvents: [{ timestamp: t, message: s }] }));
    }
    const names = async (input: { orderBy?: 'LogStreamName' | 'LastEventTime'; descending?: boolean }) =>
      (await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, ...input }))).logStreams!.map((s) => s.logStreamName);
    expect(await names({})).toEqual(['a', 'b', 'c']);
    expect(await names({ descending: true })).toEqual(['c', 'b', 'a']);
    expect(await names({ orderBy: 'LastEventTime' })).toEqual(['c', 'b', 'a']);
    expect(await names({ orderBy: 'LastEventTime', descending: true })).toEqual(['a', 'b', 'c']);
  });

  it('filters by prefix, but not together with LastEventTime ordering', async () => {
    const group = await groupWithStreams('app/1', 'app/2', 'web/1');
    const out = await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: 'app/' }));
    expect(out.logStreams!.map((s) => s.logStreamName)).toEqual(['app/1', 'app/2']);
    const err = await errorOf(() => env.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: 'app/', orderBy: 'LastEventTime' })));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toBe('Cannot order by LastEventTime with a logStreamNamePrefix.');
  });

  it('pages with limit and nextToken', async () => {
    const streams = Array.from({ length: 7 }, (_, i) => `s${i}`);
    const group = await groupWithStreams(...streams);
    const first = await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, limit: 3 }));
    expect(first.logStreams!.map((s) => s.logStreamName)).toEqual(['s0', 's1', 's2']);
    expect(first.nextToken).toBeDefined();
    const seen: string[] = [];
    for await (const page of paginateDescribeLogStreams({ client: env.logs, pageSize: 3 }, { logGroupName: group })) {
      expect(page.logStreams!.length).toBeLessThanOrEqual(3);
      seen.push(...page.logStreams!.map((s) => s.logStreamName!));
    }
    expect(seen).toEqual(streams);
  });

  it('accepts the group by identifier (name or ARN) but not both name and identifier', async () => {
    const group = await groupWithStreams('s');
    const arn = `arn:aws:logs:us-east-1:000000000000:log-group:${group}`;
    for (const id of [group, arn]) {
      const out = await env.logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: id }));
      expect(out.logStreams!.map((s) => s.logStreamName)).toEqual(['s']);
    }
    // The identifier's pattern admits no `*`, so the `:*` form of the ARN is refused.
    const starred = await errorOf(() => env.logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: `${arn}:*` })));
    expect(starred.name).toBe('InvalidParameterException');
    const both = await errorOf(() => env.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, logGroupIdentifier: arn })));
    expect(both.name).toBe('ValidationException');
    expect(both.message).toBe('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
    const missing = await errorOf(() => env.logs.send(new DescribeLogStreamsCommand({ logGroupName: uniqueName('/missing') })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('deletes a stream; deleting it again is ResourceNotFoundException', async () => {
    const group = await groupWithStreams('gone', 'kept');
    await env.logs.send(new DeleteLogStreamCommand({ logGroupName: group, logStreamName: 'gone' }));
    const out = await env.logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
    expect(out.logStreams!.map((s) => s.logStreamName)).toEqual(['kept']);
    const err = await errorOf(() => env.logs.send(new DeleteLogStreamCommand({ logGroupName: group, logStreamName: 'gone' })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('The specified log stream does not exist.');
  });
});
