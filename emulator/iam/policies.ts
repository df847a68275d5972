import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { enumOf, integer, required, string, type InputOf } from '../protocol/validation';
import { checkDocument, encodedDocument, roleOrError, stateOf, uniqueId, type IamStore, type ManagedPolicy } from './store';

/** Customer managed policies, and managed policies attached to roles. */

const POLICY_ARN = string({ min: 20, max: 2048 });
const ROLE_NAME = string({ min: 1, max: 64, pattern: '[\\w+=,.@-]+' });

export const CreatePolicyInput = {
  PolicyName: required(string({ min: 1, max: 128, pattern: '[\\w+=,.@-]+' })),
  Path: string({ min: 1, max: 512 }),
  PolicyDocument: required(string({ min: 1, max: 131072 })),
  Description: string({ max: 1000 }),
};
export const PolicyArnInput = { PolicyArn: required(POLICY_ARN) };
export const GetPolicyVersionInput = { PolicyArn: required(POLICY_ARN), VersionId: required(string()) };
export const ListPoliciesInput = { Scope: enumOf(['All', 'AWS', 'Local'] as const), OnlyAttached: string(), PathPrefix: string(), Marker: string(), MaxItems: integer({ min: 1, max: 1000 }) };
export const RolePolicyArnInput = { RoleName: required(ROLE_NAME), PolicyArn: required(POLICY_ARN) };
export const ListAttachedRolePoliciesInput = { RoleName: required(ROLE_NAME), PathPrefix: string(), Marker: string(), MaxItems: integer({ min: 1, max: 1000 }) };

/** AWS managed policies (`arn:aws:iam::aws:policy/...`) are taken to exist: the emulator has no catalogue of them. */
const isAwsManaged = (arn: string) => /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn);

function attachments(store: IamStore, ctx: RequestContext, arn: string): number {
  return [...stateOf(store, ctx).roles.values()].filter((r) => r.attached.has(arn)).length;
}

function shownPolicy(store: IamStore, ctx: RequestContext, p: ManagedPolicy) {
  return {
    PolicyName: p.PolicyName,
    PolicyId: p.PolicyId,
    Arn: p.Arn,
    Path: p.Path,
    DefaultVersionId: 'v1',
    AttachmentCount: attachments(store, ctx, p.Arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: p.Description,
    CreateDate: p.CreateDate,
    UpdateDate: p.UpdateDate,
  };
}

function policyOrError(store: IamStore, ctx: RequestContext, arn: string): ManagedPolicy {
  const policy = stateOf(store, ctx).policies.get(arn);
  if (!policy) throw new AwsError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404);
  return policy;
}

export function createPolicy(store: IamStore, input: InputOf<typeof CreatePolicyInput>, ctx: RequestContext) {
  const path = input.Path ?? '/';
  const arn = `arn:aws:iam::${ctx.accountId}:policy${path}${input.PolicyName}`;
  const { policies } = stateOf(store, ctx);
  if (policies.has(arn)) throw new AwsError('EntityAlreadyExists', `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`, 409);
  checkDocument(input.PolicyDocument);
  const now = new Date();
  const policy: ManagedPolicy = { PolicyName: input.PolicyName, PolicyId: uniqueId('ANPA'), Arn: arn, Path: path, Description: input.Description, CreateDate: now, UpdateDate: now, document: input.PolicyDocument };
  policies.set(arn, policy);
  return { Policy: shownPolicy(store, ctx, policy) };
}

export function getPolicy(store: IamStore, input: InputOf<typeof PolicyArnInput>, ctx: RequestContext) {
  return { Policy: shownPolicy(store, ctx, policyOrError(store, ctx, input.PolicyArn)) };
}

export function getPolicyVersion(store: IamStore, input: InputOf<typeof GetPolicyVersionInput>, ctx: RequestContext) {
  const policy = policyOrError(store, ctx, input.PolicyArn);
  if (input.VersionId !== 'v1') throw new AwsError('NoSuchEntity', `Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`, 404);
  return { PolicyVersion: { Document: encodedDocument(policy.document), VersionId: 'v1', IsDefaultVersion: true, CreateDate: policy.CreateDate } };
}

export function deletePolicy(store: IamStore, input: InputOf<typeof PolicyArnInput>, ctx: RequestContext) {
  policyOrError(store, ctx, input.PolicyArn);
  if (attachments(store, ctx, input.PolicyArn) > 0) throw new AwsError('DeleteConflict', 'Cannot delete a policy attached to entities.', 409);
  stateOf(store, ctx).policies.delete(input.PolicyArn);
  return {};
}

export function listPolicies(store: IamStore, input: InputOf<typeof ListPoliciesInput>, ctx: RequestContext) {
  const local = input.Scope === 'AWS' ? [] : [...stateOf(store, ctx).policies.values()];
  const listed = local.filter((p) => p.Path.startsWith(input.PathPrefix ?? '/')).filter((p) => input.OnlyAttached !== 'true' || attachments(store, ctx, p.Arn) > 0);
  return { Policies: listed.map((p) => shownPolicy(store, ctx, p)), IsTruncated: false };
}

export function attachRolePolicy(store: IamStore, input: InputOf<typeof RolePolicyArnInput>, ctx: RequestContext) {
  const role = roleOrError(store, ctx, input.RoleName);
  if (!isAwsManaged(input.PolicyArn)) policyOrError(store, ctx, input.PolicyArn);
  role.attached.add(input.PolicyArn);
  return {};
}

export function detachRolePolicy(store: IamStore, input: InputOf<typeof RolePolicyArnInput>, ctx: RequestContext) {
  const role = roleOrError(store, ctx, input.RoleName);
  if (!role.attached.delete(input.PolicyArn)) throw new AwsError('NoSuchEntity', `Policy ${input.PolicyArn} was not found.`, 404);
  return {};
}

export function listAttachedRolePolicies(store: IamStore, input: InputOf<typeof ListAttachedRolePoliciesInput>, ctx: RequestContext) {
  const role = roleOrError(store, ctx, input.RoleName);
  return { AttachedPolicies: [...role.attached].map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn })), IsTruncated: false };
}
