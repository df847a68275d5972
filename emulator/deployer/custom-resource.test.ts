import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { errorOf, TEST_CREDENTIALS, useEmulator } from '../testing/emulator-fixture';
import { deployStack, destroyStack, DeployError, type StackArtifact, type Template } from '.';

// Lambda-backed custom resources, invoked as CloudFormation invokes them. The provider functions
// are inline code (Code.ZipFile) that PUT their answer to the event's ResponseURL.

const env = useEmulator();

/** Provider code: answers with `status`, logs every request it gets as one JSON line. */
function providerCode(answer: 'SUCCESS' | 'FAILED' | 'throw' | 'silent'): string {
  return `
exports.handler = async (event) => {
  console.log(JSON.stringify({ seen: event.RequestType, physicalId: event.PhysicalResourceId ?? null }));
  if (${JSON.stringify(answer)} === 'throw') throw new Error('boom before responding');
  if (${JSON.stringify(answer)} === 'silent') return 'done, but no response sent';
  const props = event.ResourceProperties;
  const body = {
    Status: ${JSON.stringify(answer)},
    Reason: ${JSON.stringify(answer)} === 'FAILED' ? 'the widget is broken' : 'OK',
    PhysicalResourceId: event.RequestType === 'Create' || event.RequestType === 'Update' ? 'widget-' + props.Name : event.PhysicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: {
      Greeting: 'hello ' + props.Name,
      Request: event.RequestType,
      ResourceType: event.ResourceType,
      CountType: typeof props.Count,
      FlagValue: props.Nested.Flag,
      HasToken: String(props.ServiceToken === event.ServiceToken),
      OldName: event.OldResourceProperties ? event.OldResourceProperties.Name : 'none',
      StackIdMatches: String(event.StackId.startsWith('arn:aws:cloudformation:us-east-1:000000000000:stack/')),
    },
  };
  await fetch(event.ResponseURL, { method: 'PUT', body: JSON.stringify(body) });
};`;
}

let counter = 0;
function widgetStack(answer: Parameters<typeof providerCode>[0], name: string, extra: Record<string, unknown> = {}): StackArtifact {
  const fn = `WidgetProvider${++counter}`;
  const template: Template = {
    Resources: {
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } },
      Provider: {
        Type: 'AWS::Lambda::Function',
        Properties: { FunctionName: fn, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { ZipFile: providerCode(answer) }, Timeout: 10 },
      },
      Widget: {
        Type: 'Custom::Widget',
        Properties: { ServiceToken: { 'Fn::GetAtt': ['Provider', 'Arn'] }, Name: name, Count: 3, Nested: { Flag: true }, ...extra },
      },
    },
    Outputs: {
      Ref: { Value: { Ref: 'Widget' } },
      Greeting: { Value: { 'Fn::GetAtt': ['Widget', 'Greeting'] } },
      Request: { Value: { 'Fn::GetAtt': ['Widget', 'Request'] } },
      ResourceType: { Value: { 'Fn::GetAtt': ['Widget', 'ResourceType'] } },
      CountType: { Value: { 'Fn::GetAtt': ['Widget', 'CountType'] } },
      FlagValue: { Value: { 'Fn::GetAtt': ['Widget', 'FlagValue'] } },
      HasToken: { Value: { 'Fn::GetAtt': ['Widget', 'HasToken'] } },
      OldName: { Value: { 'Fn::GetAtt': ['Widget', 'OldName'] } },
      StackIdMatches: { Value: { 'Fn::GetAtt': ['Widget', 'StackIdMatches'] } },
    },
  };
  return { stackName: `Widgets${counter}`, template, assets: new Map() };
}

const options = { endpoint: '', credentials: TEST_CREDENTIALS, customResourceTimeoutMs: 20_000 };
const deploy = (a: StackArtifact) => deployStack(a, { ...options, endpoint: env.endpoint });

