import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { clientConfig, errorOf, useEmulator } from '../testing/emulator-fixture';

const aws = useEmulator();

describe('STS over AWS Query', () => {
  it('names the account of the access key, and the default account for any other key', async () => {
    const me = await aws.sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
    const other = new STSClient({ ...clientConfig(aws.endpoint), credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
    expect((await other.send(new GetCallerIdentityCommand({}))).Account).toBe('111122223333');
    other.destroy();
  });

  it('assumes a role: credentials that expire and name the role account, and the assumed-role ARN', async () => {
    const before = Date.now();
    const answer = await aws.sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/cdk-deploy', RoleSessionName: 'aws-cdk-me' }));
    expect(answer.AssumedRoleUser?.Arn).toBe('arn:aws:sts::444455556666:assumed-role/cdk-deploy/aws-cdk-me');
    expect(answer.Credentials?.Expiration!.getTime()).toBeGreaterThan(before + 3500_000);
    const assumed = new STSClient({ ...clientConfig(aws.endpoint), credentials: { accessKeyId: answer.Credentials!.AccessKeyId!, secretAccessKey: answer.Credentials!.SecretAccessKey!, sessionToken: answer.Credentials!.SessionToken } });
    expect((await assumed.send(new GetCallerIdentityCommand({}))).Account).toBe('444455556666');
    assumed.destroy();
  });

  it('answers validation errors in the Query error form', async () => {
    const err = await errorOf(() => aws.sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/r', RoleSessionName: 'x' })));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toBe("1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it('hands out session tokens', async () => {
    const answer = await aws.sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    expect(answer.Credentials?.SessionToken).toBeTruthy();
  });
});
