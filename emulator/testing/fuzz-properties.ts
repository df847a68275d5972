import fc from 'fast-check';
import { AwsError } from '../core/aws-error';
import { internalContext } from '../core/request-context';
import { targetPayload } from '../events/input-transform';
import { compilePattern } from '../events/pattern/compile-pattern';
import type { IngestedEvent } from '../events/put-events';
import type { EventBus } from '../events/store';
import { compileFilterPattern, FilterPatternError } from '../logs/filter-pattern';
import type { Hub } from '../core/hub';

/**
 * Properties over the parsers that take user text (event patterns, CloudWatch Logs filter
 * patterns, InputTransformer templates and paths) and over the operation tables behind the wire:
 * whatever the input, each answers or refuses with AWS's own error, and nothing else escapes.
 * The unit tests run them a few hundred times; `npm run bench -- fuzz` runs over 100,000 inputs.
 */

/** JSON values with the characters and shapes patterns are made of. */
const patternish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.constantFrom('prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'wildcard', 'cidr', 'equals-ignore-case', '*', '>', '<=', '=', '10.0.0.0/8', '$or'),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('source', 'detail', 'prefix', 'numeric', 'anything-but', '$or', 'exists')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const anyEvent = fc.record({ source: fc.string(), 'detail-type': fc.string(), detail: fc.jsonValue() });

export const eventPatternProperty = fc.property(fc.oneof(fc.string(), patternish.map((v) => JSON.stringify(v))), anyEvent, (text, event) => {
  let compiled;
  try {
    compiled = compilePattern(text);
  } catch (err) {
    if (err instanceof AwsError && err.statusCode < 500) return;
    throw err;
  }
  const matched = compiled.matches(event);
  if (typeof matched !== 'boolean') throw new Error(`matches answered ${String(matched)}`);
});

export const filterPatternProperty = fc.property(
  fc.oneof(fc.string(), fc.stringMatching(/^[{\[]?[ $.a-z0-9="*<>&|!()\-,\]}]{0,40}$/)),
  fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))),
  (pattern, message) => {
    let matcher;
    try {
      matcher = compileFilterPattern(pattern);
    } catch (err) {
      if (err instanceof FilterPatternError || (err instanceof AwsError && err.statusCode < 500)) return;
      throw err;
    }
    const result = matcher(message);
    if (typeof result !== 'boolean') throw new Error(`the matcher answered ${String(result)}`);
  },
);

const bus = { name: 'Orders', arn: 'arn:aws:events:us-east-1:000000000000:event-bus/Orders' } as EventBus;

export const inputTransformerProperty = fc.property(
  fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.string(), fc.constantFrom('$', '$.detail', '$.detail.a', '$.detail[0]', '$..a', '$.source'))),
  fc.oneof(fc.string(), fc.constantFrom('<a>', '{"x": <a>}', '"<aws.events.event>"', '<aws.events.event.json>', '{"timestamp": <b>, "message": <a>}')),
  fc.jsonValue(),
  (paths, template, detail) => {
    const envelope = { version: '0' as const, id: 'e-1', 'detail-type': 'T', source: 's', account: '000000000000', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: detail as Record<string, unknown> };
    const ingested: IngestedEvent = { envelope, json: JSON.stringify(envelope), ingestedAt: new Date(), bus, accountId: '000000000000', region: 'us-east-1' };
    const out = targetPayload({ Id: 't', Arn: 'arn', InputTransformer: { InputPathsMap: paths, InputTemplate: template } }, ingested, { ruleArn: 'arn:rule', ruleName: 'r' });
    if (out.ok ? typeof out.body !== 'string' : typeof out.reason !== 'string') throw new Error('targetPayload answered neither a body nor a reason');
  },
);

const OPERATIONS: Array<[keyof Hub, string[]]> = [
  ['events', ['PutRule', 'PutTargets', 'PutEvents', 'DescribeRule', 'ListRules', 'TestEventPattern', 'CreateEventBus', 'CreateConnection', 'CreateApiDestination']],
  ['logs', ['CreateLogGroup', 'PutLogEvents', 'FilterLogEvents', 'DescribeLogGroups', 'GetLogEvents', 'PutRetentionPolicy']],
  ['sqs', ['CreateQueue', 'SendMessage', 'GetQueueAttributes', 'SetQueueAttributes', 'DeleteMessage']],
];

/** Any JSON object as the input of an operation of the tables behind the wire: an answer, or AWS's own 4xx. */
export function operationProperty(hub: Hub) {
  const inputs = fc.dictionary(
    fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('Name', 'EventPattern', 'Entries', 'Targets', 'Rule', 'logGroupName', 'logStreamName', 'logEvents', 'QueueName', 'QueueUrl', 'Attributes', 'MessageBody', 'Event', 'filterPattern')),
    fc.jsonValue({ maxDepth: 3 }),
    { maxKeys: 5 },
  );
  const calls = fc.constantFrom(...OPERATIONS.flatMap(([service, names]) => names.map((name) => [service, name] as const)));
  return fc.asyncProperty(calls, inputs, async ([service, name], input) => {
    const json = (hub[service] as { json?: { operations: Record<string, (i: unknown, c: unknown) => unknown> } }).json!;
    try {
      await json.operations[name]!(input, internalContext());
    } catch (err) {
      if (err instanceof AwsError && err.statusCode < 500) return;
      throw err;
    }
  });
}
