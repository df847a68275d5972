import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  ListEventBusesCommand,
  ListTagsForResourceCommand,
  PutRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';

const env = useEmulator();

describe('event buses', () => {
  it('has a default bus in every account and region', async () => {
    const bus = await env.events.send(new DescribeEventBusCommand({}));
    expect(bus).toMatchObject({ Name: 'default', Arn: 'arn:aws:events:us-east-1:000000000000:event-bus/default' });
    expect(bus.CreationTime).toBeInstanceOf(Date);
    const named = await env.events.send(new DescribeEventBusCommand({ Name: 'default' }));
    expect(named.Arn).toBe(bus.Arn);
  });

  it('creates, describes (by name and ARN), lists and deletes a bus', async () => {
    const name = uniqueName('orders');
    const created = await env.events.send(new CreateEventBusCommand({ Name: name, Description: 'test bus', Tags: [{ Key: 'team', Value: 'orders' }] }));
    expect(created.EventBusArn).toBe(`arn:aws:events:us-east-1:000000000000:event-bus/${name}`);
    expect(created.Description).toBe('test bus');

    const described = await env.events.send(new DescribeEventBusCommand({ Name: created.EventBusArn }));
    expect(described).toMatchObject({ Name: name, Arn: created.EventBusArn, Description: 'test bus' });
    expect(described.LastModifiedTime).toBeInstanceOf(Date);

    const listed = await env.events.send(new ListEventBusesCommand({ NamePrefix: name }));
    expect(listed.EventBuses?.map((b) => b.Name)).toEqual([name]);
    const tags = await env.events.send(new ListTagsForResourceCommand({ ResourceARN: created.EventBusArn }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'orders' }]);

    await env.events.send(new DeleteEventBusCommand({ Name: name }));
    const after = await env.events.send(new ListEventBusesCommand({ NamePrefix: name }));
    expect(after.EventBuses).toEqual([]);
  });

  it('refuses a second bus of the same name', async () => {
    const name = uniqueName('twice');
    await env.events.send(new CreateEventBusCommand({ Name: name }));
    const err = await errorOf(() => env.events.send(new CreateEventBusCommand({ Name: name })));
    expect(err).toMatchObject({ name: 'ResourceAlreadyExistsException', message: `Event bus ${name} already exists.` });
  });

  it('answers ResourceNotFoundException for an unknown bus, and deletes one silently', async () => {
    const err = await errorOf(() => env.events.send(new DescribeEventBusCommand({ Name: 'no-such-bus' })));
    expect(err).toMatchObject({ name: 'ResourceNotFoundException', message: 'Event bus no-such-bus does not exist.' });
    await env.events.send(new DeleteEventBusCommand({ Name: 'no-such-bus' }));
  });

  it('will not delete the default bus', async () => {
    const err = await errorOf(() => env.events.send(new DeleteEventBusCommand({ Name: 'default' })));
    expect(err).toMatchObject({ name: 'ValidationException', message: 'Cannot delete event bus default.' });
  });

  it('pages ListEventBuses with Limit and NextToken', async () => {
    const prefix = uniqueName('page');
    for (let i = 0; i < 5; i++) await env.events.send(new CreateEventBusCommand({ Name: `${prefix}-${i}` }));
    const first = await env.events.send(new ListEventBusesCommand({ NamePrefix: prefix, Limit: 3 }));
    expect(first.EventBuses?.map((b) => b.Name)).toEqual([0, 1, 2].map((i) => `${prefix}-${i}`));
    expect(first.NextToken).toBeTruthy();
    const second = await env.events.send(new ListEventBusesCommand({ NamePrefix: prefix, Limit: 3, NextToken: first.NextToken }));
    expect(second.EventBuses?.map((b) => b.Name)).toEqual([3, 4].map((i) => `${prefix}-${i}`));
    expect(second.NextToken).toBeUndefined();
  });

  it('deletes the rules of a deleted bus with it', async () => {
    const name = uniqueName('with-rules');
    await env.events.send(new CreateEventBusCommand({ Name: name }));
    await env.events.send(new PutRuleCommand({ Name: 'r', EventBusName: name, EventPattern: '{"source":["x"]}' }));
    await env.events.send(new DeleteEventBusCommand({ Name: name }));
    await env.events.send(new CreateEventBusCommand({ Name: name }));
    const err = await errorOf(() => env.events.send(new DescribeRuleCommand({ Name: 'r', EventBusName: name })));
    expect(err).toMatchObject({ name: 'ResourceNotFoundException', message: `Rule r does not exist on EventBus ${name}.` });
  });

  it('reports every broken constraint of a name, as AWS does', async () => {
    const err = await errorOf(() => env.events.send(new CreateEventBusCommand({ Name: 'bad name!' })));
    expect(err).toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value 'bad name!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+",
    });
  });
});
