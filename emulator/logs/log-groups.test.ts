import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  ListLogGroupsCommand,
  type ListLogGroupsCommandInput,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutRetentionPolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  paginateDescribeLogGroups,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { clientConfig, errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';

const env = useEmulator();

async function describeOne(name: string) {
  const out = await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  return out.logGroups?.find((g) => g.logGroupName === name);
}

describe('CreateLogGroup / DescribeLogGroups / DeleteLogGroup', () => {
  it('creates a group that DescribeLogGroups reports in AWS shape', async () => {
    const name = uniqueName('/test/groups/shape');
    const before = Date.now();
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    const group = await describeOne(name);
    expect(group).toMatchObject({
      logGroupName: name,
      arn: `arn:aws:logs:us-east-1:000000000000:log-group:${name}:*`,
      logGroupArn: `arn:aws:logs:us-east-1:000000000000:log-group:${name}`,
      storedBytes: 0,
      metricFilterCount: 0,
      logGroupClass: 'STANDARD',
      deletionProtectionEnabled: false,
    });
    expect(group!.creationTime).toBeGreaterThanOrEqual(before);
    expect(group!.retentionInDays).toBeUndefined();
  });

  it('refuses a duplicate with ResourceAlreadyExistsException', async () => {
    const name = uniqueName('/test/groups/dup');
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    const err = await errorOf(() => env.logs.send(new CreateLogGroupCommand({ logGroupName: name })));
    expect(err.name).toBe('ResourceAlreadyExistsException');
    expect(err.message).toBe('The specified log group already exists');
  });

  it('validates names as AWS does', async () => {
    const tooLong = await errorOf(() => env.logs.send(new CreateLogGroupCommand({ logGroupName: 'a'.repeat(513) })));
    expect(tooLong.name).toBe('InvalidParameterException');
    expect(tooLong.message).toBe('Invalid LogGroup or LogStream, both must have length less than or equal to 512.');

    const badChars = await errorOf(() => env.logs.send(new CreateLogGroupCommand({ logGroupName: 'bad name!' })));
    expect(badChars.name).toBe('InvalidParameterException');
    expect(badChars.message).toBe(
      "1 validation error detected: Value 'bad name!' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    );

    const reserved = await errorOf(() => env.logs.send(new CreateLogGroupCommand({ logGroupName: 'aws/mine' })));
    expect(reserved.message).toBe('Log groups starting with AWS/ are reserved for AWS.');

    const missing = await errorOf(() => env.logs.send(new CreateLogGroupCommand({} as never)));
    expect(missing.name).toBe('InvalidParameterException');
    expect(missing.message).toBe("1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null");
  });

  it('pages through groups in name order with limit and nextToken', async () => {
    const prefix = uniqueName('/test/groups/page');
    const names = ['c', 'a', 'e', 'b', 'd'].map((s) => `${prefix}/${s}`);
    for (const n of names) await env.logs.send(new CreateLogGroupCommand({ logGroupName: n }));

    const first = await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, limit: 2 }));
    expect(first.logGroups!.map((g) => g.logGroupName)).toEqual([`${prefix}/a`, `${prefix}/b`]);
    expect(first.nextToken).toBeDefined();

    const seen: string[] = [];
    for await (const page of paginateDescribeLogGroups({ client: env.logs, pageSize: 2 }, { logGroupNamePrefix: prefix, limit: 2 })) {
      seen.push(...page.logGroups!.map((g) => g.logGroupName!));
    }
    expect(seen).toEqual([...names].sort());

    const last = await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, limit: 5 }));
    expect(last.logGroups).toHaveLength(5);
    expect(last.nextToken).toBeUndefined();
  });

  it('filters by a case-sensitive substring with logGroupNamePattern, exclusive of the prefix', async () => {
    const base = uniqueName('/test/groups/pattern');
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: `${base}/DataLogs` }));
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: `${base}/datalogs` }));
    const out = await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: `${base.slice(1)}/DataLogs` }));
    expect(out.logGroups!.map((g) => g.logGroupName)).toEqual([`${base}/DataLogs`]);

    const both = await errorOf(() => env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'x', logGroupNamePrefix: 'x' })));
    expect(both.name).toBe('InvalidParameterException');
    expect(both.message).toBe('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  });

  it('refuses a limit over 50 and a token it did not issue', async () => {
    const limit = await errorOf(() => env.logs.send(new DescribeLogGroupsCommand({ limit: 51 })));
    expect(limit.name).toBe('InvalidParameterException');
    expect(limit.message).toBe("1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50");
    const token = await errorOf(() => env.logs.send(new DescribeLogGroupsCommand({ nextToken: 'not-a-token' })));
    expect(token.message).toBe('The specified nextToken is invalid.');
  });

  it('answers a member of the wrong JSON type with SerializationException, as Coral does', async () => {
    const call = async (body: unknown) => {
      const res = await fetch(env.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { __type: string; message: string } };
    };
    expect(await call({ limit: '5' })).toEqual({ status: 400, body: { __type: 'SerializationException', message: 'STRING_VALUE cannot be converted to Integer' } });
    expect((await call({ logGroupNamePrefix: 5 })).body.message).toBe('NUMBER_VALUE cannot be converted to String');
    expect((await call({ logGroupIdentifiers: 'x' })).body.message).toBe('Unexpected field type');
  });

  it('deletes a group, and a second delete is ResourceNotFoundException', async () => {
    const name = uniqueName('/test/groups/delete');
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    await env.logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
    expect(await describeOne(name)).toBeUndefined();
    const err = await errorOf(() => env.logs.send(new DeleteLogGroupCommand({ logGroupName: name })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('The specified log group does not exist.');
  });

  it('keeps groups per region', async () => {
    const name = uniqueName('/test/groups/region');
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    const eu = new CloudWatchLogsClient({ ...clientConfig(env.endpoint), region: 'eu-west-1' });
    try {
      const out = await eu.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
      expect(out.logGroups).toEqual([]);
      await eu.send(new CreateLogGroupCommand({ logGroupName: name }));
      const created = await eu.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
      expect(created.logGroups![0]!.arn).toBe(`arn:aws:logs:eu-west-1:000000000000:log-group:${name}:*`);
    } finally {
      eu.destroy();
    }
  });
});

describe('PutRetentionPolicy / DeleteRetentionPolicy', () => {
  it('sets and clears retentionInDays', async () => {
    const name = uniqueName('/test/groups/retention');
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    await env.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 14 }));
    expect((await describeOne(name))!.retentionInDays).toBe(14);
    await env.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: name }));
    expect((await describeOne(name))!.retentionInDays).toBeUndefined();
  });

  it('accepts only the documented retention periods', async () => {
    const name = uniqueName('/test/groups/retention-bad');
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    const err = await errorOf(() => env.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 2 })));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toContain("Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14,");
    const missing = await errorOf(() => env.logs.send(new PutRetentionPolicyCommand({ logGroupName: uniqueName('/none'), retentionInDays: 7 })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });
});

