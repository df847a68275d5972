import { DeleteParameterCommand, GetParameterCommand, GetParametersByPathCommand, GetParametersCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { errorOf, useEmulator } from '../testing/emulator-fixture';

const aws = useEmulator();

describe('SSM Parameter Store', () => {
  it('puts, reads, versions and deletes a parameter', async () => {
    expect(await aws.ssm.send(new PutParameterCommand({ Name: '/cdk-bootstrap/q1/version', Type: 'String', Value: '33' }))).toMatchObject({ Version: 1 });
    const read = await aws.ssm.send(new GetParameterCommand({ Name: '/cdk-bootstrap/q1/version', WithDecryption: true }));
    expect(read.Parameter).toMatchObject({ Name: '/cdk-bootstrap/q1/version', Value: '33', Type: 'String', Version: 1, ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/cdk-bootstrap/q1/version' });
    const again = await errorOf(() => aws.ssm.send(new PutParameterCommand({ Name: '/cdk-bootstrap/q1/version', Type: 'String', Value: '34' })));
    expect(again.name).toBe('ParameterAlreadyExists');
    expect(await aws.ssm.send(new PutParameterCommand({ Name: '/cdk-bootstrap/q1/version', Value: '34', Overwrite: true }))).toMatchObject({ Version: 2 });
    await aws.ssm.send(new DeleteParameterCommand({ Name: '/cdk-bootstrap/q1/version' }));
    const gone = await errorOf(() => aws.ssm.send(new GetParameterCommand({ Name: '/cdk-bootstrap/q1/version' })));
    expect(gone.name).toBe('ParameterNotFound');
    expect((await errorOf(() => aws.ssm.send(new DeleteParameterCommand({ Name: '/cdk-bootstrap/q1/version' })))).name).toBe('ParameterNotFound');
  });

  it('reads several at once, naming the missing ones', async () => {
    await aws.ssm.send(new PutParameterCommand({ Name: 'plain', Type: 'String', Value: 'a' }));
    const answer = await aws.ssm.send(new GetParametersCommand({ Names: ['plain', 'missing'] }));
    expect(answer.Parameters?.map((p) => p.Value)).toEqual(['a']);
    expect(answer.InvalidParameters).toEqual(['missing']);
  });

  it('lists by path, one level or recursively, in pages', async () => {
    for (const name of ['/app/a', '/app/b', '/app/c', '/app/deep/d', '/other/e']) await aws.ssm.send(new PutParameterCommand({ Name: name, Type: 'String', Value: name }));
    const top = await aws.ssm.send(new GetParametersByPathCommand({ Path: '/app' }));
    expect(top.Parameters?.map((p) => p.Name)).toEqual(['/app/a', '/app/b', '/app/c']);
    const first = await aws.ssm.send(new GetParametersByPathCommand({ Path: '/app/', Recursive: true, MaxResults: 2 }));
    expect(first.Parameters?.map((p) => p.Name)).toEqual(['/app/a', '/app/b']);
    const second = await aws.ssm.send(new GetParametersByPathCommand({ Path: '/app/', Recursive: true, MaxResults: 2, NextToken: first.NextToken }));
    expect(second.Parameters?.map((p) => p.Name)).toEqual(['/app/c', '/app/deep/d']);
    expect(second.NextToken).toBeUndefined();
  });

  it('refuses reserved names and a missing type', async () => {
    expect((await errorOf(() => aws.ssm.send(new PutParameterCommand({ Name: '/aws/x', Type: 'String', Value: 'v' })))).name).toBe('ValidationException');
    expect((await errorOf(() => aws.ssm.send(new PutParameterCommand({ Name: 'fresh', Value: 'v' })))).name).toBe('ValidationException');
  });
});
