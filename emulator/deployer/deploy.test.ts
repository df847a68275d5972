import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeEventBusCommand, DescribeRuleCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { errorOf, TEST_CREDENTIALS, useEmulator } from '../testing/emulator-fixture';
import { deployStack, destroyStack, DeployError, TemplateError, type StackArtifact, type Template } from '.';

const env = useEmulator();

let stacks = 0;
const artifact = (template: Template, stackName = `Test${++stacks}`): StackArtifact => ({ stackName, template, assets: new Map() });
const deploy = (a: StackArtifact, parameters?: Record<string, string>) => deployStack(a, { endpoint: env.endpoint, credentials: TEST_CREDENTIALS, parameters });
const destroy = (name: string) => destroyStack(name, { endpoint: env.endpoint, credentials: TEST_CREDENTIALS });

/** A bus, a rule on it sending to a log group, a table and outputs through every intrinsic kind. */
function ordersTemplate(opts: { bus: string; prefix?: string; group?: string; table?: string; withRule?: boolean }): Template {
  const template: Template = {
    Parameters: { Env: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    Resources: {
      Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: opts.bus } },
      Group: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: opts.group ?? `/aws/events/${opts.bus}`, RetentionInDays: 7 } },
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: opts.table ?? `${opts.bus}Details`,
          KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        },
      },
      ProdOnly: { Type: 'AWS::Logs::LogGroup', Condition: 'IsProd', Properties: { LogGroupName: `/prod/${opts.bus}` } },
      Metadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:x' } },
    },
    Outputs: {
      BusName: { Value: { Ref: 'Bus' } },
      BusArn: { Value: { 'Fn::GetAtt': ['Bus', 'Arn'] } },
      GroupArn: { Value: { 'Fn::Sub': '${Group.Arn}' } },
      TableArn: { Value: { 'Fn::GetAtt': 'Table.Arn' } },
      Where: { Value: { 'Fn::Join': ['/', [{ Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }, { Ref: 'AWS::StackName' }]] } },
      ProdGroup: { Condition: 'IsProd', Value: { Ref: 'ProdOnly' } },
    },
  };
  if (opts.withRule !== false) {
    template.Resources.Rule = {
      Type: 'AWS::Events::Rule',
      Properties: {
        Name: `${opts.bus}ToLogs`,
        EventBusName: { Ref: 'Bus' },
        EventPattern: { source: [{ prefix: opts.prefix ?? 'com.aws.order' }] },
        State: 'ENABLED',
        Targets: [
          {
            Id: 'Target0',
            Arn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:', { Ref: 'Group' }]] },
          },
        ],
      },
    };
    template.Outputs!.RuleArn = { Value: { 'Fn::GetAtt': ['Rule', 'Arn'] } };
    template.Outputs!.RuleRef = { Value: { Ref: 'Rule' } };
  }
  return template;
}

