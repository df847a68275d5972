import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { stateOf, type LogsStore, type ResourcePolicy } from './store';
import { encodeToken } from '../core/paging';
import { enumOf, required, string, type InputOf } from '../protocol/validation';
import { DESCRIBE_LIMIT, NEXT_TOKEN, decodeToken, invalidParameter } from './shapes';

/** AWS allows ten account-scoped resource policies per account and region. */
export const MAX_ACCOUNT_POLICIES = 10;

function view(p: ResourcePolicy) {
  return { policyName: p.policyName, policyDocument: p.policyDocument, lastUpdatedTime: p.lastUpdatedTime, policyScope: 'ACCOUNT' };
}

/**
 * Resource-scoped policies (`resourceArn`, `expectedRevisionId`) are refused rather than stored
 * and ignored: nothing in this stack uses them, and their revision rules are not reproduced.
 */
export function refuseResourceScope(input: Record<string, unknown>): void {
  if (input.resourceArn !== undefined || input.expectedRevisionId !== undefined) {
    throw invalidParameter('Resource-scoped resource policies (resourceArn) are not supported by the embedded emulator; use an account-scoped policy.');
  }
}

const isOffsetToken = (v: any): v is { o: number } => typeof v === 'object' && v !== null && Number.isInteger(v.o) && v.o >= 0;

export const PutResourcePolicyInput = { policyName: required(string()), policyDocument: required(string({ min: 1, max: 51200 })) };
export function putResourcePolicy(store: LogsStore, input: InputOf<typeof PutResourcePolicyInput>, ctx: RequestContext) {
  const policies = stateOf(store, ctx).accountPolicies;
  const existing = policies.get(input.policyName);
  if (!existing && policies.size >= MAX_ACCOUNT_POLICIES) throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
  const policy: ResourcePolicy = { policyName: input.policyName, policyDocument: input.policyDocument, lastUpdatedTime: Date.now() };
  policies.set(policy.policyName, policy);
  return { resourcePolicy: view(policy) };
}

export const DescribeResourcePoliciesInput = { nextToken: NEXT_TOKEN, limit: DESCRIBE_LIMIT, resourceArn: string(), policyScope: enumOf(['ACCOUNT', 'RESOURCE']) };
export function describeResourcePolicies(store: LogsStore, input: InputOf<typeof DescribeResourcePoliciesInput>, ctx: RequestContext) {
  // No resource-scoped policy can exist here (see refuseResourceScope).
  if (input.resourceArn !== undefined || input.policyScope === 'RESOURCE') return { resourcePolicies: [] };
  const all = [...stateOf(store, ctx).accountPolicies.values()];
  const from = input.nextToken !== undefined ? decodeToken(input.nextToken, isOffsetToken).o : 0;
  const limit = input.limit ?? 50;
  const page = all.slice(from, from + limit);
  const next = from + page.length;
  return { resourcePolicies: page.map(view), ...(next < all.length ? { nextToken: encodeToken({ o: next }) } : {}) };
}

export const DeleteResourcePolicyInput = { policyName: required(string()) };
export function deleteResourcePolicy(store: LogsStore, input: InputOf<typeof DeleteResourcePolicyInput>, ctx: RequestContext) {
  const policies = stateOf(store, ctx).accountPolicies;
  if (!policies.delete(input.policyName)) {
    throw new AwsError('ResourceNotFoundException', `Policy with name [${input.policyName}] does not exist.`);
  }
  return {};
}
