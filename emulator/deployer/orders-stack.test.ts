import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetResourcesCommand, GetRestApiCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import { DescribeLogGroupsCommand, DescribeResourcePoliciesCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeApiDestinationCommand, DescribeConnectionCommand, DescribeEventBusCommand, DescribeRuleCommand, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetFunctionCommand } from '@aws-sdk/client-lambda';
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from '../../testbed/targets/synth';
import { TEST_CREDENTIALS, useEmulator } from '../testing/emulator-fixture';
import { deployCloudAssembly, destroyStack, type DeployResult } from '.';

// The real synthesized OrdersStack, deployed into a started emulator: every output must name a
// resource the SDK can describe, as the suites will use them.

const env = useEmulator();
let assemblyDir: string;
let outputsDir: string;
let deployed: DeployResult & { outputsFile?: string };
let out: Record<string, string>;

beforeAll(async () => {
  ({ assemblyDir } = await synthesize());
  outputsDir = await mkdtemp(path.join(tmpdir(), 'orders-outputs-'));
  deployed = await deployCloudAssembly({ endpoint: env.endpoint, credentials: TEST_CREDENTIALS, assemblyDir, outputsFile: path.join(outputsDir, 'outputs.json') });
  out = deployed.outputs;
}, 180_000);

afterAll(async () => {
  if (outputsDir) await rm(outputsDir, { recursive: true, force: true });
});

