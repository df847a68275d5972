import { deployCloudAssembly, destroyStack } from '../../emulator/deployer';
import { startEmulator } from '../../emulator/server';
import { OUTPUTS_FILE } from '../outputs-file';
import { PROJECT_ROOT, STACK_NAME } from '../project';
import { probeHealth } from './health';
import { synthesize } from './synth';

/** Where `npm run emulator` serves by default. */
export const DEFAULT_EMULATOR_ENDPOINT = 'http://127.0.0.1:4566';

export interface EmbeddedOptions {
  /** The emulator to deploy into; default AWS_ENDPOINT_URL, else http://127.0.0.1:4566. */
  endpoint?: string;
  /** Start an emulator in this process (for the length of a test run) when none answers there. */
  startEmbedded?: boolean;
  region: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Print one line per resource as it is deployed. */
  verbose?: boolean;
}

export interface EmbeddedTarget {
  endpoint: string;
  outputs: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Finds the emulator serving at the endpoint (or starts one here when asked to), synthesizes (or
 * reuses a fresh cdk.out), then deploys with the emulator's deployer.
 */
export async function prepareEmbedded(options: EmbeddedOptions): Promise<EmbeddedTarget> {
  const { log } = options;
  const wanted = (options.endpoint ?? options.env.AWS_ENDPOINT_URL ?? DEFAULT_EMULATOR_ENDPOINT).replace(/\/+$/, '');
  const health = await probeHealth(wanted);
  let endpoint = wanted;
  let stop = async () => {};
  if (health.kind !== 'embedded') {
    if (!options.startEmbedded) {
      const what = health.kind === 'localstack' ? 'LocalStack answers there, not the embedded emulator' : `no embedded emulator answers there (${health.detail})`;
      throw new Error(`Cannot deploy to the embedded emulator at ${wanted}: ${what}. Start it with \`npm run emulator\` in another terminal, or pass --endpoint.`);
    }
    const emulator = await startEmulator({ port: 0 });
    endpoint = emulator.endpoint;
    stop = () => emulator.stop();
    log(`Started the embedded emulator in this process at ${endpoint}.`);
  } else {
    log(`Deploying into the embedded emulator at ${endpoint}.`);
  }

  try {
    const synth = await synthesize({ projectDir: PROJECT_ROOT, log });
    log(`${synth.reason}${synth.reused ? '' : ` (${(synth.ms / 1000).toFixed(1)} s)`}`);
    const started = performance.now();
    const result = await deployCloudAssembly({
      endpoint,
      region: options.region,
      assemblyDir: synth.assemblyDir,
      stackName: STACK_NAME,
      outputsFile: OUTPUTS_FILE,
      log: options.verbose ? log : undefined,
    });
    const ms = Math.round(performance.now() - started);
    log(
      result.noChanges
        ? `${STACK_NAME} is already deployed with this template: no changes (${ms} ms).`
        : `Deployed ${STACK_NAME} in ${ms} ms: ${result.created.length} created, ${result.updated.length} updated, ${result.replaced.length} replaced, ${result.deleted.length} deleted.`,
    );
    for (const warning of result.warnings) log(`Warning: ${warning}`);
    return { endpoint, outputs: result.outputs, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Removes the stack from the emulator serving at the endpoint. */
export async function destroyEmbedded(options: Omit<EmbeddedOptions, 'startEmbedded'>): Promise<void> {
  const endpoint = (options.endpoint ?? options.env.AWS_ENDPOINT_URL ?? DEFAULT_EMULATOR_ENDPOINT).replace(/\/+$/, '');
  const result = await destroyStack(STACK_NAME, { endpoint, region: options.region, log: options.verbose ? options.log : undefined });
  if (!result.existed) options.log(`${STACK_NAME} is not deployed in the emulator at ${endpoint}: nothing to destroy.`);
  else options.log(`Destroyed ${STACK_NAME} at ${endpoint}: ${result.deleted.length} deleted${result.retained.length ? `, ${result.retained.length} retained (${result.retained.join(', ')})` : ''}.`);
}
