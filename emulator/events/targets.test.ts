import {
  CreateEventBusCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';

const env = useEmulator();
let bus: string;
const queue = 'arn:aws:sqs:us-east-1:000000000000:queue';

beforeAll(async () => {
  bus = uniqueName('targets-bus');
  await env.events.send(new CreateEventBusCommand({ Name: bus }));
});

async function newRule(): Promise<string> {
  const name = uniqueName('rule');
  await env.events.send(new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: '{"source":["s"]}' }));
  return name;
}

describe('PutTargets / ListTargetsByRule / RemoveTargets', () => {
  it('keeps every member of a target and lists it back', async () => {
    const rule = await newRule();
    const target = {
      Id: 'log',
      Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/events/orders',
      InputTransformer: { InputPathsMap: { id: '$.detail.orderId' }, InputTemplate: '{"order": <id>}' },
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 120 },
      DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' },
      RoleArn: 'arn:aws:iam::000000000000:role/events',
    };
    const out = await env.events.send(new PutTargetsCommand({ Rule: rule, EventBusName: bus, Targets: [target, { Id: 'plain', Arn: queue, Input: '{"x":1}' }] }));
    expect(out).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    const listed = await env.events.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: bus }));
    expect(listed.Targets).toEqual([target, { Id: 'plain', Arn: queue, Input: '{"x":1}' }]);
  });

  it('replaces a target put again under the same id', async () => {
    const rule = await newRule();
    await env.events.send(new PutTargetsCommand({ Rule: rule, EventBusName: bus, Targets: [{ Id: 't', Arn: queue, InputPath: '$.detail' }] }));
    await env.events.send(new PutTargetsCommand({ Rule: rule, EventBusName: bus, Targets: [{ Id: 't', Arn: queue, InputPath: '$.notexisting' }] }));
    const listed = await env.events.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: bus }));
    expect(listed.Targets).toEqual([{ Id: 't', Arn: queue, InputPath: '$.notexisting' }]);
  });

  it('removes targets, and an unknown id is not a failure', async () => {
    const rule = await newRule();
    await env.events.send(new PutTargetsCommand({ Rule: rule, EventBusName: bus, Targets: [{ Id: 'a', Arn: queue }, { Id: 'b', Arn: queue }] }));
    const out = await env.events.send(new RemoveTargetsCommand({ Rule: rule, EventBusName: bus, Ids: ['a', 'unknown'] }));
    expect(out).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    const listed = await env.events.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: bus }));
    expect(listed.Targets?.map((t) => t.Id)).toEqual(['b']);
  });

  it('pages ListTargetsByRule', async () => {
    const rule = await newRule();
    await env.events.send(new PutTargetsCommand({ Rule: rule, EventBusName: bus, Targets: [0, 1, 2, 3, 4].map((i) => ({ Id: `t${i}`, Arn: queue })) }));
    const first = await env.events.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: bus, Limit: 3 }));
    expect(first.Targets?.map((t) => t.Id)).toEqual(['t0', 't1', 't2']);
    const second = await env.events.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: bus, Limit: 3, NextToken: first.NextToken }));
    expect(second.Targets?.map((t) => t.Id)).toEqual(['t3', 't4']);
    expect(second.NextToken).toBeUndefined();
  });

  it('allows five targets per rule, as AWS does', async () => {
    const rule = await newRule();
    await env.events.send(new PutTargetsCommand({ Rule: rule, EventBusName: bus, Targets: [0, 1, 2, 3, 4].map((i) => ({ Id: `t${i}`, Arn: queue })) }));
    // The SDK retries LimitExceededException as throttling; one attempt is enough here.
    const once = new EventBridgeClient({ ...clientConfig(env.endpoint), maxAttempts: 1 });
    const err = await errorOf(() => once.send(new PutTargetsCommand({ Rule: rule, EventBusName: bus, Targets: [{ Id: 't5', Arn: queue }] })));
    once.destroy();
    expect(err).toMatchObject({ name: 'LimitExceededException', message: 'The requested resource exceeds the maximum number allowed.' });
  });

  it('answers ResourceNotFoundException for an unknown rule', async () => {
    const err = await errorOf(() => env.events.send(new PutTargetsCommand({ Rule: 'nope', EventBusName: bus, Targets: [{ Id: 't', Arn: queue }] })));
    expect(err).toMatchObject({ name: 'ResourceNotFoundException', message: `Rule nope does not exist on EventBus ${bus}.` });
  });

  it.each([
    [{ Id: '!@#$@!#$', Arn: queue }, "1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"],
    [{ Id: 'x'.repeat(65), Arn: queue }, `1 validation error detected: Value '${'x'.repeat(65)}' at 'targets.1.member.id' failed to satisfy constraint: Member must have length less than or equal to 64`],
    [{ Id: 't', Arn: 'not-an-arn' }, 'Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format.'],
    [{ Id: 't', Arn: queue, InputPath: '$.detail', InputTransformer: { InputTemplate: '"x"' } }, 'Only one of Input, InputPath, or InputTransformer must be provided for target t.'],
    [{ Id: 't', Arn: queue, InputTransformer: { InputPathsMap: { a: '$.detail.a' }, InputTemplate: '"Event of <a> with not defined key <notdefinedkey>"' } }, 'InputTemplate for target t contains invalid placeholder notdefinedkey.'],
    [{ Id: 't', Arn: queue, RetryPolicy: { MaximumRetryAttempts: 200, MaximumEventAgeInSeconds: 30 } }, "2 validation errors detected: Value '200' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185; Value '30' at 'targets.1.member.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60"],
  ])('refuses %j with AWS message', async (target, message) => {
    const rule = await newRule();
    const err = await errorOf(() => env.events.send(new PutTargetsCommand({ Rule: rule, EventBusName: bus, Targets: [target] })));
    expect(err).toMatchObject({ name: 'ValidationException', message });
  });

  it('accepts the predefined variables without an InputPathsMap', async () => {
    const rule = await newRule();
    const out = await env.events.send(
      new PutTargetsCommand({ Rule: rule, EventBusName: bus, Targets: [{ Id: 't', Arn: queue, InputTransformer: { InputTemplate: '{"e": <aws.events.event.json>, "r": "<aws.events.rule-name>"}' } }] }),
    );
    expect(out.FailedEntryCount).toBe(0);
  });
});