describe('deploying a template into a started emulator', () => {
  it('creates every resource in dependency order, with CloudFormation physical ids, attributes and outputs', async () => {
    const a = artifact(ordersTemplate({ bus: 'DeployBus' }));
    const result = await deploy(a);
    expect(result.noChanges).toBe(false);
    expect(result.created.sort()).toEqual(['Bus', 'Group', 'Metadata', 'Rule', 'Table']);
    expect(result.outputs).toEqual({
      BusName: 'DeployBus',
      BusArn: 'arn:aws:events:us-east-1:000000000000:event-bus/DeployBus',
      GroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/events/DeployBus:*',
      TableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/DeployBusDetails',
      Where: `000000000000/us-east-1/${a.stackName}`,
      RuleArn: 'arn:aws:events:us-east-1:000000000000:rule/DeployBus/DeployBusToLogs',
      // A rule on a custom bus has the physical id `bus|rule`, as in CloudFormation.
      RuleRef: 'DeployBus|DeployBusToLogs',
    });
    expect(result.stackId).toMatch(new RegExp(`^arn:aws:cloudformation:us-east-1:000000000000:stack/${a.stackName}/[0-9a-f-]{36}$`));

    const rule = await env.events.send(new DescribeRuleCommand({ Name: 'DeployBusToLogs', EventBusName: 'DeployBus' }));
    expect(JSON.parse(rule.EventPattern!)).toEqual({ source: [{ prefix: 'com.aws.order' }] });
    const targets = await env.events.send(new ListTargetsByRuleCommand({ Rule: 'DeployBusToLogs', EventBusName: 'DeployBus' }));
    expect(targets.Targets).toEqual([{ Id: 'Target0', Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/events/DeployBus' }]);
    const groups = await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/events/DeployBus' }));
    expect(groups.logGroups?.map((g) => [g.logGroupName, g.retentionInDays])).toEqual([['/aws/events/DeployBus', 7]]);
    expect((await env.dynamodb.send(new DescribeTableCommand({ TableName: 'DeployBusDetails' }))).Table?.TableStatus).toBe('ACTIVE');
    // The resource whose condition is false is not created, nor is its output written.
    expect((await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/prod/DeployBus' }))).logGroups).toEqual([]);
  });

  it('creates the conditional resource and output when a parameter makes the condition true', async () => {
    const a = artifact(ordersTemplate({ bus: 'ProdBus', withRule: false }));
    const result = await deploy(a, { Env: 'prod' });
    expect(result.outputs.ProdGroup).toBe('/prod/ProdBus');
    expect(result.created).toContain('ProdOnly');
  });

  it('treats a second deployment of the same template as a no-op', async () => {
    const a = artifact(ordersTemplate({ bus: 'NoopBus' }));
    const first = await deploy(a);
    const second = await deploy(a);
    expect(second.noChanges).toBe(true);
    expect(second.outputs).toEqual(first.outputs);
    expect(second.stackId).toBe(first.stackId);
    expect([...second.created, ...second.updated, ...second.replaced, ...second.deleted]).toEqual([]);
  });

  it('sees the stack a previous deployer run left in the emulator (the record lives in the env.emulator)', async () => {
    const a = artifact(ordersTemplate({ bus: 'SharedBus' }));
    await deploy(a);
    // A fresh artifact object, as a second process would load it from cdk.out.
    const again = await deploy({ stackName: a.stackName, template: structuredClone(a.template), assets: new Map() });
    expect(again.noChanges).toBe(true);
  });

  it('updates in place what changed, and only that', async () => {
    const name = 'UpdateStack';
    await deploy(artifact(ordersTemplate({ bus: 'UpdBus' }), name));
    const result = await deploy(artifact(ordersTemplate({ bus: 'UpdBus', prefix: 'com.example' }), name));
    expect(result.noChanges).toBe(false);
    expect(result.updated).toEqual(['Rule']);
    expect([...result.created, ...result.replaced, ...result.deleted]).toEqual([]);
    const rule = await env.events.send(new DescribeRuleCommand({ Name: 'UpdBusToLogs', EventBusName: 'UpdBus' }));
    expect(JSON.parse(rule.EventPattern!)).toEqual({ source: [{ prefix: 'com.example' }] });
  });

  it('replaces a resource whose name changed, then deletes the old one and updates what refers to it', async () => {
    const name = 'ReplaceStack';
    const first = await deploy(artifact(ordersTemplate({ bus: 'RepBus' }), name));
    const result = await deploy(artifact(ordersTemplate({ bus: 'RepBus', group: '/aws/events/RepBus-v2' }), name));
    expect(result.replaced).toEqual(['Group']);
    // The rule's target ARN names the group, so the rule is updated to the new one.
    expect(result.updated).toEqual(['Rule']);
    expect(result.deleted).toEqual(['Group']);
    expect(result.outputs.GroupArn).not.toBe(first.outputs.GroupArn);
    const groups = await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/events/RepBus' }));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/events/RepBus-v2']);
    const targets = await env.events.send(new ListTargetsByRuleCommand({ Rule: 'RepBusToLogs', EventBusName: 'RepBus' }));
    expect(targets.Targets?.[0]?.Arn).toBe('arn:aws:logs:us-east-1:000000000000:log-group:/aws/events/RepBus-v2');
  });

  it('deletes the resources a new template no longer has', async () => {
    const name = 'ShrinkStack';
    await deploy(artifact(ordersTemplate({ bus: 'ShrBus' }), name));
    const result = await deploy(artifact(ordersTemplate({ bus: 'ShrBus', withRule: false }), name));
    expect(result.deleted).toEqual(['Rule']);
    const error = await errorOf(() => env.events.send(new DescribeRuleCommand({ Name: 'ShrBusToLogs', EventBusName: 'ShrBus' })));
    expect(error.name).toBe('ResourceNotFoundException');
  });

  it('refuses to replace a custom-named resource under the same name, as CloudFormation does', async () => {
    const name = 'NamedStack';
    await deploy(artifact(ordersTemplate({ bus: 'NamBus', withRule: false }), name));
    const changed = ordersTemplate({ bus: 'NamBus', withRule: false });
    (changed.Resources.Table!.Properties!.KeySchema as unknown[]) = [{ AttributeName: 'id', KeyType: 'HASH' }];
    (changed.Resources.Table!.Properties!.AttributeDefinitions as unknown[]) = [{ AttributeName: 'id', AttributeType: 'S' }];
    const error = await errorOf(() => deploy(artifact(changed, name)));
    expect(error).toBeInstanceOf(DeployError);
    expect(error.message).toContain('Resource Table (AWS::DynamoDB::Table) failed to replace: CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename NamBusDetails and update the stack again.');
  });

  it('destroys the stack in reverse dependency order, then forgets it', async () => {
    const name = 'DestroyStack';
    await deploy(artifact(ordersTemplate({ bus: 'DelBus' }), name));
    const result = await destroy(name);
    expect(result.existed).toBe(true);
    // The rule goes before the bus it sits on (the bus could not be deleted under it).
    expect(result.deleted.indexOf('Rule')).toBeLessThan(result.deleted.indexOf('Bus'));
    expect(result.deleted.sort()).toEqual(['Bus', 'Group', 'Metadata', 'Rule', 'Table']);
    expect((await errorOf(() => env.events.send(new DescribeEventBusCommand({ Name: 'DelBus' })))).name).toBe('ResourceNotFoundException');
    expect((await errorOf(() => env.dynamodb.send(new DescribeTableCommand({ TableName: 'DelBusDetails' })))).name).toBe('ResourceNotFoundException');
    expect((await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/events/DelBus' }))).logGroups).toEqual([]);
    expect((await destroy(name)).existed).toBe(false);
    // Deploying again after a destroy creates everything anew.
    expect((await deploy(artifact(ordersTemplate({ bus: 'DelBus' }), name))).created).toHaveLength(5);
  });

  it('keeps resources whose DeletionPolicy is Retain', async () => {
    const name = 'RetainStack';
    await deploy(artifact({ Resources: { Kept: { Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain', Properties: { LogGroupName: '/kept/group' } } } }, name));
    const result = await destroy(name);
    expect(result).toMatchObject({ deleted: [], retained: ['Kept'] });
    expect((await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/kept/group' }))).logGroups).toHaveLength(1);
  });
});

describe('deployments that stop', () => {
  it('refuses an unknown resource type before creating anything, naming the type and the logical id', async () => {
    const template = ordersTemplate({ bus: 'UnknownTypeBus', withRule: false });
    template.Resources.Queue = { Type: 'AWS::SNS::Topic', Properties: {} };
    const error = await errorOf(() => deploy(artifact(template)));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toMatch(/^Resource Queue has type AWS::SNS::Topic, which the embedded deployer cannot deploy\./);
    expect((await errorOf(() => env.events.send(new DescribeEventBusCommand({ Name: 'UnknownTypeBus' })))).name).toBe('ResourceNotFoundException');
  });

  it('refuses a property the provider does not know instead of dropping it', async () => {
    const error = await errorOf(() => deploy(artifact({ Resources: { G: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/x', Colour: 'blue' } } } })));
    expect(error.message).toBe('Resource G (AWS::Logs::LogGroup) has property Colour, which the embedded deployer does not support.');
  });

  it('names the failed resource and why, and what it left in place; a fixed template then continues', async () => {
    const name = 'FailStack';
    const broken: Template = {
      Resources: {
        Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'FailBus' } },
        Rule: { Type: 'AWS::Events::Rule', DependsOn: 'Bus', Properties: { Name: 'OnMissingBus', EventBusName: 'NoSuchBus', EventPattern: { source: ['x'] } } },
      },
    };
    const error = await errorOf(() => deploy(artifact(broken, name)));
    expect(error).toBeInstanceOf(DeployError);
    expect((error as DeployError).logicalId).toBe('Rule');
    expect(error.message).toMatch(/^Resource Rule \(AWS::Events::Rule\) failed to create: ResourceNotFoundException: .*NoSuchBus/);
    expect(error.message).toContain('Left in place, no rollback: Bus');
    // The bus it created stays, and the record knows it: fixing the rule continues from there.
    await env.events.send(new DescribeEventBusCommand({ Name: 'FailBus' }));
    const fixed = structuredClone(broken);
    fixed.Resources.Rule!.Properties!.EventBusName = { Ref: 'Bus' };
    const result = await deploy(artifact(fixed, name));
    expect(result.created).toEqual(['Rule']);
    expect(result.outputs).toEqual({});
    expect((await destroy(name)).deleted.sort()).toEqual(['Bus', 'Rule']);
  });

  it("stops at a failed rule assertion with the rule's description", async () => {
    const template: Template = {
      Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } },
      Rules: { CheckBootstrapVersion: { Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }] }, AssertDescription: 'CDK bootstrap stack version 6 required.' }] } },
      Resources: { G: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/bootstrap/check' } } },
    };
    // Satisfied locally by default...
    expect((await deploy(artifact(template))).created).toEqual(['G']);
    // ...and checked for real when the SSM value says otherwise.
    const error = await errorOf(() => deployStack(artifact(template), { endpoint: env.endpoint, credentials: TEST_CREDENTIALS, ssmParameters: { '/cdk-bootstrap/hnb659fds/version': '4' } }));
    expect(error.message).toBe('CDK bootstrap stack version 6 required.');
  });

  it('refuses a cycle before creating anything', async () => {
    const error = await errorOf(() =>
      deploy(artifact({ Resources: { A: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { Ref: 'B' } } }, B: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { Ref: 'A' } } } } })),
    );
    expect(error.message).toBe('Circular dependency between resources: [A, B]');
  });

  it('says plainly when no emulator answers at the endpoint', async () => {
    const error = await errorOf(() => deployStack(artifact({ Resources: {} }), { endpoint: 'http://127.0.0.1:9', credentials: TEST_CREDENTIALS }));
    expect(error.message).toMatch(/^No emulator answers at http:\/\/127\.0\.0\.1:9 .*npm run emulator/);
  });
});
