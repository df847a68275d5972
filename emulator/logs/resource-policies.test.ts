import {
  DeleteResourcePolicyCommand,
  DescribeResourcePoliciesCommand,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { errorOf, useEmulator } from '../testing/emulator-fixture';

// The policy CDK writes so EventBridge may deliver to a log group.
const document = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'EventsToLogs',
      Effect: 'Allow',
      Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/events/orders:*',
    },
  ],
});

// Each test starts from an empty account: the ten-policy limit is per account and region.
const env = useEmulator({ perTest: true });

describe('resource policies', () => {
  it('puts, describes, updates and deletes an account policy', async () => {
    const before = Date.now();
    const put = await env.logs.send(new PutResourcePolicyCommand({ policyName: 'events', policyDocument: document }));
    expect(put.resourcePolicy).toEqual({ policyName: 'events', policyDocument: document, lastUpdatedTime: expect.any(Number), policyScope: 'ACCOUNT' });
    expect(put.resourcePolicy!.lastUpdatedTime).toBeGreaterThanOrEqual(before);

    const updated = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'route53.amazonaws.com' }, Action: 'logs:*', Resource: '*' }] });
    await env.logs.send(new PutResourcePolicyCommand({ policyName: 'events', policyDocument: updated }));
    const described = await env.logs.send(new DescribeResourcePoliciesCommand({}));
    expect(described.resourcePolicies).toEqual([{ policyName: 'events', policyDocument: updated, lastUpdatedTime: expect.any(Number), policyScope: 'ACCOUNT' }]);

    await env.logs.send(new DeleteResourcePolicyCommand({ policyName: 'events' }));
    expect((await env.logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies).toEqual([]);
  });

  it('allows ten policies, refuses an eleventh, and still updates at the limit', async () => {
    for (let i = 0; i < 10; i++) await env.logs.send(new PutResourcePolicyCommand({ policyName: `p${i}`, policyDocument: document }));
    const err = await errorOf(() => env.logs.send(new PutResourcePolicyCommand({ policyName: 'p10', policyDocument: document })));
    expect([err.name, err.message]).toEqual(['LimitExceededException', 'Resource limit exceeded.']);
    await env.logs.send(new PutResourcePolicyCommand({ policyName: 'p3', policyDocument: '{"Statement":[]}' }));

    const first = await env.logs.send(new DescribeResourcePoliciesCommand({ limit: 4 }));
    expect(first.resourcePolicies!.map((p) => p.policyName)).toEqual(['p0', 'p1', 'p2', 'p3']);
    const rest = await env.logs.send(new DescribeResourcePoliciesCommand({ limit: 50, nextToken: first.nextToken }));
    expect(rest.resourcePolicies!.map((p) => p.policyName)).toEqual(['p4', 'p5', 'p6', 'p7', 'p8', 'p9']);
    expect(rest.nextToken).toBeUndefined();
  });

  it('answers AWS errors for a missing policy and bad input', async () => {
    const missing = await errorOf(() => env.logs.send(new DeleteResourcePolicyCommand({ policyName: 'non-existent' })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', 'Policy with name [non-existent] does not exist.']);

    const empty = await errorOf(() => env.logs.send(new PutResourcePolicyCommand({ policyName: 'p', policyDocument: '' })));
    expect(empty.name).toBe('InvalidParameterException');
    expect(empty.message).toBe("1 validation error detected: Value '' at 'policyDocument' failed to satisfy constraint: Member must have length greater than or equal to 1");

    const noName = await errorOf(() => env.logs.send(new PutResourcePolicyCommand({ policyDocument: document })));
    expect(noName.message).toBe("1 validation error detected: Value null at 'policyName' failed to satisfy constraint: Member must not be null");

    const scoped = await errorOf(() => env.logs.send(new PutResourcePolicyCommand({ policyName: 'p', policyDocument: document, resourceArn: 'arn:aws:logs:us-east-1:000000000000:log-group:g' })));
    expect(scoped.name).toBe('InvalidParameterException');
  });
});
