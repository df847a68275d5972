import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateEventBusCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { uniqueName, type EmulatorFixture } from '../testing/emulator-fixture';

/** For the studio's tests: a bus like the stack's with a US and an EU rule, each delivering to a log group. */

export const US_PATTERN = { source: ['com.aws.orders'], detail: { location: [{ prefix: 'us-' }] } };
export const EU_PATTERN = { source: ['com.aws.orders'], detail: { location: [{ prefix: 'eu-' }] } };

export async function ordersBus(env: EmulatorFixture): Promise<string> {
  const bus = uniqueName('bus');
  const group = `/trace/${bus}`;
  await env.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  await env.events.send(new CreateEventBusCommand({ Name: bus }));
  for (const [name, pattern] of [['US', US_PATTERN], ['EU', EU_PATTERN]] as const) {
    await env.events.send(new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: JSON.stringify(pattern) }));
    await env.events.send(new PutTargetsCommand({ Rule: name, EventBusName: bus, Targets: [{ Id: 'log', Arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:*` }] }));
  }
  return bus;
}

/** Publishes one order event; its event id. */
export async function publishOrder(env: EmulatorFixture, bus: string, detail: object, traceHeader?: string): Promise<string> {
  const out = await env.events.send(
    new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: 'com.aws.orders', DetailType: 'Order Notification', Detail: JSON.stringify(detail), TraceHeader: traceHeader }] }),
  );
  return out.Entries![0]!.EventId!;
}
