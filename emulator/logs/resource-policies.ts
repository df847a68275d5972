import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { stateOf, type LogsStore, type ResourcePolicy } from './store';
import { DESCRIBE_LIMIT, NEXT_TOKEN, decodeToken, encodeToken, invalidParameter, validate } from './validate';

/** AWS allows ten account-scoped resource policies per account and region. */
export const MAX_ACCOUNT_POLICIES = 10;

function view(p: ResourcePolicy) {
  return { policyName: p.policyName, policyDocument: p.policyDocument, lastUpdatedTime: p.lastUpdatedTime, policyScope: 'ACCOUNT' };
}

/**
 * Resource-scoped policies (`resourceArn`, `expectedRevisionId`) are refused rather than stored
 * and ignored: nothing in this stack uses them, and their revision rules are not reproduced.
 */
function refuseResourceScope(input: any): void {
  if (input.resourceArn !== undefined || input.expectedRevisionId !== undefined) {
    throw invalidParameter('Resource-scoped resource policies (resourceArn) are not supported by the embedded emulator; use an account-scoped policy.');
  }
}

const isOffsetToken = (v: any): v is { o: number } => typeof v === 'object' && v !== null && Number.isInteger(v.o) && v.o >= 0;

export function resourcePolicyOperations(store: LogsStore) {
  return {
    PutResourcePolicy(input: any, ctx: RequestContext) {
      refuseResourceScope(input);
      validate(input, {
        policyName: { type: 'string', required: true },
        policyDocument: { type: 'string', required: true, min: 1, max: 51200 },
      });
      const policies = stateOf(store, ctx).accountPolicies;
      const existing = policies.get(input.policyName);
      if (!existing && policies.size >= MAX_ACCOUNT_POLICIES) throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
      const policy: ResourcePolicy = { policyName: input.policyName, policyDocument: input.policyDocument, lastUpdatedTime: Date.now() };
      policies.set(policy.policyName, policy);
      return { resourcePolicy: view(policy) };
    },

    DescribeResourcePolicies(input: any, ctx: RequestContext) {
      validate(input, {
        nextToken: NEXT_TOKEN,
        limit: DESCRIBE_LIMIT,
        resourceArn: { type: 'string' },
        policyScope: { type: 'enum', values: ['ACCOUNT', 'RESOURCE'] },
      });
      // No resource-scoped policy can exist here (see refuseResourceScope).
      if (input.resourceArn !== undefined || input.policyScope === 'RESOURCE') return { resourcePolicies: [] };
      const all = [...stateOf(store, ctx).accountPolicies.values()];
      const from = input.nextToken !== undefined ? decodeToken(input.nextToken, isOffsetToken).o : 0;
      const limit: number = input.limit ?? 50;
      const page = all.slice(from, from + limit);
      const next = from + page.length;
      return { resourcePolicies: page.map(view), ...(next < all.length ? { nextToken: encodeToken({ o: next }) } : {}) };
    },

    DeleteResourcePolicy(input: any, ctx: RequestContext) {
      refuseResourceScope(input);
      validate(input, { policyName: { type: 'string', required: true } });
      const policies = stateOf(store, ctx).accountPolicies;
      if (!policies.delete(input.policyName)) {
        throw new AwsError('ResourceNotFoundException', `Policy with name [${input.policyName}] does not exist.`);
      }
      return {};
    },
  };
}
