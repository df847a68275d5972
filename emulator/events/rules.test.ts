import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  CreateEventBusCommand,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';

const env = useEmulator();
let bus: string;
const pattern = JSON.stringify({ source: ['com.aws.orders'], 'detail-type': ['Order Notification'] });

beforeAll(async () => {
  bus = uniqueName('rules-bus');
  await env.events.send(new CreateEventBusCommand({ Name: bus }));
});

describe('PutRule / DescribeRule', () => {
  it('puts a rule on a custom bus and describes it back', async () => {
    const out = await env.events.send(new PutRuleCommand({ Name: 'orders-rule', EventBusName: bus, EventPattern: pattern, Description: 'd' }));
    expect(out.RuleArn).toBe(`arn:aws:events:us-east-1:000000000000:rule/${bus}/orders-rule`);
    const rule = await env.events.send(new DescribeRuleCommand({ Name: 'orders-rule', EventBusName: bus }));
    expect(rule).toMatchObject({
      Name: 'orders-rule',
      Arn: out.RuleArn,
      EventPattern: pattern,
      State: 'ENABLED',
      Description: 'd',
      EventBusName: bus,
      CreatedBy: '000000000000',
    });
  });

  it('gives rules on the default bus the short ARN form', async () => {
    const out = await env.events.send(new PutRuleCommand({ Name: uniqueName('default-rule'), EventPattern: pattern }));
    expect(out.RuleArn).toMatch(/^arn:aws:events:us-east-1:000000000000:rule\/default-rule-\d+-\d+$/);
  });

  it('accepts and stores a schedule expression on the default bus', async () => {
    const name = uniqueName('scheduled');
    await env.events.send(new PutRuleCommand({ Name: name, ScheduleExpression: 'rate(5 minutes)', State: 'DISABLED' }));
    const rule = await env.events.send(new DescribeRuleCommand({ Name: name }));
    expect(rule).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'DISABLED' });
    await env.events.send(new PutRuleCommand({ Name: uniqueName('cron'), ScheduleExpression: 'cron(0 12 * * ? *)' }));
  });

  it.each([
    [{ Name: 'x' }, 'ValidationException', 'Parameter(s) EventPattern or ScheduleExpression must be specified.'],
    [{ Name: 'x', ScheduleExpression: 'rate(1 minutes)' }, 'ValidationException', 'Parameter ScheduleExpression is not valid.'],
    [{ Name: 'x', ScheduleExpression: 'every hour' }, 'ValidationException', 'Parameter ScheduleExpression is not valid.'],
    [{ Name: 'x', EventPattern: '{"source":[]}' }, 'InvalidEventPatternException', 'Event pattern is not valid. Reason: Empty arrays are not allowed'],
    [{ Name: 'x', EventPattern: '{"source":"text"}' }, 'InvalidEventPatternException', undefined],
    [{ Name: 'x', EventPattern: pattern, EventBusName: 'no-such-bus' }, 'ResourceNotFoundException', 'Event bus no-such-bus does not exist.'],
    [{ Name: 'x', EventPattern: pattern, State: 'ON' as never }, 'ValidationException', "1 validation error detected: Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]"],
  ])('refuses %j', async (input, code, message) => {
    const err = await errorOf(() => env.events.send(new PutRuleCommand(input)));
    expect(err.name).toBe(code);
    if (message) expect(err.message).toBe(message);
  });

  it('refuses a schedule on a custom bus', async () => {
    const err = await errorOf(() => env.events.send(new PutRuleCommand({ Name: 'x', EventBusName: bus, ScheduleExpression: 'rate(1 hour)' })));
    expect(err).toMatchObject({ name: 'ValidationException', message: 'ScheduleExpression is supported only on the default event bus.' });
  });

  it('answers AWS message for a rule that does not exist', async () => {
    const err = await errorOf(() => env.events.send(new DescribeRuleCommand({ Name: 'missing', EventBusName: bus })));
    expect(err).toMatchObject({ name: 'ResourceNotFoundException', message: `Rule missing does not exist on EventBus ${bus}.` });
    const onDefault = await errorOf(() => env.events.send(new DescribeRuleCommand({ Name: 'missing' })));
    expect(onDefault.message).toBe('Rule missing does not exist on EventBus default.');
  });

  it('replaces the rule but keeps its targets when PutRule is called again', async () => {
    const name = uniqueName('replace');
    await env.events.send(new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: pattern, Description: 'first' }));
    await env.events.send(new PutTargetsCommand({ Rule: name, EventBusName: bus, Targets: [{ Id: 't1', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }] }));
    await env.events.send(new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: '{"source":["other"]}' }));
    const rule = await env.events.send(new DescribeRuleCommand({ Name: name, EventBusName: bus }));
    expect(rule.EventPattern).toBe('{"source":["other"]}');
    expect(rule.Description).toBeUndefined();
    const targets = await env.events.send(new ListTargetsByRuleCommand({ Rule: name, EventBusName: bus }));
    expect(targets.Targets?.map((t) => t.Id)).toEqual(['t1']);
  });
});

