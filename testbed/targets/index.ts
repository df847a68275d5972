import { OUTPUTS_FILE } from '../outputs-file';
import { regionOf } from '../project';
import { DEFAULT_LOCAL_ENDPOINT, selectTarget, type Selection, type Target } from './select';

export { selectTarget, parseTarget, TARGETS, type Target, type Selection } from './select';
export { probeHealth, type Health } from './health';
export { NO_DOCKER } from './docker';
export { UsageError, USAGE_EXIT } from '../cli-args';
export { OUTPUTS_FILE } from '../outputs-file';

export interface PrepareOptions {
  /** An explicit target (`--target`); otherwise TESTBED_TARGET, otherwise chosen by what answers. */
  target?: string;
  /** The endpoint of the emulator or LocalStack (`--endpoint`); default AWS_ENDPOINT_URL or the usual port. */
  endpoint?: string;
  /** Embedded target: start an emulator in this process when none answers (test runs); the CLI leaves it false. */
  startEmbedded?: boolean;
  /** Progress lines; the chosen target and its reason are always among them. */
  log?: (line: string) => void;
  /** Also pass on each deployed resource and the output of cdk/cdklocal. */
  verbose?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface PreparedTarget {
  target: Target;
  reason: string;
  /** The local endpoint (embedded emulator or LocalStack); absent on AWS. */
  endpoint?: string;
  region: string;
  /** The stack outputs, as written to `outputsFile` in the format of `cdk deploy --outputs-file`. */
  outputs: Record<string, string>;
  outputsFile: string;
  /** Stops what this call started (an in-process emulator, a LocalStack container); leaves the stack. */
  stop(): Promise<void>;
}

/** What deploying and destroying both start from: the chosen target (logged with its reason) and the region. */
async function chooseTarget(options: PrepareOptions) {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const selection = await selectTarget({ requested: options.target, endpoint: options.endpoint, env });
  log(`Target: ${selection.target} (${selection.reason}).`);
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  return { env, selection, region, common: { env, log, verbose: options.verbose } };
}

/** A LocalStack target's endpoint: the one given, the one that answered, AWS_ENDPOINT_URL, or the usual port. */
function localStackEndpoint(options: PrepareOptions, selection: Selection, env: NodeJS.ProcessEnv): string {
  return (options.endpoint ?? selection.endpoint ?? env.AWS_ENDPOINT_URL ?? DEFAULT_LOCAL_ENDPOINT).replace(/\/+$/, '');
}

/**
 * The one entry point every user of a deployed stack goes through (`npm run deploy`, the e2e
 * global setup, the scenario runner, benchmarks): picks the target, prints which and why, brings
 * it up if this call owns it, deploys the stack and returns its outputs.
 */
export async function prepareTarget(options: PrepareOptions = {}): Promise<PreparedTarget> {
  const { env, selection, region, common } = await chooseTarget(options);

  switch (selection.target) {
    case 'embedded': {
      // Each target's code loads when it is chosen: a command refusing bad usage loads none of it.
      const { prepareEmbedded } = await import('./embedded');
      const prepared = await prepareEmbedded({ ...common, region, endpoint: options.endpoint ?? selection.endpoint, startEmbedded: options.startEmbedded });
      return { ...selection, endpoint: prepared.endpoint, region, outputs: prepared.outputs, outputsFile: OUTPUTS_FILE, stop: prepared.stop };
    }
    case 'localstack': {
      const endpoint = localStackEndpoint(options, selection, env);
      const { deployToLocalStack } = await import('./localstack');
      const outputs = await deployToLocalStack({ ...common, endpoint, region });
      return { ...selection, endpoint, region, outputs, outputsFile: OUTPUTS_FILE, stop: async () => {} };
    }
    case 'testcontainers': {
      const { startLocalStackContainer } = await import('./testcontainers');
      const { deployToLocalStack } = await import('./localstack');
      const container = await startLocalStackContainer(common);
      try {
        // A fresh container has just logged "Ready"; its services may still be starting.
        const outputs = await deployToLocalStack({ ...common, endpoint: container.endpoint, region, readyTimeoutMs: 120_000, refusedTimeoutMs: 120_000 });
        return { ...selection, endpoint: container.endpoint, region, outputs, outputsFile: OUTPUTS_FILE, stop: container.stop };
      } catch (err) {
        await container.stop();
        throw err;
      }
    }
    case 'aws': {
      const { deployToAws } = await import('./aws');
      const outputs = await deployToAws(common);
      return { ...selection, region: regionOf(outputs, region), outputs, outputsFile: OUTPUTS_FILE, stop: async () => {} };
    }
  }
}

/**
 * Removes the stack from the target (`npm run deploy -- --destroy`). A Testcontainers LocalStack
 * lives only as long as the run that started it, so there is nothing to destroy there.
 */
export async function destroyTarget(options: Omit<PrepareOptions, 'startEmbedded'> = {}): Promise<void> {
  const { env, selection, region, common } = await chooseTarget(options);
  switch (selection.target) {
    case 'embedded':
      return (await import('./embedded')).destroyEmbedded({ ...common, region, endpoint: options.endpoint ?? selection.endpoint });
    case 'localstack':
      return (await import('./localstack')).destroyOnLocalStack({ ...common, region, endpoint: localStackEndpoint(options, selection, env) });
    case 'testcontainers':
      common.log('A Testcontainers LocalStack is removed with the run that started it: there is nothing to destroy.');
      return;
    case 'aws':
      return (await import('./aws')).destroyOnAws(common);
  }
}
