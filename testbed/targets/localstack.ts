import path from 'node:path';
import { OUTPUTS_FILE, readStackOutputs } from '../outputs-file';
import { bin, LOCALSTACK_SERVICES, PROJECT_ROOT, STACK_NAME } from '../project';
import { waitForLocalStack } from './health';
import { runCommand } from './run-command';
import { synthesize } from './synth';

/** LocalStack's account for the `test` credentials. */
const LOCALSTACK_ACCOUNT = '000000000000';
/**
 * The origin LocalStack reaches itself at from inside its container, where the API destination's
 * HTTP call is made: the stack's `localstackEndpoint` context value. Not the host-mapped port.
 */
const IN_CONTAINER_ORIGIN = 'http://localhost:4566';
/** cdklocal synthesizes with that context; its own assembly directory keeps cdk.out for the other targets. */
const ASSEMBLY_DIR = path.join(PROJECT_ROOT, '.testbed', 'cdk.out.localstack');

export interface LocalStackOptions {
  endpoint: string;
  region: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  verbose?: boolean;
  /** How long to wait for the health endpoint (a container that has just started takes seconds). */
  readyTimeoutMs?: number;
  /** How long refused connections are waited out (default 4 s: nothing listens). */
  refusedTimeoutMs?: number;
}

/**
 * The environment for cdklocal. Its default host names (`localhost.localstack.cloud`,
 * `s3.localhost.localstack.cloud`) need public DNS, so both endpoints name the loopback address;
 * S3 asset uploads then go path-style. cdklocal drops every other `AWS_*` variable unless it is
 * allow-listed, hence the list. Telemetry is off: tests and benchmarks must not reach the internet.
 */
export function cdklocalEnv(options: LocalStackOptions): NodeJS.ProcessEnv {
  const url = new URL(options.endpoint);
  if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
  const endpoint = url.origin;
  return {
    ...options.env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
    AWS_S3_FORCE_PATH_STYLE: '1',
    AWS_ENVAR_ALLOWLIST: 'AWS_REGION,AWS_DEFAULT_REGION,AWS_S3_FORCE_PATH_STYLE',
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: '1',
  };
}

/** Whether the CDK bootstrap stack exists (CloudFormation DescribeStacks over the query protocol). */
async function bootstrapped(options: LocalStackOptions): Promise<boolean> {
  const answer = await fetch(options.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      // LocalStack reads the region (and account) from the credential scope; it checks no signature.
      authorization: `AWS4-HMAC-SHA256 Credential=test/20240101/${options.region}/cloudformation/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({ Action: 'DescribeStacks', Version: '2010-05-15', StackName: 'CDKToolkit' }),
  });
  const text = await answer.text();
  return answer.ok && !/DELETE_COMPLETE|ROLLBACK_COMPLETE/.test(text);
}

/**
 * The app synthesized once, with the origin the API destination calls: LocalStack's own origin
 * inside its container, or the endpoint itself for this project's emulator, which runs on this
 * host. The cdklocal commands then deploy that assembly (`--app`) instead of each synthesizing it.
 */
async function assembly(options: LocalStackOptions, kind: 'localstack' | 'embedded'): Promise<string> {
  const origin = kind === 'embedded' ? new URL(options.endpoint).origin : IN_CONTAINER_ORIGIN;
  const synth = await synthesize({ projectDir: PROJECT_ROOT, outdir: ASSEMBLY_DIR, context: { localstackEndpoint: origin }, log: options.log });
  options.log(synth.reason);
  return synth.assemblyDir;
}

/** Waits for LocalStack (or the emulator), bootstraps it once, then `cdklocal deploy`s the stack with the outputs file. */
export async function deployToLocalStack(options: LocalStackOptions): Promise<Record<string, string>> {
  const { log } = options;
  const health = await waitForLocalStack(options.endpoint, LOCALSTACK_SERVICES, {
    timeoutMs: options.readyTimeoutMs ?? 60_000,
    refusedTimeoutMs: options.refusedTimeoutMs,
    log,
  });
  log(`${health.kind === 'embedded' ? "This project's emulator" : 'LocalStack'} ${health.version ?? ''} is ready at ${options.endpoint}.`);
  const app = await assembly(options, health.kind);
  const env = cdklocalEnv(options);
  const cdklocal = bin('cdklocal');
  const passOn = options.verbose ? log : undefined;
  if (!(await bootstrapped(options))) {
    log('Bootstrapping for the CDK (cdklocal bootstrap, once per LocalStack)...');
    await runCommand(cdklocal, ['bootstrap', `aws://${LOCALSTACK_ACCOUNT}/${options.region}`, '--app', app, '--no-notices'], { cwd: PROJECT_ROOT, env, log: passOn });
  }
  log('Deploying with cdklocal deploy...');
  await runCommand(cdklocal, ['deploy', STACK_NAME, '--require-approval', 'never', '--outputs-file', OUTPUTS_FILE, '--app', app, '--no-notices'], { cwd: PROJECT_ROOT, env, log: passOn });
  return readStackOutputs();
}

export async function destroyOnLocalStack(options: LocalStackOptions): Promise<void> {
  const health = await waitForLocalStack(options.endpoint, LOCALSTACK_SERVICES, { timeoutMs: options.readyTimeoutMs ?? 10_000, log: options.log });
  const app = await assembly(options, health.kind);
  await runCommand(bin('cdklocal'), ['destroy', STACK_NAME, '--force', '--app', app, '--no-notices'], {
    cwd: PROJECT_ROOT,
    env: cdklocalEnv(options),
    log: options.verbose ? options.log : undefined,
  });
  options.log(`Destroyed ${STACK_NAME} at ${options.endpoint}.`);
}
