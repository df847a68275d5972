import { CreateLogGroupCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateEventBusCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand, DisableRuleCommand, type PutTargetsCommandInput } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { uniqueName, useEmulator } from '../testing/emulator-fixture';
import { readEventRecords, settled, waitForEventRecords } from './testing';

const env = useEmulator({ timeScale: 0.001 });

const groupArn = (name: string) => `arn:aws:logs:us-east-1:000000000000:log-group:${name}:*`;

/** A bus with one rule and the given targets; returns the bus name. */
async function busWithRule(pattern: object, targets: PutTargetsCommandInput['Targets']): Promise<string> {
  const bus = uniqueName('bus');
  await env.events.send(new CreateEventBusCommand({ Name: bus }));
  await env.events.send(new PutRuleCommand({ Name: 'rule', EventBusName: bus, EventPattern: JSON.stringify(pattern) }));
  await env.events.send(new PutTargetsCommand({ Rule: 'rule', EventBusName: bus, Targets: targets }));
  return bus;
}

async function put(bus: string, detail: object, extra: Record<string, unknown> = {}): Promise<string> {
  const out = await env.events.send(new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: 'com.aws.orders', DetailType: 'Order Notification', Detail: JSON.stringify(detail), ...extra }] }));
  expect(out.FailedEntryCount).toBe(0);
  return out.Entries![0]!.EventId!;
}

async function logMessages(group: string, stream: string): Promise<string[]> {
  const out = await env.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true }));
  return (out.events ?? []).map((e) => e.message!);
}

