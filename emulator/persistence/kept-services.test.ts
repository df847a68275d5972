import { CloudFormationClient, CreateStackCommand, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, GetRoleCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { clientConfig } from '../testing/emulator-fixture';
import { useStateFolder } from '../testing/state-folder';
import { waitFor } from '../testing/wait';

const state = useStateFolder();

function clients(endpoint: string) {
  const config = { ...clientConfig(endpoint), maxAttempts: 1 };
  return {
    sqs: new SQSClient(config),
    sfn: new SFNClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    ssm: new SSMClient(config),
    iam: new IAMClient(config),
    cloudformation: new CloudFormationClient(config),
  };
}

/** Starts on the state folder, runs `before`, stops, starts again on it and runs `after`. */
async function acrossRestart<T>(before: (c: ReturnType<typeof clients>) => Promise<T>, after: (c: ReturnType<typeof clients>, kept: T) => Promise<void>): Promise<void> {
  const kept = await before(clients((await state.start()).endpoint));
  await state.stop();
  await after(clients((await state.start()).endpoint), kept);
}

describe('what --state-dir keeps of the services that keep records or journal more', () => {
  it('SQS: visible and in-flight messages, with their receipt handles', async () => {
    await acrossRestart(
      async (c) => {
        const { QueueUrl } = await c.sqs.send(new CreateQueueCommand({ QueueName: 'kept' }));
        for (const body of ['one', 'two', 'three']) await c.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
        const { Messages } = await c.sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 600 }));
        return { QueueUrl: QueueUrl!, inFlight: Messages![0]! };
      },
      async (c, { inFlight }) => {
        const { QueueUrl } = await c.sqs.send(new GetQueueUrlCommand({ QueueName: 'kept' }));
        const { Attributes } = await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
        expect(Attributes).toEqual({ ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '1' });
        const visible = await c.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }));
        expect(visible.Messages?.map((m) => m.Body).sort()).toEqual(['three', 'two']);
        // The handle from before the restart still names the message in flight.
        await c.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: inFlight.ReceiptHandle, VisibilityTimeout: 0 }));
        const again = await c.sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
        expect(again.Messages?.map((m) => [m.MessageId, m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([[inFlight.MessageId, inFlight.Body, '2']]);
      },
    );
  });

  it('Step Functions: an ended execution with its history; a running one runs again to its end', async () => {
    await acrossRestart(
      async (c) => {
        const definition = (wait: number) => JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: wait, Next: 'Done' }, Done: { Type: 'Pass', Result: { done: true }, End: true } } });
        const quick = await c.sfn.send(new CreateStateMachineCommand({ name: 'Quick', definition: definition(0), roleArn: 'arn:aws:iam::000000000000:role/sfn' }));
        const slow = await c.sfn.send(new CreateStateMachineCommand({ name: 'Slow', definition: definition(1), roleArn: 'arn:aws:iam::000000000000:role/sfn' }));
        const ended = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: quick.stateMachineArn, name: 'ended', input: '{"n":1}' }));
        const history = await waitFor('the quick execution to end', async () => {
          const out = await c.sfn.send(new GetExecutionHistoryCommand({ executionArn: ended.executionArn }));
          return out.events?.some((e) => e.type === 'ExecutionSucceeded') ? out.events : undefined;
        });
        const interrupted = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: slow.stateMachineArn, name: 'interrupted', input: '{"n":2}' }));
        expect((await c.sfn.send(new DescribeExecutionCommand({ executionArn: interrupted.executionArn }))).status).toBe('RUNNING');
        return { ended: ended.executionArn!, history, interrupted: interrupted.executionArn!, startDate: interrupted.startDate! };
      },
      async (c, kept) => {
        const ended = await c.sfn.send(new DescribeExecutionCommand({ executionArn: kept.ended }));
        expect([ended.status, ended.output, ended.input]).toEqual(['SUCCEEDED', '{"done":true}', '{"n":1}']);
        const history = await c.sfn.send(new GetExecutionHistoryCommand({ executionArn: kept.ended }));
        expect(history.events).toEqual(kept.history);
        const resumed = await waitFor('the interrupted execution to end', async () => {
          const out = await c.sfn.send(new DescribeExecutionCommand({ executionArn: kept.interrupted }));
          return out.status === 'RUNNING' ? undefined : out;
        });
        expect([resumed.status, resumed.output, resumed.startDate]).toEqual(['SUCCEEDED', '{"done":true}', kept.startDate]);
      },
    );
  });

  it('S3: buckets and objects, multipart uploads included', async () => {
    await acrossRestart(
      async (c) => {
        await c.s3.send(new CreateBucketCommand({ Bucket: 'kept' }));
        await c.s3.send(new PutObjectCommand({ Bucket: 'kept', Key: 'a/one.txt', Body: 'first', ContentType: 'text/plain', Metadata: { owner: 'orders' } }));
        const { UploadId } = await c.s3.send(new CreateMultipartUploadCommand({ Bucket: 'kept', Key: 'big.bin' }));
        const part = (n: number, fill: string) => c.s3.send(new UploadPartCommand({ Bucket: 'kept', Key: 'big.bin', UploadId, PartNumber: n, Body: Buffer.alloc(n === 1 ? 5 * 1024 * 1024 : 10, fill) }));
        const parts = [await part(1, 'a'), await part(2, 'b')];
        await c.s3.send(new CompleteMultipartUploadCommand({ Bucket: 'kept', Key: 'big.bin', UploadId, MultipartUpload: { Parts: parts.map((p, i) => ({ ETag: p.ETag, PartNumber: i + 1 })) } }));
      },
      async (c) => {
        const listed = await c.s3.send(new ListObjectsV2Command({ Bucket: 'kept' }));
        expect(listed.Contents?.map((o) => [o.Key, o.Size])).toEqual([
          ['a/one.txt', 5],
          ['big.bin', 5 * 1024 * 1024 + 10],
        ]);
        const one = await c.s3.send(new GetObjectCommand({ Bucket: 'kept', Key: 'a/one.txt' }));
        expect([await one.Body!.transformToString(), one.ContentType, one.Metadata]).toEqual(['first', 'text/plain', { owner: 'orders' }]);
      },
    );
  });

  it('SSM: parameters with their versions', async () => {
    await acrossRestart(
      async (c) => {
        await c.ssm.send(new PutParameterCommand({ Name: '/kept/value', Value: 'v1', Type: 'String' }));
        await c.ssm.send(new PutParameterCommand({ Name: '/kept/value', Value: 'v2', Type: 'String', Overwrite: true }));
      },
      async (c) => {
        const { Parameter } = await c.ssm.send(new GetParameterCommand({ Name: '/kept/value' }));
        expect([Parameter?.Value, Parameter?.Version]).toEqual(['v2', 2]);
      },
    );
  });

  it('IAM: roles with their ids, inline and attached policies', async () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] });
    await acrossRestart(
      async (c) => {
        const { Role } = await c.iam.send(new CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: trust }));
        await c.iam.send(new PutRolePolicyCommand({ RoleName: 'kept', PolicyName: 'inline', PolicyDocument: policy }));
        const { Policy } = await c.iam.send(new CreatePolicyCommand({ PolicyName: 'managed', PolicyDocument: policy }));
        await c.iam.send(new AttachRolePolicyCommand({ RoleName: 'kept', PolicyArn: Policy!.Arn }));
        return { roleId: Role!.RoleId, policyArn: Policy!.Arn };
      },
      async (c, kept) => {
        expect((await c.iam.send(new GetRoleCommand({ RoleName: 'kept' }))).Role?.RoleId).toBe(kept.roleId);
        expect(decodeURIComponent((await c.iam.send(new GetRolePolicyCommand({ RoleName: 'kept', PolicyName: 'inline' }))).PolicyDocument!)).toBe(policy);
        expect((await c.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'kept' }))).AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([kept.policyArn]);
      },
    );
  });

  it('CloudFormation: a stack made through the API, which can still be deleted after the restart', async () => {
    const template = JSON.stringify({
      Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'stack-queue' } } },
      Outputs: { QueueUrl: { Value: { Ref: 'Queue' } } },
    });
    const complete = (c: ReturnType<typeof clients>, status: string) =>
      waitFor(`the stack to reach ${status}`, async () => {
        const stack = (await c.cloudformation.send(new DescribeStacksCommand({ StackName: 'Kept' }))).Stacks?.[0];
        return stack?.StackStatus === status ? stack : undefined;
      });
    await acrossRestart(
      async (c) => {
        await c.cloudformation.send(new CreateStackCommand({ StackName: 'Kept', TemplateBody: template }));
        return (await complete(c, 'CREATE_COMPLETE')).StackId!;
      },
      async (c, stackId) => {
        const stack = await complete(c, 'CREATE_COMPLETE');
        expect(stack.StackId).toBe(stackId);
        expect(stack.Outputs?.[0]?.OutputValue).toMatch(/\/stack-queue$/);
        expect((await c.sqs.send(new GetQueueUrlCommand({ QueueName: 'stack-queue' }))).QueueUrl).toMatch(/\/stack-queue$/);
        await c.cloudformation.send(new DeleteStackCommand({ StackName: 'Kept' }));
        await waitFor('the queue to go with its stack', async () => ((await c.sqs.send(new GetQueueUrlCommand({ QueueName: 'stack-queue' })).catch(() => 'gone')) === 'gone' ? true : undefined));
      },
    );
  });
});