describe('the synthesized OrdersStack deployed into the emulator', () => {
  it('writes every output in the format of cdk deploy --outputs-file', async () => {
    const file = JSON.parse(await readFile(deployed.outputsFile!, 'utf8')) as Record<string, Record<string, string>>;
    expect(Object.keys(file)).toEqual(['OrdersStack']);
    const template = JSON.parse(await readFile(path.join(assemblyDir, 'OrdersStack.template.json'), 'utf8')) as { Outputs: Record<string, unknown> };
    expect(Object.keys(file.OrdersStack!).sort()).toEqual(Object.keys(template.Outputs).sort());
    for (const [key, value] of Object.entries(file.OrdersStack!)) expect(value, key).toMatch(/\S/);
  });

  it('has the Orders bus and its four rules, with their patterns and targets', async () => {
    const bus = await env.events.send(new DescribeEventBusCommand({ Name: out.BusName }));
    expect(bus.Name).toBe('Orders');
    expect(bus.Arn).toBe(out.BusArn);
    const rules = await env.events.send(new ListRulesCommand({ EventBusName: out.BusName }));
    expect(rules.Rules?.map((r) => r.Name).sort()).toEqual(['EUOrdertoStepFunctions', 'OrdertoCloudWatch', 'ProcessedOrderstoLambda', 'USOrdertoAPI']);

    const pattern = async (name: string) => JSON.parse((await env.events.send(new DescribeRuleCommand({ Name: name, EventBusName: out.BusName }))).EventPattern!);
    expect(await pattern('OrdertoCloudWatch')).toEqual({ source: [{ prefix: 'com.aws.order' }] });
    expect(await pattern('USOrdertoAPI')).toEqual({ source: ['com.aws.orders'], 'detail-type': ['Order Notification'], detail: { location: [{ prefix: 'us-' }] } });
    expect(await pattern('EUOrdertoStepFunctions')).toEqual({ source: ['com.aws.orders'], 'detail-type': ['Order Notification'], detail: { location: [{ prefix: 'eu-' }] } });
    expect(await pattern('ProcessedOrderstoLambda')).toEqual({ source: ['com.aws.orders'], 'detail-type': ['Order Notification'] });

    const targetArns = async (name: string) => (await env.events.send(new ListTargetsByRuleCommand({ Rule: name, EventBusName: out.BusName }))).Targets?.map((t) => t.Arn);
    const group = (await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: out.LogGroupName }))).logGroups?.find((g) => g.logGroupName === out.LogGroupName);
    expect(await targetArns('OrdertoCloudWatch')).toEqual([group!.arn!.replace(/:\*$/, '')]);
    expect(await targetArns('USOrdertoAPI')).toEqual([out.ApiDestinationArn]);
    expect(await targetArns('EUOrdertoStepFunctions')).toEqual([out.StateMachineArn]);
    const processed = await env.lambda.send(new GetFunctionCommand({ FunctionName: out.ProcessedOrderFunctionName }));
    expect(await targetArns('ProcessedOrderstoLambda')).toEqual([processed.Configuration!.FunctionArn]);
  });

  it('has the log group, and the resource policy the custom resource put for EventBridge', async () => {
    expect(out.LogGroupName).toBe('/aws/events/orders');
    const policies = await env.logs.send(new DescribeResourcePoliciesCommand({}));
    const policy = policies.resourcePolicies?.find((p) => p.policyDocument?.includes(out.LogGroupName!));
    expect(policy, JSON.stringify(policies.resourcePolicies)).toBeDefined();
    expect(JSON.parse(policy!.policyDocument!).Statement[0].Principal).toEqual({ Service: 'events.amazonaws.com' });
  });

  it('has the three functions, Active', async () => {
    for (const key of ['ProduceOrderFunctionName', 'ProcessedOrderFunctionName', 'ConsumeOrderFunctionName']) {
      const fn = await env.lambda.send(new GetFunctionCommand({ FunctionName: out[key] }));
      expect(fn.Configuration?.State, key).toBe('Active');
      expect(fn.Configuration?.FunctionName).toBe(out[key]);
    }
  });

  it('has both REST APIs with their methods and the dev stage', async () => {
    for (const [api, name, methods] of [
      ['Producer', 'OrderProducer', ['GET', 'POST']],
      ['Consumer', 'OrderConsumer', ['POST']],
    ] as const) {
      const restApiId = out[`${api}ApiId`]!;
      expect((await env.apigateway.send(new GetRestApiCommand({ restApiId }))).name).toBe(name);
      const resources = await env.apigateway.send(new GetResourcesCommand({ restApiId, embed: ['methods'] }));
      const orders = resources.items?.find((r) => r.path === '/orders');
      expect(Object.keys(orders?.resourceMethods ?? {}).sort()).toEqual(methods);
      const stage = await env.apigateway.send(new GetStageCommand({ restApiId, stageName: 'dev' }));
      expect(stage.deploymentId).toMatch(/\S/);
      expect(out[`${api}ApiUrl`]).toBe(`https://${restApiId}.execute-api.us-east-1.amazonaws.com/dev/`);
    }
  });

  it('has the API destination and its Basic-auth connection', async () => {
    const destination = await env.events.send(new DescribeApiDestinationCommand({ Name: 'OrdersConsumerDestination' }));
    expect(destination.ApiDestinationArn).toBe(out.ApiDestinationArn);
    expect(destination.InvocationEndpoint).toBe(out.ApiDestinationEndpoint);
    expect(destination.HttpMethod).toBe('POST');
    const connection = await env.events.send(new DescribeConnectionCommand({ Name: 'OrdersConsumerConnection' }));
    expect(connection.ConnectionArn).toBe(out.ConnectionArn);
    expect(connection.AuthorizationType).toBe('BASIC');
  });

  it('has the state machine and the table', async () => {
    const machine = await env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: out.StateMachineArn }));
    expect(machine.name).toBe('EUOrderWorkflow');
    const table = await env.dynamodb.send(new DescribeTableCommand({ TableName: out.TableName }));
    expect(table.Table?.KeySchema).toEqual([{ AttributeName: 'orderId', KeyType: 'HASH' }]);
  });

  it('deploys the same assembly again as a no-op, and destroys it', async () => {
    const again = await deployCloudAssembly({ endpoint: env.endpoint, credentials: TEST_CREDENTIALS, assemblyDir, outputsFile: false });
    expect(again.noChanges).toBe(true);
    expect(again.outputs).toEqual(out);
    const destroyed = await destroyStack('OrdersStack', { endpoint: env.endpoint, credentials: TEST_CREDENTIALS });
    expect(destroyed.deleted.length).toBeGreaterThan(40);
    const error = await env.events.send(new DescribeEventBusCommand({ Name: 'Orders' })).catch((e: Error) => e);
    expect((error as Error).name).toBe('ResourceNotFoundException');
  });
});
