import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  GetTemplateSummaryCommand,
  ListChangeSetsCommand,
  ListExportsCommand,
  ListStackResourcesCommand,
  ListStacksCommand,
  UpdateStackCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, GetBucketVersioningCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { errorOf, uniqueName, useEmulator } from '../testing/emulator-fixture';

const aws = useEmulator();

/** A YAML template in CloudFormation's short form: a parameter, a condition, a bucket, an SSM parameter and outputs. */
function yamlTemplate(value: string, extra = ''): string {
  return `
Description: short-form test stack
Parameters:
  Value:
    Type: String
    Default: ${value}
  Env:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: !If [IsProd, Enabled, Suspended]
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Name: !Sub '/test/\${AWS::StackName}/value'
      Type: String
      Value: !Join ['-', [!Ref Value, !GetAtt Bucket.Arn]]
${extra}
Outputs:
  BucketName:
    Value: !Ref Bucket
    Export:
      Name: !Sub '\${AWS::StackName}-bucket'
  ParamName:
    Value: !Ref Param
`;
}

const paramValue = async (stack: string) => (await aws.ssm.send(new GetParameterCommand({ Name: `/test/${stack}/value` }))).Parameter?.Value;
const stackOf = async (name: string) => (await aws.cloudformation.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;

describe('CloudFormation stacks', () => {
  it('creates a stack from a YAML template with short-form tags, and reports it as CloudFormation does', async () => {
    const name = uniqueName('Yaml');
    const body = yamlTemplate('one');
    const { StackId } = await aws.cloudformation.send(new CreateStackCommand({ StackName: name, TemplateBody: body, Parameters: [{ ParameterKey: 'Env', ParameterValue: 'prod' }] }));
    const stack = await stackOf(name);
    expect(stack).toMatchObject({ StackId, StackStatus: 'CREATE_COMPLETE', Description: 'short-form test stack' });
    expect(stack.Parameters).toEqual(expect.arrayContaining([{ ParameterKey: 'Value', ParameterValue: 'one' }, { ParameterKey: 'Env', ParameterValue: 'prod' }]));
    const bucket = stack.Outputs!.find((o) => o.OutputKey === 'BucketName')!;
    expect(bucket.ExportName).toBe(`${name}-bucket`);
    await aws.s3.send(new HeadBucketCommand({ Bucket: bucket.OutputValue! }));
    expect((await aws.s3.send(new GetBucketVersioningCommand({ Bucket: bucket.OutputValue! }))).Status).toBe('Enabled');
    expect(await paramValue(name)).toBe(`one-arn:aws:s3:::${bucket.OutputValue}`);

    const events = (await aws.cloudformation.send(new DescribeStackEventsCommand({ StackName: StackId }))).StackEvents!;
    expect(events[0]).toMatchObject({ LogicalResourceId: name, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'CREATE_COMPLETE', PhysicalResourceId: StackId });
    expect(events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`)).toEqual(expect.arrayContaining(['Bucket CREATE_IN_PROGRESS', 'Bucket CREATE_COMPLETE', 'Param CREATE_COMPLETE', `${name} CREATE_IN_PROGRESS`]));
    const resources = (await aws.cloudformation.send(new ListStackResourcesCommand({ StackName: name }))).StackResourceSummaries!;
    expect(resources.map((r) => [r.LogicalResourceId, r.ResourceType, r.ResourceStatus]).sort()).toEqual([
      ['Bucket', 'AWS::S3::Bucket', 'CREATE_COMPLETE'],
      ['Param', 'AWS::SSM::Parameter', 'CREATE_COMPLETE'],
    ]);
    const detail = await aws.cloudformation.send(new DescribeStackResourceCommand({ StackName: name, LogicalResourceId: 'Param' }));
    expect(detail.StackResourceDetail?.PhysicalResourceId).toBe(`/test/${name}/value`);
    expect((await aws.cloudformation.send(new GetTemplateCommand({ StackName: name }))).TemplateBody).toBe(body);
    expect((await aws.cloudformation.send(new ListExportsCommand({}))).Exports).toEqual(expect.arrayContaining([{ ExportingStackId: StackId, Name: `${name}-bucket`, Value: bucket.OutputValue }]));

    await aws.cloudformation.send(new DeleteStackCommand({ StackName: name }));
    expect((await stackOf(StackId!)).StackStatus).toBe('DELETE_COMPLETE');
    const gone = await errorOf(() => stackOf(name));
    expect(gone.name).toBe('ValidationError');
    expect(gone.message).toBe(`Stack with id ${name} does not exist`);
    expect((await errorOf(() => paramValue(name))).name).toBe('ParameterNotFound');
    const listed = (await aws.cloudformation.send(new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }))).StackSummaries!;
    expect(listed.map((s) => s.StackId)).toContain(StackId);
  });

  it('updates through a change set: reviewed changes, executed once, and no-change change sets fail as on AWS', async () => {
    const name = uniqueName('ChangeSet');
    const created = await aws.cloudformation.send(new CreateChangeSetCommand({ StackName: name, ChangeSetName: 'first', ChangeSetType: 'CREATE', TemplateBody: yamlTemplate('one') }));
    expect((await stackOf(name)).StackStatus).toBe('REVIEW_IN_PROGRESS');
    const review = await aws.cloudformation.send(new DescribeChangeSetCommand({ StackName: created.StackId, ChangeSetName: created.Id }));
    expect(review).toMatchObject({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', StackId: created.StackId, ChangeSetName: 'first' });
    expect(review.Changes?.map((c) => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId]).sort()).toEqual([['Add', 'Bucket'], ['Add', 'Param']]);
    await aws.cloudformation.send(new ExecuteChangeSetCommand({ StackName: name, ChangeSetName: created.Id }));
    expect((await stackOf(name)).StackStatus).toBe('CREATE_COMPLETE');
    const twice = await errorOf(() => aws.cloudformation.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id })));
    expect(twice.name).toBe('InvalidChangeSetStatusException');

    const update = await aws.cloudformation.send(new CreateChangeSetCommand({ StackName: name, ChangeSetName: 'second', TemplateBody: yamlTemplate('two') }));
    const changes = (await aws.cloudformation.send(new DescribeChangeSetCommand({ ChangeSetName: update.Id }))).Changes!;
    expect(changes.map((c) => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId])).toEqual([['Modify', 'Param']]);
    expect((await aws.cloudformation.send(new ListChangeSetsCommand({ StackName: name }))).Summaries?.map((s) => s.ChangeSetName)).toEqual(['first', 'second']);
    await aws.cloudformation.send(new ExecuteChangeSetCommand({ StackName: name, ChangeSetName: 'second' }));
    expect((await stackOf(name)).StackStatus).toBe('UPDATE_COMPLETE');
    expect(await paramValue(name)).toMatch(/^two-/);

    const same = await aws.cloudformation.send(new CreateChangeSetCommand({ StackName: name, ChangeSetName: 'same', TemplateBody: yamlTemplate('two') }));
    const failed = await aws.cloudformation.send(new DescribeChangeSetCommand({ ChangeSetName: same.Id }));
    expect(failed).toMatchObject({ Status: 'FAILED', StatusReason: "The submitted information didn't contain changes. Submit different information to create a change set." });
    // Deleting a change set that does not exist answers success, as the CDK CLI expects.
    await aws.cloudformation.send(new DeleteChangeSetCommand({ StackName: name, ChangeSetName: 'never-made' }));
    await aws.cloudformation.send(new DeleteChangeSetCommand({ StackName: name, ChangeSetName: 'same' }));
    const missing = await errorOf(() => aws.cloudformation.send(new DescribeChangeSetCommand({ StackName: name, ChangeSetName: 'same' })));
    expect(missing.name).toBe('ChangeSetNotFoundException');
    expect(missing.message).toBe('ChangeSet [same] does not exist');
    const noUpdate = await errorOf(() => aws.cloudformation.send(new UpdateStackCommand({ StackName: name, TemplateBody: yamlTemplate('two') })));
    expect(noUpdate.message).toBe('No updates are to be performed.');
    await aws.cloudformation.send(new DeleteStackCommand({ StackName: name }));
  });

  it('rolls back a stack whose resource fails, naming the resource, its type and the cause', async () => {
    const name = uniqueName('Fails');
    const extra = `  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: Param\n`;
    await aws.cloudformation.send(new CreateStackCommand({ StackName: name, TemplateBody: yamlTemplate('one', extra) }));
    const stack = await stackOf(name);
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const events = (await aws.cloudformation.send(new DescribeStackEventsCommand({ StackName: name }))).StackEvents!;
    const failed = events.find((e) => e.ResourceStatus === 'CREATE_FAILED')!;
    expect(failed).toMatchObject({ LogicalResourceId: 'Topic', ResourceType: 'AWS::SNS::Topic' });
    expect(failed.ResourceStatusReason).toContain('Resource type AWS::SNS::Topic is not supported');
    const rollback = events.find((e) => e.ResourceStatus === 'ROLLBACK_IN_PROGRESS')!;
    expect(rollback.ResourceStatusReason).toBe('The following resource(s) failed to create: [Topic]. Rollback requested by user.');
    expect(events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`)).toEqual(expect.arrayContaining(['Param DELETE_COMPLETE', 'Bucket DELETE_COMPLETE']));
    expect((await errorOf(() => paramValue(name))).name).toBe('ParameterNotFound');
    const noUpdate = await errorOf(() => aws.cloudformation.send(new UpdateStackCommand({ StackName: name, TemplateBody: yamlTemplate('two') })));
    expect(noUpdate.message).toBe(`Stack:${stack.StackId} is in ROLLBACK_COMPLETE state and can not be updated.`);
    await aws.cloudformation.send(new DeleteStackCommand({ StackName: name }));
  });

  it('rolls an update back to the previous template and values', async () => {
    const name = uniqueName('UpdateFails');
    await aws.cloudformation.send(new CreateStackCommand({ StackName: name, TemplateBody: yamlTemplate('one') }));
    const before = await paramValue(name);
    await aws.cloudformation.send(new UpdateStackCommand({ StackName: name, TemplateBody: yamlTemplate('two', `  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: Param\n`) }));
    const stack = await stackOf(name);
    expect(stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(await paramValue(name)).toBe(before);
    expect(stack.Parameters?.find((p) => p.ParameterKey === 'Value')?.ParameterValue).toBe('one');
    const events = (await aws.cloudformation.send(new DescribeStackEventsCommand({ StackName: name }))).StackEvents!;
    const ofStack = events.filter((e) => e.LogicalResourceId === name).map((e) => e.ResourceStatus);
    expect(ofStack.slice(0, 4)).toEqual(['UPDATE_ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_IN_PROGRESS']);
    expect(events.find((e) => e.ResourceStatus === 'CREATE_FAILED')).toMatchObject({ LogicalResourceId: 'Topic', ResourceType: 'AWS::SNS::Topic' });
    await aws.cloudformation.send(new DeleteStackCommand({ StackName: name }));
  });

  it('reads templates from S3 URLs, path style and virtual-hosted', async () => {
    const bucket = uniqueName('templates').toLowerCase();
    await aws.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await aws.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 't.yaml', Body: yamlTemplate('s3') }));
    const a = uniqueName('FromUrl');
    await aws.cloudformation.send(new CreateStackCommand({ StackName: a, TemplateURL: `${aws.endpoint}/${bucket}/t.yaml` }));
    expect(await paramValue(a)).toMatch(/^s3-/);
    const summary = await aws.cloudformation.send(new GetTemplateSummaryCommand({ TemplateURL: `https://${bucket}.s3.us-east-1.amazonaws.com/t.yaml` }));
    expect(summary.ResourceTypes).toEqual(['AWS::S3::Bucket', 'AWS::SSM::Parameter']);
    const missing = await errorOf(() => aws.cloudformation.send(new CreateStackCommand({ StackName: uniqueName('NoUrl'), TemplateURL: `${aws.endpoint}/${bucket}/none.yaml` })));
    expect(missing).toMatchObject({ name: 'ValidationError', message: 'S3 error: The specified key does not exist.' });
    await aws.cloudformation.send(new DeleteStackCommand({ StackName: a }));
  });
});

