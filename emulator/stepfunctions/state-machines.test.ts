import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../testing/emulator-fixture';
import { rejectionOf, ROLE_ARN, TIME_SCALE } from './testing';

const PASS = JSON.stringify({ Comment: 'BASE_PASS_RESULT', StartAt: 'State_1', States: { State_1: { Type: 'Pass', Result: { Arg1: 'argument1' }, End: true } } });
const PASS_2 = JSON.stringify({ StartAt: 'State_1', States: { State_1: { Type: 'Pass', Result: { Arg1: 'AfterUpdate' }, End: true } } });
const ARN_PREFIX = 'arn:aws:states:us-east-1:000000000000:stateMachine:';

const env = useEmulator({ timeScale: TIME_SCALE });

const create = (name: string, definition = PASS, extra: Record<string, unknown> = {}) =>
  env.sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE_ARN, ...extra }));

describe('CreateStateMachine and DescribeStateMachine', () => {
  it('creates a state machine and describes it as AWS does', async () => {
    const created = await create('describe-me');
    expect(created.stateMachineArn).toBe(`${ARN_PREFIX}describe-me`);
    expect(created.creationDate).toBeInstanceOf(Date);
    const described = await env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(described).toMatchObject({
      stateMachineArn: created.stateMachineArn,
      name: 'describe-me',
      status: 'ACTIVE',
      definition: PASS,
      roleArn: ROLE_ARN,
      type: 'STANDARD',
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    });
    expect(described.creationDate?.getTime()).toBe(created.creationDate?.getTime());
    expect(described.revisionId).toBeUndefined();
  });

  it('is idempotent for the same name, definition and type, ignoring a different role', async () => {
    const first = await create('idempotent');
    const again = await create('idempotent', PASS, { roleArn: 'arn:aws:iam::000000000000:role/Other' });
    expect(again.stateMachineArn).toBe(first.stateMachineArn);
    expect(again.creationDate?.getTime()).toBe(first.creationDate?.getTime());
    const described = await env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: first.stateMachineArn }));
    expect(described.roleArn).toBe(ROLE_ARN);
  });

  it('refuses the same name with a different definition: StateMachineAlreadyExists', async () => {
    const first = await create('taken');
    const err = await rejectionOf(create('taken', PASS_2));
    expect(err.name).toBe('StateMachineAlreadyExists');
    expect(err.message).toBe(`State Machine Already Exists: '${first.stateMachineArn}'`);
  });

  it('rejects an invalid definition with InvalidDefinition and the reason', async () => {
    const err = await rejectionOf(create('invalid', JSON.stringify({ StartAt: 'A' })));
    expect(err.name).toBe('InvalidDefinition');
    expect(err.message).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'");
    expect(err.$metadata?.httpStatusCode).toBe(400);
    const notJson = await rejectionOf(create('invalid', 'not a definition'));
    expect(notJson.name).toBe('InvalidDefinition');
    expect(notJson.message).toMatch(/^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: /);
  });

  it('checks names: forbidden characters are InvalidName, more than 80 characters a ValidationException', async () => {
    for (const name of ['has space', 'slash/name', 'star*', 'colon:name']) {
      const err = await rejectionOf(create(name));
      expect(err.name).toBe('InvalidName');
      expect(err.message).toBe(`Invalid Name: '${name}'`);
    }
    const long = 'x'.repeat(81);
    const err = await rejectionOf(create(long));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(`1 validation error detected: Value '${long}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80`);
  });

  it('validates the type and requires a role', async () => {
    const badType = await rejectionOf(create('typed', PASS, { type: 'LONG' }));
    expect(badType.name).toBe('ValidationException');
    expect(badType.message).toContain("Member must satisfy enum value set: [STANDARD, EXPRESS]");
    const noRole = await rejectionOf(env.sfn.send(new CreateStateMachineCommand({ name: 'no-role', definition: PASS } as never)));
    expect(noRole.name).toBe('ValidationException');
    expect(noRole.message).toBe("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
  });

  it('reports every broken constraint in one error, in the order of the model, before looking anything up', async () => {
    const long = 'x'.repeat(81);
    const both = await rejectionOf(env.sfn.send(new CreateStateMachineCommand({ name: long, definition: PASS } as never)));
    expect(both.name).toBe('ValidationException');
    expect(both.message).toBe(
      `2 validation errors detected: Value '${long}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80; ` +
        "Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
    const noTags = await rejectionOf(env.sfn.send(new TagResourceCommand({ resourceArn: `${ARN_PREFIX}absent` } as never)));
    expect(noTags.name).toBe('ValidationException');
    expect(noTags.message).toBe("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
  });

  it('answers unknown and malformed ARNs with AWS errors', async () => {
    const missing = await rejectionOf(env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${ARN_PREFIX}nope` })));
    expect(missing.name).toBe('StateMachineDoesNotExist');
    expect(missing.message).toBe(`State Machine Does Not Exist: '${ARN_PREFIX}nope'`);
    const notArn = await rejectionOf(env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not_a_valid_arn' })));
    expect(notArn.name).toBe('InvalidArn');
    expect(notArn.message).toBe("Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'");
    const wrongType = await rejectionOf(
      env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:execution:m:e' })),
    );
    expect(wrongType.name).toBe('InvalidArn');
    expect(wrongType.message).toBe("Invalid Arn: 'Resource type not valid in this context: execution'");
  });
});

describe('UpdateStateMachine', () => {
  it('changes the definition and role, with a revision id that stays when nothing changes', async () => {
    const { stateMachineArn } = await create('updatable');
    const updated = await env.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: PASS_2, roleArn: `${ROLE_ARN}2` }));
    expect(updated.updateDate).toBeInstanceOf(Date);
    expect(updated.revisionId).toMatch(/^[0-9a-f-]{36}$/);
    const described = await env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described).toMatchObject({ definition: PASS_2, roleArn: `${ROLE_ARN}2`, revisionId: updated.revisionId });
    const same = await env.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: PASS_2, roleArn: `${ROLE_ARN}2` }));
    expect(same.revisionId).toBe(updated.revisionId);
  });

  it('needs something to update, validates the new definition and the machine must exist', async () => {
    const { stateMachineArn } = await create('update-checks');
    const nothing = await rejectionOf(env.sfn.send(new UpdateStateMachineCommand({ stateMachineArn })));
    expect(nothing.name).toBe('MissingRequiredParameter');
    expect(nothing.message).toBe('Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified');
    const invalid = await rejectionOf(env.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: '{}' })));
    expect(invalid.name).toBe('InvalidDefinition');
    const gone = await rejectionOf(env.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: `${ARN_PREFIX}gone`, roleArn: ROLE_ARN })));
    expect(gone.name).toBe('StateMachineDoesNotExist');
  });
});

describe('DeleteStateMachine', () => {
  it('deletes, and succeeds for a state machine that does not exist', async () => {
    const { stateMachineArn } = await create('deletable');
    await env.sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    const err = await rejectionOf(env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn })));
    expect(err.name).toBe('StateMachineDoesNotExist');
    await expect(env.sfn.send(new DeleteStateMachineCommand({ stateMachineArn }))).resolves.toBeDefined();
  });
});

describe('ListStateMachines', () => {
  it('lists by name in pages', async () => {
    const names = Array.from({ length: 13 }, (_, i) => `page-${String(i).padStart(2, '0')}`);
    for (const name of [...names].reverse()) await create(name);
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await env.sfn.send(new ListStateMachinesCommand({ maxResults: 5, nextToken }));
      expect(page.stateMachines!.length).toBeLessThanOrEqual(5);
      for (const m of page.stateMachines!) {
        expect(m).toMatchObject({ stateMachineArn: `${ARN_PREFIX}${m.name}`, type: 'STANDARD' });
        expect(m.creationDate).toBeInstanceOf(Date);
      }
      seen.push(...page.stateMachines!.map((m) => m.name!));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    const listed = seen.filter((n) => n.startsWith('page-'));
    expect(listed).toEqual(names);
    expect(seen).toEqual([...seen].sort());
    expect(pages).toBeGreaterThan(2);
  });

  it('rejects a page size above 1000 and an unknown token', async () => {
    const big = await rejectionOf(env.sfn.send(new ListStateMachinesCommand({ maxResults: 1001 })));
    expect(big.name).toBe('ValidationException');
    expect(big.message).toBe("1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
    const token = await rejectionOf(env.sfn.send(new ListStateMachinesCommand({ nextToken: 'bogus' })));
    expect(token.name).toBe('InvalidToken');
  });
});

describe('tags', () => {
  it('tags at creation and later, lists and removes them', async () => {
    const { stateMachineArn } = await create('tagged', PASS, { tags: [{ key: 'team', value: 'orders' }] });
    await env.sfn.send(new TagResourceCommand({ resourceArn: stateMachineArn, tags: [{ key: 'env', value: 'test' }] }));
    const listed = await env.sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }));
    expect(listed.tags).toEqual([
      { key: 'team', value: 'orders' },
      { key: 'env', value: 'test' },
    ]);
    await env.sfn.send(new UntagResourceCommand({ resourceArn: stateMachineArn, tagKeys: ['team'] }));
    expect((await env.sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags).toEqual([{ key: 'env', value: 'test' }]);
    const missing = await rejectionOf(env.sfn.send(new ListTagsForResourceCommand({ resourceArn: `${ARN_PREFIX}untagged` })));
    expect(missing.name).toBe('ResourceNotFound');
    expect(missing.message).toBe(`Resource not found: '${ARN_PREFIX}untagged'`);
  });
});
