import { op, type OperationTable } from '../protocol/operations';
import { CreatePolicyInput, GetPolicyVersionInput, ListAttachedRolePoliciesInput, ListPoliciesInput, PolicyArnInput, RolePolicyArnInput } from './policies';
import { attachRolePolicy, createPolicy, deletePolicy, detachRolePolicy, getPolicy, getPolicyVersion, listAttachedRolePolicies, listPolicies } from './policies';
import { CreateRoleInput, ListRolesInput, PutRolePolicyInput, RoleNameInput, RolePolicyInput, UpdateAssumeRolePolicyInput, UpdateRoleInput } from './roles';
import { createRole, deleteRole, deleteRolePolicy, getRole, getRolePolicy, listRolePolicies, listRoles, putRolePolicy, updateAssumeRolePolicy, updateRole } from './roles';
import type { IamStore } from './store';

/** Every IAM operation the emulator answers, by its AWS name (AWS Query, `Version=2010-05-08`). Policies are stored, never enforced. */
export const iamOperations: OperationTable<IamStore> = {
  CreateRole: op(CreateRoleInput, createRole),
  GetRole: op(RoleNameInput, getRole),
  DeleteRole: op(RoleNameInput, deleteRole),
  ListRoles: op(ListRolesInput, listRoles),
  UpdateRole: op(UpdateRoleInput, updateRole),
  UpdateAssumeRolePolicy: op(UpdateAssumeRolePolicyInput, updateAssumeRolePolicy),
  PutRolePolicy: op(PutRolePolicyInput, putRolePolicy),
  GetRolePolicy: op(RolePolicyInput, getRolePolicy),
  DeleteRolePolicy: op(RolePolicyInput, deleteRolePolicy),
  ListRolePolicies: op(RoleNameInput, listRolePolicies),

  CreatePolicy: op(CreatePolicyInput, createPolicy),
  GetPolicy: op(PolicyArnInput, getPolicy),
  GetPolicyVersion: op(GetPolicyVersionInput, getPolicyVersion),
  DeletePolicy: op(PolicyArnInput, deletePolicy),
  ListPolicies: op(ListPoliciesInput, listPolicies),
  AttachRolePolicy: op(RolePolicyArnInput, attachRolePolicy),
  DetachRolePolicy: op(RolePolicyArnInput, detachRolePolicy),
  ListAttachedRolePolicies: op(ListAttachedRolePoliciesInput, listAttachedRolePolicies),
};
