import { OUTPUTS_FILE, readStackOutputs } from '../outputs-file';
import { bin, PROJECT_ROOT, STACK_NAME } from '../project';
import { runCommand } from './run-command';

export interface AwsOptions {
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  verbose?: boolean;
}

/** `cdk deploy` into the account and region of the user's own credentials (profile, environment, SSO). */
export async function deployToAws(options: AwsOptions): Promise<Record<string, string>> {
  options.log('Deploying to AWS with cdk deploy, using your AWS credentials...');
  await runCommand(bin('cdk'), ['deploy', STACK_NAME, '--require-approval', 'never', '--outputs-file', OUTPUTS_FILE], {
    cwd: PROJECT_ROOT,
    env: options.env,
    log: options.verbose ? options.log : undefined,
  });
  return readStackOutputs();
}

export async function destroyOnAws(options: AwsOptions): Promise<void> {
  await runCommand(bin('cdk'), ['destroy', STACK_NAME, '--force'], { cwd: PROJECT_ROOT, env: options.env, log: options.verbose ? options.log : undefined });
  options.log(`Destroyed ${STACK_NAME} on AWS.`);
}
