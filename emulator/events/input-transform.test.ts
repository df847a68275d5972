import { describe, expect, it } from 'vitest';
import { targetPayload } from './input-transform';
import type { EventEnvelope, IngestedEvent } from './put-events';
import { newBus, type Target } from './store';

// The event and the expected outputs below are those LocalStack recorded from AWS (SQS message
// bodies of tests/aws/services/events/test_events_inputs.py), so each case is AWS's answer.
const detail = {
  command: 'update-account',
  payload: { acc_id: '0a787ecb-4015', sf_id: 'baz' },
  listsingle: ['HIGH'],
  listmulti: ['ACTIVE', 'INACTIVE'],
  valid: true,
};
const envelope: EventEnvelope = {
  version: '0',
  id: '5f0a5f2e-7a6b-4c1e-9d0f-0123456789ab',
  'detail-type': 'core.update-account-command',
  source: 'core.update-account-command',
  account: '111111111111',
  time: '2024-05-01T10:20:30Z',
  region: 'us-east-1',
  resources: [],
  detail,
};
const ingested: IngestedEvent = {
  envelope,
  json: JSON.stringify(envelope),
  ingestedAt: new Date('2024-05-01T10:20:31.456Z'),
  bus: newBus('111111111111', 'us-east-1', 'test-bus'),
  accountId: '111111111111',
  region: 'us-east-1',
};
const rule = { ruleArn: 'arn:aws:events:us-east-1:111111111111:rule/test-bus/test-rule', ruleName: 'test-rule' };

const nestedPaths = {
  userId: '$.detail.payload.acc_id',
  payload: '$.detail.payload',
  systemstring: '$.detail.awsAccountId',
  listsingle: '$.detail.listsingle',
  listmulti: '$.detail.listmulti',
  valid: '$.detail.valid',
};

function transformed(InputTemplate: string, InputPathsMap: Record<string, string> = nestedPaths) {
  const target: Target = { Id: 't', Arn: 'arn:aws:sqs:us-east-1:111111111111:q', InputTransformer: { InputPathsMap, InputTemplate } };
  return targetPayload(target, ingested, rule);
}

function body(InputTemplate: string, InputPathsMap?: Record<string, string>): string {
  const out = transformed(InputTemplate, InputPathsMap);
  if (!out.ok) throw new Error(out.reason);
  return out.body;
}