describe('EnableRule / DisableRule', () => {
  it('switches the state', async () => {
    const name = uniqueName('toggle');
    await env.events.send(new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: pattern }));
    await env.events.send(new DisableRuleCommand({ Name: name, EventBusName: bus }));
    expect((await env.events.send(new DescribeRuleCommand({ Name: name, EventBusName: bus }))).State).toBe('DISABLED');
    await env.events.send(new EnableRuleCommand({ Name: name, EventBusName: bus }));
    expect((await env.events.send(new DescribeRuleCommand({ Name: name, EventBusName: bus }))).State).toBe('ENABLED');
  });

  it('answers ResourceNotFoundException for an unknown rule', async () => {
    const err = await errorOf(() => env.events.send(new EnableRuleCommand({ Name: 'nope', EventBusName: bus })));
    expect(err).toMatchObject({ name: 'ResourceNotFoundException', message: `Rule nope does not exist on EventBus ${bus}.` });
  });
});

describe('ListRules', () => {
  it('filters by NamePrefix and pages with Limit and NextToken', async () => {
    const prefix = uniqueName('listed');
    for (let i = 0; i < 5; i++) await env.events.send(new PutRuleCommand({ Name: `${prefix}-${i}`, EventBusName: bus, EventPattern: pattern }));
    const first = await env.events.send(new ListRulesCommand({ EventBusName: bus, NamePrefix: prefix, Limit: 3 }));
    expect(first.Rules?.map((r) => r.Name)).toEqual([0, 1, 2].map((i) => `${prefix}-${i}`));
    expect(first.Rules?.[0]).toMatchObject({ EventBusName: bus, State: 'ENABLED', EventPattern: pattern });
    expect(first.Rules?.[0]).not.toHaveProperty('CreatedBy');
    const second = await env.events.send(new ListRulesCommand({ EventBusName: bus, NamePrefix: prefix, Limit: 3, NextToken: first.NextToken }));
    expect(second.Rules?.map((r) => r.Name)).toEqual([3, 4].map((i) => `${prefix}-${i}`));
    expect(second.NextToken).toBeUndefined();
  });

  it('answers ResourceNotFoundException for an unknown bus', async () => {
    const err = await errorOf(() => env.events.send(new ListRulesCommand({ EventBusName: 'nobus' })));
    expect(err).toMatchObject({ name: 'ResourceNotFoundException', message: 'Event bus nobus does not exist.' });
  });

  it('lists the rules that send to a target ARN', async () => {
    const name = uniqueName('by-target');
    const arn = `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
    await env.events.send(new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: pattern }));
    await env.events.send(new PutTargetsCommand({ Rule: name, EventBusName: bus, Targets: [{ Id: 'fn', Arn: arn }] }));
    const out = await env.events.send(new ListRuleNamesByTargetCommand({ TargetArn: arn, EventBusName: bus }));
    expect(out.RuleNames).toEqual([name]);
  });
});

describe('DeleteRule', () => {
  it('refuses while the rule has targets, and deletes once they are removed', async () => {
    const name = uniqueName('delete');
    await env.events.send(new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: pattern }));
    await env.events.send(new PutTargetsCommand({ Rule: name, EventBusName: bus, Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }] }));
    const err = await errorOf(() => env.events.send(new DeleteRuleCommand({ Name: name, EventBusName: bus })));
    expect(err).toMatchObject({ name: 'ValidationException', message: "Rule can't be deleted since it has targets." });
    await env.events.send(new RemoveTargetsCommand({ Rule: name, EventBusName: bus, Ids: ['t'] }));
    await env.events.send(new DeleteRuleCommand({ Name: name, EventBusName: bus }));
    const gone = await errorOf(() => env.events.send(new DescribeRuleCommand({ Name: name, EventBusName: bus })));
    expect(gone.name).toBe('ResourceNotFoundException');
  });

  it('succeeds for a rule that does not exist', async () => {
    await env.events.send(new DeleteRuleCommand({ Name: 'never-was', EventBusName: bus }));
  });
});