describe('CloudFormation bad input', () => {
  const refusedWithNothingLeft = async (name: string, template: string, message: string | RegExp, parameters?: Array<{ ParameterKey: string; ParameterValue: string }>) => {
    const err = await errorOf(() => aws.cloudformation.send(new CreateStackCommand({ StackName: name, TemplateBody: template, Parameters: parameters })));
    expect(err.name).toBe('ValidationError');
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
    expect((await errorOf(() => stackOf(name))).message).toBe(`Stack with id ${name} does not exist`);
    const cs = await errorOf(() => aws.cloudformation.send(new CreateChangeSetCommand({ StackName: name, ChangeSetName: 'cs', ChangeSetType: 'CREATE', TemplateBody: template, Parameters: parameters })));
    expect(cs.name).toBe('ValidationError');
    expect((await errorOf(() => stackOf(name))).name).toBe('ValidationError');
  };

  it('refuses a template that is not JSON or YAML', async () => {
    await refusedWithNothingLeft(uniqueName('BadJson'), '{"Resources": ', 'Template format error: JSON not well-formed.');
    await refusedWithNothingLeft(uniqueName('BadYaml'), 'Resources:\n  A: [unclosed', /^Template format error: YAML not well-formed\./);
  });

  it('refuses a circular dependency', async () => {
    const template = JSON.stringify({
      Resources: {
        A: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { Ref: 'B' } } },
        B: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { Ref: 'A' } } },
      },
    });
    await refusedWithNothingLeft(uniqueName('Cycle'), template, /^Circular dependency between resources: \[/);
  });

  it('refuses a missing parameter value', async () => {
    const template = JSON.stringify({ Parameters: { Needed: { Type: 'String' } }, Resources: { A: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { Ref: 'Needed' } } } } });
    await refusedWithNothingLeft(uniqueName('NoParam'), template, 'Parameters: [Needed] must have values');
  });

  it('refuses a type that is not a resource type, names it, and validates templates', async () => {
    const template = JSON.stringify({ Resources: { A: { Type: 'NotAType' } } });
    await refusedWithNothingLeft(uniqueName('BadType'), template, 'Template format error: Unrecognized resource types: [NotAType]');
    const valid = await aws.cloudformation.send(new ValidateTemplateCommand({ TemplateBody: yamlTemplate('v') }));
    expect(valid.Parameters?.map((p) => p.ParameterKey)).toEqual(['Value', 'Env']);
  });

  it('deletes a stack that does not exist without complaint, and asks for IAM capabilities', async () => {
    await aws.cloudformation.send(new DeleteStackCommand({ StackName: uniqueName('Nothing') }));
    const iam = JSON.stringify({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'named', AssumeRolePolicyDocument: {} } } } });
    const err = await errorOf(() => aws.cloudformation.send(new CreateStackCommand({ StackName: uniqueName('Iam'), TemplateBody: iam })));
    expect(err).toMatchObject({ name: 'InsufficientCapabilitiesException', message: 'Requires capabilities : [CAPABILITY_NAMED_IAM]' });
  });
});
