import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateResourceCommand, CreateRestApiCommand, PutIntegrationCommand, PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import type { PassRoleCheck } from '../core/hub';
import { createNodeFunction } from '../lambda/testing';
import { uniqueName, useEmulator } from '../testing/emulator-fixture';

const aws = useEmulator();
const ACCOUNT = '000000000000';
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const HANDLER = { 'index.js': 'exports.handler = async () => 1;' };

async function passRoleChecks(query: Record<string, string>): Promise<{ status: number; body: { checks?: PassRoleCheck[]; message?: string } }> {
  const url = new URL('/_testbed/iam/pass-role', aws.endpoint);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as { checks?: PassRoleCheck[]; message?: string } };
}
const checksFor = async (roleArn: string) => (await passRoleChecks({ roleArn })).body.checks!;
const missingRole = () => `arn:aws:iam::${ACCOUNT}:role/${uniqueName('missing')}`;

describe('iam:PassRole checks, recorded and never refused', () => {
  it('records a function created with an existing role and one created with a missing role; neither is refused', async () => {
    const before = Date.now();
    const { Role } = await aws.iam.send(new CreateRoleCommand({ RoleName: uniqueName('fn-role'), AssumeRolePolicyDocument: TRUST, Path: '/service/' }));
    const missing = missingRole();
    await createNodeFunction(aws.lambda, uniqueName('fn'), HANDLER, { Role: Role!.Arn });
    const created = await createNodeFunction(aws.lambda, uniqueName('fn'), HANDLER, { Role: missing });
    expect(created.Role).toBe(missing);

    const [existing] = await checksFor(Role!.Arn!);
    expect(existing).toMatchObject({ accountId: ACCOUNT, region: 'us-east-1', roleArn: Role!.Arn, passedTo: 'lambda.amazonaws.com', operation: 'CreateFunction', roleExists: true });
    expect(Date.parse(existing!.time)).toBeGreaterThanOrEqual(before - 1000);
    expect(await checksFor(missing)).toEqual([expect.objectContaining({ roleArn: missing, operation: 'CreateFunction', roleExists: false })]);
  });

  it('looks the role up by its whole ARN: the right name on the wrong path does not exist', async () => {
    const name = uniqueName('pathed');
    await aws.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST, Path: '/service/' }));
    const pathless = `arn:aws:iam::${ACCOUNT}:role/${name}`;
    await createNodeFunction(aws.lambda, uniqueName('fn'), HANDLER, { Role: pathless });
    expect((await checksFor(pathless)).map((c) => c.roleExists)).toEqual([false]);
  });

  it('lists the checks newest last: an update after a create', async () => {
    const role = missingRole();
    const name = uniqueName('fn');
    await createNodeFunction(aws.lambda, name, HANDLER, { Role: role });
    await aws.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Role: role }));
    expect((await checksFor(role)).map((c) => c.operation)).toEqual(['CreateFunction', 'UpdateFunctionConfiguration']);
  });

  it('records a state machine role for states.amazonaws.com', async () => {
    const roleArn = missingRole();
    const definition = JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } });
    await aws.sfn.send(new CreateStateMachineCommand({ name: uniqueName('sm'), definition, roleArn }));
    expect(await checksFor(roleArn)).toEqual([expect.objectContaining({ passedTo: 'states.amazonaws.com', operation: 'CreateStateMachine', roleExists: false })]);
  });

  it("records PutRule's role and each PutTargets target that carries one", async () => {
    const ruleRole = missingRole();
    const targetRole = missingRole();
    const rule = uniqueName('rule');
    await aws.events.send(new PutRuleCommand({ Name: rule, EventPattern: JSON.stringify({ source: ['orders'] }), RoleArn: ruleRole }));
    await aws.events.send(
      new PutTargetsCommand({
        Rule: rule,
        Targets: [
          { Id: 'with-role', Arn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`, RoleArn: targetRole },
          { Id: 'without', Arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:nothing` },
        ],
      }),
    );
    expect(await checksFor(ruleRole)).toEqual([expect.objectContaining({ passedTo: 'events.amazonaws.com', operation: 'PutRule' })]);
    expect(await checksFor(targetRole)).toEqual([expect.objectContaining({ passedTo: 'events.amazonaws.com', operation: 'PutTargets' })]);
  });

  it("records an API Gateway integration's credentials role", async () => {
    const role = missingRole();
    const api = await aws.apigateway.send(new CreateRestApiCommand({ name: uniqueName('api') }));
    const resource = await aws.apigateway.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'orders' }));
    await aws.apigateway.send(new PutMethodCommand({ restApiId: api.id, resourceId: resource.id, httpMethod: 'POST', authorizationType: 'NONE' }));
    const uri = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:${ACCOUNT}:function:f/invocations`;
    await aws.apigateway.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: resource.id, httpMethod: 'POST', type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri, credentials: role }));
    expect(await checksFor(role)).toEqual([expect.objectContaining({ passedTo: 'apigateway.amazonaws.com', operation: 'PutIntegration' })]);
  });

  it('refuses an unknown query parameter with a 400 naming it', async () => {
    const { status, body } = await passRoleChecks({ role: 'x' });
    expect(status).toBe(400);
    expect(body.message).toContain('"role"');
  });
});