describe('InputTransformer, as AWS shapes the target input', () => {
  it.each([
    ['{"method": "PUT", "path": "users-service/users/<userId>", "bod": <payload>}', { method: 'PUT', path: 'users-service/users/0a787ecb-4015', bod: { acc_id: '0a787ecb-4015', sf_id: 'baz' } }],
    ['{"id" : <userId>}', { id: '0a787ecb-4015' }],
    ['{"id" : "<userId>"}', { id: '0a787ecb-4015' }],
    ['{"method": "PUT", "path": "users-service/users/<userId>", "bod": [<userId>, "hardcoded"]}', { method: 'PUT', path: 'users-service/users/0a787ecb-4015', bod: ['0a787ecb-4015', 'hardcoded'] }],
    ['{"method": "PUT", "nested": {"level1": {"level2": {"level3": "users-service/users/<userId>"} } }, "bod": "<userId>"}', { method: 'PUT', nested: { level1: { level2: { level3: 'users-service/users/0a787ecb-4015' } } }, bod: '0a787ecb-4015' }],
    ['{"singlelistitem": <listsingle>}', { singlelistitem: ['HIGH'] }],
    ['{"multi_replacement": "users/<userId>/second/<userId>"}', { multi_replacement: 'users/0a787ecb-4015/second/0a787ecb-4015' }],
  ])('JSON template %s', (template, expected) => {
    expect(JSON.parse(body(template))).toEqual(expected);
  });

  it('sends a JSON template minified', () => {
    expect(body('{ "id" : <userId> ,\n  "ok": true }')).toBe('{"id":"0a787ecb-4015","ok":true}');
  });

  it.each([
    ['"Payload of <payload> with path users-service/users/<userId> and <userId>"', '"Payload of {acc_id:0a787ecb-4015,sf_id:baz} with path users-service/users/0a787ecb-4015 and 0a787ecb-4015"'],
    ['"<listsingle> single list item"', '"[HIGH] single list item"'],
    ['"<listmulti> multiple list items"', '"[ACTIVE,INACTIVE] multiple list items"'],
    ['"Command is <valid>!"', '"Command is true!"'],
    [
      '"<listsingle> single list item <listmulti> multiple list items <systemstring> system account id <payload> payload <userId> user id"',
      '"[HIGH] single list item [ACTIVE,INACTIVE] multiple list items  system account id {acc_id:0a787ecb-4015,sf_id:baz} payload 0a787ecb-4015 user id"',
    ],
    [
      '"<listsingle> single list item"\n"<listmulti> multiple list items"\n"<systemstring> system account id"\n"<payload> payload"\n"<userId> user id"',
      '"[HIGH] single list item"\n"[ACTIVE,INACTIVE] multiple list items"\n" system account id"\n"{acc_id:0a787ecb-4015,sf_id:baz} payload"\n"0a787ecb-4015 user id"',
    ],
  ])('string template %s', (template, expected) => {
    expect(body(template)).toBe(expected);
  });

  it('puts an empty string where a path selects nothing', () => {
    const paths = { 'detail-type': '$.detail-type', timestamp: '$.time', command: '$.detail.notinmessage' };
    expect(body('"Event of <detail-type> type, at time <timestamp>, info extracted from detail <command>"', paths)).toBe(
      '"Event of core.update-account-command type, at time 2024-05-01T10:20:30Z, info extracted from detail "',
    );
    expect(JSON.parse(body('{"detailType": <detail-type>,  "time": <timestamp>, "command": <command>}', paths))).toEqual({
      detailType: 'core.update-account-command',
      time: '2024-05-01T10:20:30Z',
      command: '',
    });
  });

  it('does not deliver a JSON template broken by an object or list placed inside quotes', () => {
    for (const template of ['{"not_valid": "users-service/users/<payload>", "bod": <payload>}', '{"payload": "<payload>"}', '{"singlelistitem": "<listsingle>"}']) {
      const out = transformed(template);
      expect(out.ok, template).toBe(false);
    }
  });

  it('fills the predefined variables', () => {
    expect(body('"Message containing all pre defined variables <aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>"', {})).toBe(
      '"Message containing all pre defined variables arn:aws:events:us-east-1:111111111111:rule/test-bus/test-rule test-rule 2024-05-01T10:20:31Z"',
    );
    const out = JSON.parse(body('{"originalEvent": <aws.events.event>, "originalEventJson": <aws.events.event.json>}', {}));
    // <aws.events.event> leaves out the detail and names detail-type `detailType`, as AWS does.
    expect(out.originalEvent).toEqual({
      id: envelope.id,
      account: '111111111111',
      detailType: 'core.update-account-command',
      time: '2024-05-01T10:20:30Z',
      source: 'core.update-account-command',
      region: 'us-east-1',
      resources: [],
      version: '0',
    });
    expect(out.originalEventJson).toEqual(envelope);
  });
});

describe('Input and InputPath', () => {
  const withTarget = (t: Partial<Target>) => targetPayload({ Id: 't', Arn: 'arn:aws:sqs:us-east-1:111111111111:q', ...t }, ingested, rule);

  it('sends the event itself without either', () => {
    expect(withTarget({})).toEqual({ ok: true, body: ingested.json });
  });

  it('sends Input as given', () => {
    expect(withTarget({ Input: '{"constant":true}' })).toEqual({ ok: true, body: '{"constant":true}' });
  });

  it.each([
    ['$.detail', detail],
    ['$.detail.payload', detail.payload],
    ['$.detail.payload.sf_id', 'baz'],
    ['$.detail.listmulti[1]', 'INACTIVE'],
  ])('InputPath %s selects its part of the event', (path, expected) => {
    const out = withTarget({ InputPath: path });
    expect(out.ok && JSON.parse(out.body)).toEqual(expected);
  });

  it('sends nothing when InputPath selects nothing, and says why', () => {
    expect(withTarget({ InputPath: '$.detail.nothing' })).toEqual({ ok: false, reason: 'InputPath $.detail.nothing selects nothing in the event' });
  });
});