/** The requests the provider logged, once `expected` of them are visible (bounded poll). */
async function requestsSeen(functionName: string, expected: number): Promise<Array<{ seen: string; physicalId: string | null }>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await env.logs
      .send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, filterPattern: '"seen"' }))
      .catch(() => ({ events: [] }));
    const seen = (found.events ?? []).map((e) => JSON.parse(e.message!.slice(e.message!.indexOf('{'))) as { seen: string; physicalId: string | null });
    if (seen.length >= expected || Date.now() > deadline) return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Lambda-backed custom resources', () => {
  it('sends Create with the request CloudFormation sends, and takes Ref and GetAtt from the response', async () => {
    const a = widgetStack('SUCCESS', 'one');
    const result = await deploy(a);
    expect(result.outputs).toEqual({
      Ref: 'widget-one',
      Greeting: 'hello one',
      Request: 'Create',
      ResourceType: 'Custom::Widget',
      // Scalars reach the provider as strings, as CloudFormation sends them.
      CountType: 'string',
      FlagValue: 'true',
      HasToken: 'true',
      OldName: 'none',
      StackIdMatches: 'true',
    });
  });

  it('sends Update with the old properties and, when the physical id changes, Delete to the old one', async () => {
    const a = widgetStack('SUCCESS', 'before');
    await deploy(a);
    const fn = String(a.template.Resources.Provider!.Properties!.FunctionName);
    (a.template.Resources.Widget!.Properties as Record<string, unknown>).Name = 'after';
    const result = await deploy(a);
    expect(result.updated).toEqual(['Widget']);
    expect(result.deleted).toEqual(['Widget']);
    expect(result.outputs).toMatchObject({ Ref: 'widget-after', Request: 'Update', OldName: 'before', Greeting: 'hello after' });
    const seen = await requestsSeen(fn, 3);
    expect(seen).toEqual([
      { seen: 'Create', physicalId: null },
      { seen: 'Update', physicalId: 'widget-before' },
      { seen: 'Delete', physicalId: 'widget-before' },
    ]);
  });

  it('sends Delete on destroy, before deleting the provider function', async () => {
    const a = widgetStack('SUCCESS', 'gone');
    await deploy(a);
    const result = await destroyStack(a.stackName, { endpoint: env.endpoint, credentials: TEST_CREDENTIALS });
    expect(result.deleted.indexOf('Widget')).toBeLessThan(result.deleted.indexOf('Provider'));
    const seen = await requestsSeen(String(a.template.Resources.Provider!.Properties!.FunctionName), 2);
    expect(seen.map((s) => s.seen)).toEqual(['Create', 'Delete']);
  });

  it('fails the resource with the Reason of a FAILED response, in CloudFormation words', async () => {
    const error = await errorOf(() => deploy(widgetStack('FAILED', 'bad')));
    expect(error).toBeInstanceOf(DeployError);
    expect(error.message).toMatch(/^Resource Widget \(Custom::Widget\) failed to create: Received response status \[FAILED\] from custom resource\. Message returned: the widget is broken\./);
    expect(error.message).toContain('Left in place, no rollback: Role, Provider');
  });

  it('fails at once, with the function error, when the provider crashes without responding', async () => {
    const error = await errorOf(() => deploy(widgetStack('throw', 'crash')));
    expect(error.message).toMatch(/^Resource Widget \(Custom::Widget\) failed to create: its provider function arn:aws:lambda:us-east-1:000000000000:function:WidgetProvider\d+ failed without sending a response: Error: boom before responding/);
  });

  it('fails after ServiceTimeout when the provider never responds, naming the resource', async () => {
    const error = await errorOf(() => deploy(widgetStack('silent', 'mute', { ServiceTimeout: 1 })));
    expect(error.message).toMatch(/^Resource Widget \(Custom::Widget\) failed to create: CloudFormation did not receive a response from your Custom Resource within 1 s\./);
  });

  it('refuses a ServiceToken that is not a Lambda function', async () => {
    const a = widgetStack('SUCCESS', 'sns');
    (a.template.Resources.Widget!.Properties as Record<string, unknown>).ServiceToken = 'arn:aws:sns:us-east-1:000000000000:topic';
    const error = await errorOf(() => deploy(a));
    expect(error.message).toContain('is not a Lambda function ARN; the embedded deployer invokes only Lambda-backed custom resources');
  });
});