describe('CloudWatch Logs target', () => {
  it('writes the event, in AWS envelope, as one log event in a stream named after the event id', async () => {
    const group = `/aws/events/${uniqueName('orders')}`;
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const bus = await busWithRule({ source: [{ prefix: 'com.aws.order' }] }, [{ Id: 'log', Arn: groupArn(group) }]);
    const time = new Date('2024-03-04T05:06:07.890Z');
    const detail = { orderId: 'o-1', category: 'books', value: 12.5, location: 'us-east', createdAt: '2024-03-04T05:06:00Z' };
    const id = await put(bus, detail, { Time: time, Resources: ['arn:aws:s3:::bucket'] });

    const records = await waitForEventRecords(env.endpoint, { eventId: id }, (r) => settled(r, 1));
    expect(records.map((r) => r.kind)).toEqual(['accepted', 'matched', 'delivery']);
    expect(records[2]).toMatchObject({ outcome: 'succeeded', attempt: 1, rule: 'rule', targetId: 'log', targetArn: groupArn(group) });
    expect(typeof records[2]!.latencyMs).toBe('number');

    const [message] = await logMessages(group, id);
    expect(JSON.parse(message!)).toEqual({
      version: '0',
      id,
      'detail-type': 'Order Notification',
      source: 'com.aws.orders',
      account: '000000000000',
      time: '2024-03-04T05:06:07Z',
      region: 'us-east-1',
      resources: ['arn:aws:s3:::bucket'],
      detail,
    });
    // AWS's key order, so the log line reads as it does on AWS.
    expect(Object.keys(JSON.parse(message!))).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
  });

  it('takes timestamp and message from an InputTransformer of that form', async () => {
    const group = `/aws/events/${uniqueName('transformed')}`;
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const bus = await busWithRule({ source: ['com.aws.orders'] }, [
      { Id: 'log', Arn: groupArn(group), InputTransformer: { InputPathsMap: { t: '$.time', id: '$.detail.orderId' }, InputTemplate: '{"timestamp": <t>, "message": "order <id> received"}' } },
    ]);
    const id = await put(bus, { orderId: 'o-42' });
    await waitForEventRecords(env.endpoint, { eventId: id }, (r) => settled(r, 1));
    expect(await logMessages(group, id)).toEqual(['order o-42 received']);
  });

  it('fails delivery to a log group that does not exist, without retrying, and records it', async () => {
    const bus = await busWithRule({ source: ['com.aws.orders'] }, [
      { Id: 'missing', Arn: groupArn('/aws/events/none') },
      { Id: 'missing-dlq', Arn: groupArn('/aws/events/none'), DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' } },
    ]);
    const id = await put(bus, { orderId: 'o-2' });
    const records = await waitForEventRecords(env.endpoint, { eventId: id }, (r) => r.filter((x) => x.kind === 'discarded' || x.kind === 'dead-letter').length === 2);
    const attempts = records.filter((r) => r.kind === 'delivery');
    expect(attempts).toHaveLength(2);
    for (const a of attempts) expect(a).toMatchObject({ outcome: 'failed-final', attempt: 1, status: 'ResourceNotFoundException' });
    expect(records.find((r) => r.kind === 'discarded')).toMatchObject({ targetId: 'missing', errorCode: 'ResourceNotFoundException' });
    expect(records.find((r) => r.kind === 'dead-letter')).toMatchObject({
      targetId: 'missing-dlq',
      deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
      event: expect.objectContaining({ id, source: 'com.aws.orders' }),
    });
  });
});

describe('routing through PutEvents', () => {
  it('delivers only what each rule pattern matches: prefix, numeric and $or', async () => {
    const group = `/aws/events/${uniqueName('routing')}`;
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const bus = uniqueName('routing-bus');
    await env.events.send(new CreateEventBusCommand({ Name: bus }));
    const rules: Record<string, object> = {
      us: { detail: { location: [{ prefix: 'us-' }] } },
      big: { detail: { value: [{ numeric: ['>=', 100] }] } },
      either: { detail: { $or: [{ category: ['books'] }, { value: [{ numeric: ['<', 10] }] }] } },
    };
    for (const [name, pattern] of Object.entries(rules)) {
      await env.events.send(new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: JSON.stringify(pattern) }));
      await env.events.send(new PutTargetsCommand({ Rule: name, EventBusName: bus, Targets: [{ Id: 'log', Arn: groupArn(group) }] }));
    }
    const cases: [object, string[]][] = [
      [{ location: 'us-east', value: 5, category: 'toys' }, ['either', 'us']],
      [{ location: 'eu-west', value: 150, category: 'toys' }, ['big']],
      [{ location: 'eu-west', value: 50, category: 'books' }, ['either']],
      [{ location: 'ap-south', value: 50, category: 'toys' }, []],
    ];
    for (const [detail, expected] of cases) {
      const id = await put(bus, detail);
      const records = await waitForEventRecords(env.endpoint, { eventId: id }, (r) => settled(r, expected.length) && r.some((x) => x.kind === 'accepted'));
      const matched = records.filter((r) => r.kind === 'matched').map((r) => r.rule).sort();
      expect(matched, JSON.stringify(detail)).toEqual(expected);
      if (expected.length > 0) expect(await logMessages(group, id)).toHaveLength(expected.length);
    }
  });

  it('does not route to a disabled rule', async () => {
    const group = `/aws/events/${uniqueName('disabled')}`;
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const bus = await busWithRule({ source: ['com.aws.orders'] }, [{ Id: 'log', Arn: groupArn(group) }]);
    await env.events.send(new DisableRuleCommand({ Name: 'rule', EventBusName: bus }));
    const id = await put(bus, { orderId: 'o-3' });
    // A second event on an enabled rule elsewhere proves routing has run past the first one.
    const probeBus = await busWithRule({ source: ['com.aws.orders'] }, [{ Id: 'log', Arn: groupArn(group) }]);
    const probe = await put(probeBus, { orderId: 'probe' });
    await waitForEventRecords(env.endpoint, { eventId: probe }, (r) => settled(r, 1));
    const records = await readEventRecords(env.endpoint, { eventId: id });
    expect(records.map((r) => r.kind)).toEqual(['accepted']);
  });
});
