import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import type { ProviderContext, ResourceProvider } from './provider';
import { ignoreNotFound, num, str, type Props } from './support';

/**
 * AWS::IAM::Role, AWS::IAM::Policy and AWS::IAM::ManagedPolicy, backed by the emulator's IAM:
 * roles and policies exist there (the CLI lists them), and nothing enforces them.
 */

const NOT_FOUND = ['NoSuchEntityException', 'NoSuchEntity'];
const json = (document: unknown) => (typeof document === 'string' ? document : JSON.stringify(document));
const inlinePolicies = (p: Props) => new Map(((p.Policies as Props[] | undefined) ?? []).map((x) => [String(x.PolicyName), json(x.PolicyDocument)]));
const managedArns = (p: Props) => new Set(((p.ManagedPolicyArns as unknown[] | undefined) ?? []).map(String));

/** Brings a role's inline and attached policies from `before` to `after`. */
async function syncRolePolicies(role: string, before: Props, after: Props, ctx: ProviderContext): Promise<void> {
  const iam = ctx.clients.iam;
  const [oldInline, newInline] = [inlinePolicies(before), inlinePolicies(after)];
  for (const [name, document] of newInline) {
    if (oldInline.get(name) !== document) await iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: name, PolicyDocument: document }));
  }
  for (const name of oldInline.keys()) if (!newInline.has(name)) await ignoreNotFound(() => iam.send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName: name })), NOT_FOUND);
  const [oldArns, newArns] = [managedArns(before), managedArns(after)];
  for (const arn of newArns) if (!oldArns.has(arn)) await iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: arn }));
  for (const arn of oldArns) if (!newArns.has(arn)) await ignoreNotFound(() => iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: arn })), NOT_FOUND);
}

export const iamRole: ResourceProvider = {
  properties: {
    RoleName: 'replace',
    Path: 'replace',
    AssumeRolePolicyDocument: 'update',
    Policies: 'update',
    ManagedPolicyArns: 'update',
    Description: 'update',
    MaxSessionDuration: 'update',
    PermissionsBoundary: 'update',
    Tags: 'update',
  },
  required: ['AssumeRolePolicyDocument'],
  nameProperty: 'RoleName',
  async create(p, ctx) {
    const name = str(p.RoleName) ?? ctx.generateName(64);
    const tags = ((p.Tags as Props[] | undefined) ?? []).map((t) => ({ Key: String(t.Key), Value: String(t.Value) }));
    const { Role } = await ctx.clients.iam.send(
      new CreateRoleCommand({
        RoleName: name,
        Path: str(p.Path),
        AssumeRolePolicyDocument: json(p.AssumeRolePolicyDocument),
        Description: str(p.Description),
        MaxSessionDuration: num(p.MaxSessionDuration),
        PermissionsBoundary: str(p.PermissionsBoundary),
        Tags: tags.length > 0 ? tags : undefined,
      }),
    );
    await syncRolePolicies(name, {}, p, ctx);
    return { physicalId: name, attributes: { Arn: Role!.Arn, RoleId: Role!.RoleId } };
  },
  async update(previous, p, ctx) {
    const name = previous.physicalId;
    if (json(previous.properties.AssumeRolePolicyDocument) !== json(p.AssumeRolePolicyDocument)) {
      await ctx.clients.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: json(p.AssumeRolePolicyDocument) }));
    }
    await ctx.clients.iam.send(new UpdateRoleCommand({ RoleName: name, Description: str(p.Description), MaxSessionDuration: num(p.MaxSessionDuration) }));
    await syncRolePolicies(name, previous.properties, p, ctx);
    return previous;
  },
  async delete(resource, ctx) {
    await syncRolePolicies(resource.physicalId, resource.properties, {}, ctx).catch((err) => {
      if (!NOT_FOUND.includes((err as Error).name)) throw err;
    });
    await ignoreNotFound(() => ctx.clients.iam.send(new DeleteRoleCommand({ RoleName: resource.physicalId })), NOT_FOUND);
  },
};

const rolesOf = (p: Props) => ((p.Roles as unknown[] | undefined) ?? []).map((r) => String(r).split('/').pop()!);

/** AWS::IAM::Policy: an inline policy put on each of its roles (users and groups are recorded only). Ref: a generated id. */
export const iamPolicy: ResourceProvider = {
  properties: { PolicyName: 'update', PolicyDocument: 'update', Roles: 'update', Users: 'update', Groups: 'update' },
  required: ['PolicyName', 'PolicyDocument'],
  async create(p, ctx) {
    for (const role of rolesOf(p)) await ctx.clients.iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: String(p.PolicyName), PolicyDocument: json(p.PolicyDocument) }));
    return { physicalId: ctx.generateName(128) };
  },
  async update(previous, p, ctx) {
    await iamPolicy.delete(previous, ctx);
    await iamPolicy.create(p, ctx);
    return previous;
  },
  async delete(resource, ctx) {
    for (const role of rolesOf(resource.properties)) {
      await ignoreNotFound(() => ctx.clients.iam.send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName: String(resource.properties.PolicyName) })), NOT_FOUND);
    }
  },
};

/** AWS::IAM::ManagedPolicy: a customer managed policy, attached to its roles. Ref: the policy ARN. */
export const iamManagedPolicy: ResourceProvider = {
  properties: { ManagedPolicyName: 'replace', Path: 'replace', PolicyDocument: 'update', Description: 'replace', Roles: 'update', Users: 'update', Groups: 'update' },
  required: ['PolicyDocument'],
  nameProperty: 'ManagedPolicyName',
  async create(p, ctx) {
    const name = str(p.ManagedPolicyName) ?? ctx.generateName(128);
    const { Policy } = await ctx.clients.iam.send(new CreatePolicyCommand({ PolicyName: name, Path: str(p.Path), PolicyDocument: json(p.PolicyDocument), Description: str(p.Description) }));
    for (const role of rolesOf(p)) await ctx.clients.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: Policy!.Arn }));
    return { physicalId: Policy!.Arn!, attributes: { PolicyArn: Policy!.Arn } };
  },
  async delete(resource, ctx) {
    for (const role of rolesOf(resource.properties)) {
      await ignoreNotFound(() => ctx.clients.iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: resource.physicalId })), NOT_FOUND);
    }
    await ignoreNotFound(() => ctx.clients.iam.send(new DeletePolicyCommand({ PolicyArn: resource.physicalId })), NOT_FOUND);
  },
};

/** AWS::CDK::Metadata: CDK's usage report for CloudFormation, nothing to create. */
export const cdkMetadata: ResourceProvider = {
  properties: 'any',
  async create(_p, ctx) {
    return { physicalId: `${ctx.stackId}/${ctx.logicalId}` };
  },
  async update(previous) {
    return previous;
  },
  async delete() {},
};
