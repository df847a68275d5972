import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { clientConfig, errorOf } from '../../emulator/testing/emulator-fixture';
import { connect } from '../connect';
import { describeProblems, RoutingObserver, type TrackedOrder } from '../observer';
import { publishDirect } from '../orders-api';
import { STACK_NAME } from '../project';
import { deployToLocalStack, destroyOnLocalStack } from './localstack';

/**
 * The LocalStack user's path, against this project's emulator and no Docker: the `localstack`
 * target's own code runs the real `cdklocal bootstrap`, `cdklocal deploy --outputs-file` and
 * `cdklocal destroy --force` against a started emulator, and the stack it deploys routes orders.
 * The app is synthesized once for the file; each cdklocal command deploys that assembly.
 */

let emulator: RunningEmulator;
let cdkHome: string;
let outputs: Record<string, string>;
const log: string[] = [];
const REGION = 'us-east-1';

const options = () => ({
  endpoint: emulator.endpoint,
  region: REGION,
  // A CDK home of its own: the CLI caches the account per access key there.
  env: { ...process.env, CDK_HOME: cdkHome },
  log: (line: string) => void log.push(line),
});

beforeAll(async () => {
  cdkHome = mkdtempSync(path.join(tmpdir(), 'cdk-home-'));
  emulator = await startEmulator({ port: 0 });
  outputs = await deployToLocalStack(options());
}, 600_000);

afterAll(async () => {
  await emulator?.stop();
  rmSync(cdkHome, { recursive: true, force: true });
});

describe('cdklocal against the emulator', () => {
  it('bootstraps and deploys: both stacks complete, the outputs file written, the bootstrap version in SSM', async () => {
    expect(log.join('\n')).toContain("This project's emulator");
    expect(outputs.BusName).toBe('Orders');
    const cfn = new CloudFormationClient(clientConfig(emulator.endpoint));
    const ssm = new SSMClient(clientConfig(emulator.endpoint));
    try {
      for (const name of ['CDKToolkit', STACK_NAME]) {
        expect((await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
      }
      expect((await ssm.send(new GetParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version' }))).Parameter?.Value).toMatch(/^\d+$/);
    } finally {
      cfn.destroy();
      ssm.destroy();
    }
  });

  it('routes orders through the stack cdklocal deployed', async () => {
    const tb = connect({ target: 'localstack', reason: 'test', endpoint: emulator.endpoint, region: REGION, outputs });
    try {
      const observer = new RoutingObserver(tb, Date.now() - 5_000);
      const orders = [
        { location: 'us-east', category: 'books', value: 300, orderId: `cdklocal-${randomUUID()}` },
        { location: 'eu-west-1', category: 'garden', value: 1500, orderId: `cdklocal-${randomUUID()}` },
        { location: 'ap-southeast-2', category: 'toys', value: 45, orderId: `cdklocal-${randomUUID()}` },
      ];
      const { result, sentAt, answeredAt } = await publishDirect(tb, orders);
      expect(result.FailedEntryCount).toBe(0);
      const outcomes = await observer.awaitOrders(orders.map((o): TrackedOrder => ({ ...o, publishedAt: sentAt, acceptedAt: answeredAt })));
      expect(describeProblems(outcomes)).toBe('');
    } finally {
      tb.destroy();
    }
  }, 120_000);

  it.runIf(hasAwsCli())('answers the AWS CLI: describe-stacks, s3 ls, get-caller-identity', async () => {
    const env = { ...process.env, AWS_ENDPOINT_URL: emulator.endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: REGION };
    // Asynchronously: the emulator answering the CLI runs in this process.
    const aws = async (...args: string[]) => (await promisify(execFile)('aws', args, { env, encoding: 'utf8', timeout: 60_000 })).stdout;
    const stacks = JSON.parse(await aws('cloudformation', 'describe-stacks', '--stack-name', STACK_NAME)) as { Stacks: Array<{ StackStatus: string; Outputs: Array<{ OutputKey: string; OutputValue: string }> }> };
    expect(stacks.Stacks[0]?.StackStatus).toBe('CREATE_COMPLETE');
    expect(stacks.Stacks[0]?.Outputs.find((o) => o.OutputKey === 'BusName')?.OutputValue).toBe('Orders');
    expect(await aws('s3', 'ls')).toMatch(/ cdk-hnb659fds-assets-000000000000-us-east-1$/m);
    expect(JSON.parse(await aws('sts', 'get-caller-identity'))).toMatchObject({ Account: '000000000000' });
  }, 120_000);

  it('destroys the stack: nothing of it remains, the bootstrap stack stays', async () => {
    await destroyOnLocalStack(options());
    const config = clientConfig(emulator.endpoint);
    const cfn = new CloudFormationClient(config);
    const events = new EventBridgeClient(config);
    const lambda = new LambdaClient(config);
    const iam = new IAMClient(config);
    try {
      const gone = await errorOf(() => cfn.send(new DescribeStacksCommand({ StackName: STACK_NAME })));
      expect(gone.message).toBe(`Stack with id ${STACK_NAME} does not exist`);
      expect((await events.send(new ListEventBusesCommand({}))).EventBuses?.map((b) => b.Name)).toEqual(['default']);
      expect((await lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
      const roles = (await iam.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName!);
      expect(roles.filter((r) => r.startsWith(STACK_NAME))).toEqual([]);
      expect(roles.filter((r) => r.startsWith('cdk-hnb659fds-'))).toHaveLength(5);
      expect((await cfn.send(new DescribeStacksCommand({ StackName: 'CDKToolkit' }))).Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
    } finally {
      for (const client of [cfn, events, lambda, iam]) client.destroy();
    }
  }, 300_000);
});

function hasAwsCli(): boolean {
  try {
    execFileSync('aws', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
