import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';

const aws = useEmulator();
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const ALLOW = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

describe('IAM over AWS Query', () => {
  it('creates, reads, lists and deletes roles with inline and managed policies', async () => {
    const name = uniqueName('role');
    const { Role } = await aws.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST, Path: '/service/' }));
    expect(Role).toMatchObject({ RoleName: name, Arn: `arn:aws:iam::000000000000:role/service/${name}`, Path: '/service/' });
    expect(Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(decodeURIComponent((await aws.iam.send(new GetRoleCommand({ RoleName: name }))).Role!.AssumeRolePolicyDocument!)).toBe(TRUST);
    expect((await aws.iam.send(new ListRolesCommand({ PathPrefix: '/service/' }))).Roles?.map((r) => r.RoleName)).toContain(name);

    await aws.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'read', PolicyDocument: ALLOW }));
    expect((await aws.iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames).toEqual(['read']);
    expect(decodeURIComponent((await aws.iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: 'read' }))).PolicyDocument!)).toBe(ALLOW);
    const { Policy } = await aws.iam.send(new CreatePolicyCommand({ PolicyName: uniqueName('managed'), PolicyDocument: ALLOW }));
    await aws.iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: Policy!.Arn }));
    await aws.iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    expect((await aws.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([Policy!.Arn, 'arn:aws:iam::aws:policy/AdministratorAccess']);

    const conflict = await errorOf(() => aws.iam.send(new DeleteRoleCommand({ RoleName: name })));
    expect(conflict).toMatchObject({ name: 'DeleteConflictException', message: 'Cannot delete entity, must detach all policies first.' });
    expect((await errorOf(() => aws.iam.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn })))).name).toBe('DeleteConflictException');
    await aws.iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: Policy!.Arn }));
    await aws.iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await aws.iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'read' }));
    await aws.iam.send(new DeleteRoleCommand({ RoleName: name }));
    await aws.iam.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn }));
    const gone = await errorOf(() => aws.iam.send(new GetRoleCommand({ RoleName: name })));
    expect(gone).toMatchObject({ name: 'NoSuchEntityException', message: `The role with name ${name} cannot be found.` });
    expect(gone.$metadata?.httpStatusCode).toBe(404);
  });

  it('refuses duplicates and documents that are not JSON', async () => {
    const name = uniqueName('dup');
    await aws.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
    const again = await errorOf(() => aws.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST })));
    expect(again).toMatchObject({ name: 'EntityAlreadyExistsException', message: `Role with name ${name} already exists.` });
    const malformed = await errorOf(() => aws.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: 'not json' })));
    expect(malformed.name).toBe('MalformedPolicyDocumentException');
    const invalid = await errorOf(() => aws.iam.send(new CreateRoleCommand({ RoleName: 'bad name!', AssumeRolePolicyDocument: TRUST })));
    expect(invalid.name).toBe('ValidationError');
    expect(invalid.message).toBe("1 validation error detected: Value 'bad name!' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  });
});