describe('tags', () => {
  it('tags at creation, by ARN and by name', async () => {
    const name = uniqueName('/test/groups/tags');
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: { env: 'testing' } }));
    const arn = (await describeOne(name))!.logGroupArn!;
    await env.logs.send(new TagResourceCommand({ resourceArn: arn, tags: { team: 'orders' } }));
    expect((await env.logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ env: 'testing', team: 'orders' });
    await env.logs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['env'] }));
    expect((await env.logs.send(new ListTagsLogGroupCommand({ logGroupName: name }))).tags).toEqual({ team: 'orders' });
    const unknown = await errorOf(() => env.logs.send(new ListTagsForResourceCommand({ resourceArn: `${arn}-missing` })));
    expect(unknown.name).toBe('ResourceNotFoundException');
  });
});

describe('ListLogGroups', () => {
  it('lists summaries by name pattern (substring, ^prefix, |), class and page', async () => {
    const base = uniqueName('/test/list').replace(/^\/test\/list-/, 'lg');
    const names = [`/app/${base}/a`, `/app/${base}/b`, `/other/${base}/c`];
    for (const name of names) await env.logs.send(new CreateLogGroupCommand({ logGroupName: name, logGroupClass: name.endsWith('c') ? 'INFREQUENT_ACCESS' : undefined }));
    const list = async (input: ListLogGroupsCommandInput) => (await env.logs.send(new ListLogGroupsCommand(input))).logGroups?.map((g) => g.logGroupName);

    const first = await env.logs.send(new ListLogGroupsCommand({ logGroupNamePattern: base }));
    expect(first.logGroups).toEqual(
      names.map((logGroupName) => ({
        logGroupName,
        logGroupArn: `arn:aws:logs:us-east-1:000000000000:log-group:${logGroupName}`,
        logGroupClass: logGroupName.endsWith('c') ? 'INFREQUENT_ACCESS' : 'STANDARD',
      })),
    );
    expect(await list({ logGroupNamePattern: `^/other/${base.slice(0, 10)}|${base}/b` })).toEqual([names[1], names[2]]);
    expect(await list({ logGroupNamePattern: `^${base}` })).toEqual([]);
    expect(await list({ logGroupNamePattern: base.toUpperCase() })).toEqual([]);
    expect(await list({ logGroupNamePattern: base, logGroupClass: 'INFREQUENT_ACCESS', includeLinkedAccounts: true })).toEqual([names[2]]);

    const page1 = await env.logs.send(new ListLogGroupsCommand({ logGroupNamePattern: base, limit: 2 }));
    expect(page1.logGroups?.map((g) => g.logGroupName)).toEqual(names.slice(0, 2));
    const page2 = await env.logs.send(new ListLogGroupsCommand({ logGroupNamePattern: base, limit: 2, nextToken: page1.nextToken }));
    expect(page2.logGroups?.map((g) => g.logGroupName)).toEqual(names.slice(2));
    expect(page2.nextToken).toBeUndefined();
  });

  it('refuses a pattern outside the model with InvalidParameterException', async () => {
    const err = await errorOf(() => env.logs.send(new ListLogGroupsCommand({ logGroupNamePattern: 'a*' })));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toContain("Value 'a*' at 'logGroupNamePattern' failed to satisfy constraint: Member must satisfy regular expression pattern:");
  });
});
