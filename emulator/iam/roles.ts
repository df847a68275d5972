import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { integer, list, required, string, structure, type InputOf } from '../protocol/validation';
import { checkDocument, encodedDocument, roleOrError, stateOf, uniqueId, type IamStore, type Role } from './store';

/** Roles and their inline policies. */

const ROLE_NAME = string({ min: 1, max: 64, pattern: '[\\w+=,.@-]+' });
const PATH = string({ min: 1, max: 512, pattern: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)' });
const DOCUMENT = string({ min: 1, max: 131072 });
const POLICY_NAME = string({ min: 1, max: 128, pattern: '[\\w+=,.@-]+' });
const TAGS = list(structure({ Key: required(string({ min: 1, max: 128 })), Value: required(string({ min: 0, max: 256 })) }), { max: 50 });

export const CreateRoleInput = {
  Path: PATH,
  RoleName: required(ROLE_NAME),
  AssumeRolePolicyDocument: required(DOCUMENT),
  Description: string({ max: 1000 }),
  MaxSessionDuration: integer({ min: 3600, max: 43200 }),
  PermissionsBoundary: string({ min: 20, max: 2048 }),
  Tags: TAGS,
};
export const RoleNameInput = { RoleName: required(ROLE_NAME) };
export const ListRolesInput = { PathPrefix: string(), Marker: string(), MaxItems: integer({ min: 1, max: 1000 }) };
export const UpdateRoleInput = { RoleName: required(ROLE_NAME), Description: string({ max: 1000 }), MaxSessionDuration: integer({ min: 3600, max: 43200 }) };
export const UpdateAssumeRolePolicyInput = { RoleName: required(ROLE_NAME), PolicyDocument: required(DOCUMENT) };
export const PutRolePolicyInput = { RoleName: required(ROLE_NAME), PolicyName: required(POLICY_NAME), PolicyDocument: required(DOCUMENT) };
export const RolePolicyInput = { RoleName: required(ROLE_NAME), PolicyName: required(POLICY_NAME) };

export function shownRole(role: Role) {
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: role.CreateDate,
    AssumeRolePolicyDocument: encodedDocument(role.AssumeRolePolicyDocument),
    Description: role.Description,
    MaxSessionDuration: role.MaxSessionDuration,
    PermissionsBoundary: role.PermissionsBoundary ? { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: role.PermissionsBoundary } : undefined,
    Tags: role.Tags.length > 0 ? role.Tags : undefined,
  };
}

export function createRole(store: IamStore, input: InputOf<typeof CreateRoleInput>, ctx: RequestContext) {
  const { roles } = stateOf(store, ctx);
  // Role names are unique regardless of case.
  if ([...roles.keys()].some((n) => n.toLowerCase() === input.RoleName.toLowerCase())) {
    throw new AwsError('EntityAlreadyExists', `Role with name ${input.RoleName} already exists.`, 409);
  }
  checkDocument(input.AssumeRolePolicyDocument);
  const path = input.Path ?? '/';
  const role: Role = {
    RoleName: input.RoleName,
    RoleId: uniqueId('AROA'),
    Arn: `arn:aws:iam::${ctx.accountId}:role${path}${input.RoleName}`,
    Path: path,
    CreateDate: new Date(),
    AssumeRolePolicyDocument: input.AssumeRolePolicyDocument,
    Description: input.Description,
    MaxSessionDuration: input.MaxSessionDuration ?? 3600,
    PermissionsBoundary: input.PermissionsBoundary,
    Tags: input.Tags ?? [],
    inline: new Map(),
    attached: new Set(),
  };
  roles.set(role.RoleName, role);
  return { Role: shownRole(role) };
}

export function getRole(store: IamStore, input: InputOf<typeof RoleNameInput>, ctx: RequestContext) {
  return { Role: shownRole(roleOrError(store, ctx, input.RoleName)) };
}

export function deleteRole(store: IamStore, input: InputOf<typeof RoleNameInput>, ctx: RequestContext) {
  const role = roleOrError(store, ctx, input.RoleName);
  if (role.attached.size > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
  if (role.inline.size > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
  stateOf(store, ctx).roles.delete(role.RoleName);
  return {};
}

export function listRoles(store: IamStore, input: InputOf<typeof ListRolesInput>, ctx: RequestContext) {
  const all = [...stateOf(store, ctx).roles.values()]
    .filter((r) => r.Path.startsWith(input.PathPrefix ?? '/'))
    .sort((a, b) => (a.RoleName < b.RoleName ? -1 : 1));
  const start = input.Marker ? all.findIndex((r) => r.RoleName > input.Marker!) : 0;
  const from = start < 0 ? all.length : start;
  const page = all.slice(from, from + (input.MaxItems ?? 100));
  const truncated = from + page.length < all.length;
  return { Roles: page.map(shownRole), IsTruncated: truncated, Marker: truncated ? page[page.length - 1]!.RoleName : undefined };
}

export function updateRole(store: IamStore, input: InputOf<typeof UpdateRoleInput>, ctx: RequestContext) {
  const role = roleOrError(store, ctx, input.RoleName);
  if (input.Description !== undefined) role.Description = input.Description;
  if (input.MaxSessionDuration !== undefined) role.MaxSessionDuration = input.MaxSessionDuration;
  return {};
}

export function updateAssumeRolePolicy(store: IamStore, input: InputOf<typeof UpdateAssumeRolePolicyInput>, ctx: RequestContext) {
  const role = roleOrError(store, ctx, input.RoleName);
  checkDocument(input.PolicyDocument);
  role.AssumeRolePolicyDocument = input.PolicyDocument;
  return {};
}

export function putRolePolicy(store: IamStore, input: InputOf<typeof PutRolePolicyInput>, ctx: RequestContext) {
  const role = roleOrError(store, ctx, input.RoleName);
  checkDocument(input.PolicyDocument);
  role.inline.set(input.PolicyName, input.PolicyDocument);
  return {};
}

export function getRolePolicy(store: IamStore, input: InputOf<typeof RolePolicyInput>, ctx: RequestContext) {
  const role = roleOrError(store, ctx, input.RoleName);
  const document = role.inline.get(input.PolicyName);
  if (document === undefined) throw new AwsError('NoSuchEntity', `The role policy with name ${input.PolicyName} cannot be found.`, 404);
  return { RoleName: role.RoleName, PolicyName: input.PolicyName, PolicyDocument: encodedDocument(document) };
}

export function deleteRolePolicy(store: IamStore, input: InputOf<typeof RolePolicyInput>, ctx: RequestContext) {
  const role = roleOrError(store, ctx, input.RoleName);
  if (!role.inline.delete(input.PolicyName)) throw new AwsError('NoSuchEntity', `The role policy with name ${input.PolicyName} cannot be found.`, 404);
  return {};
}

export function listRolePolicies(store: IamStore, input: InputOf<typeof RoleNameInput>, ctx: RequestContext) {
  return { PolicyNames: [...roleOrError(store, ctx, input.RoleName).inline.keys()].sort(), IsTruncated: false };
}
