import type { ResourceProvider } from './provider';
import { randomSuffix } from '../physical-names';
import { str } from './support';

/**
 * AWS::IAM::Role, recorded only: the emulator has no IAM and enforces no policy, so the role
 * exists in the stack record with CloudFormation's physical id (the role name) and attributes
 * (Arn, RoleId), which other resources take as their execution role.
 */
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
    const arn = `arn:${ctx.partition}:iam::${ctx.accountId}:role${str(p.Path) ?? '/'}${name}`;
    return { physicalId: name, attributes: { Arn: arn, RoleId: `AROA${randomSuffix(17)}` } };
  },
  async update(previous) {
    return previous;
  },
  async delete() {},
};

/** AWS::IAM::Policy, recorded only (see iamRole). Ref: a generated policy id. */
export const iamPolicy: ResourceProvider = {
  properties: { PolicyName: 'update', PolicyDocument: 'update', Roles: 'update', Users: 'update', Groups: 'update' },
  required: ['PolicyName', 'PolicyDocument'],
  async create(_p, ctx) {
    return { physicalId: ctx.generateName(128) };
  },
  async update(previous) {
    return previous;
  },
  async delete() {},
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
