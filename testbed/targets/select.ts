import { UsageError } from '../cli-args';
import { probeHealth, type Health } from './health';

export const TARGETS = ['embedded', 'localstack', 'testcontainers', 'aws'] as const;
export type Target = (typeof TARGETS)[number];

export const DEFAULT_LOCAL_ENDPOINT = 'http://localhost:4566';

export interface Selection {
  target: Target;
  /** Why, in words a user can act on; every run prints it. */
  reason: string;
  /** The endpoint that answered, when the choice came from asking it. */
  endpoint?: string;
}

export interface SelectOptions {
  /** An explicit choice (`--target`), which wins over everything. */
  requested?: string;
  /** The endpoint to ask (`--endpoint`); default AWS_ENDPOINT_URL, else http://localhost:4566. */
  endpoint?: string;
  env?: NodeJS.ProcessEnv;
  probe?: (endpoint: string) => Promise<Health>;
}

export function parseTarget(value: string, source: string): Target {
  if ((TARGETS as readonly string[]).includes(value)) return value as Target;
  throw new UsageError(`${source} must be one of ${TARGETS.join(', ')}, not "${value}".`);
}

/**
 * Picks the target: `--target`, else `TESTBED_TARGET`, else LocalStack when its health endpoint
 * answers at the configured endpoint (`AWS_ENDPOINT_URL`, else http://localhost:4566) and is not
 * this project's emulator, else the embedded emulator.
 */
export async function selectTarget(options: SelectOptions = {}): Promise<Selection> {
  const env = options.env ?? process.env;
  if (options.requested) return { target: parseTarget(options.requested, '--target'), reason: `--target ${options.requested} was given` };
  const fromEnv = env.TESTBED_TARGET?.trim();
  if (fromEnv) return { target: parseTarget(fromEnv, 'TESTBED_TARGET'), reason: `TESTBED_TARGET=${fromEnv}` };

  const endpoint = (options.endpoint || env.AWS_ENDPOINT_URL?.trim() || DEFAULT_LOCAL_ENDPOINT).replace(/\/+$/, '');
  const health = await (options.probe ?? probeHealth)(endpoint);
  switch (health.kind) {
    case 'localstack':
      return { target: 'localstack', endpoint, reason: `TESTBED_TARGET is unset and LocalStack${health.version ? ` ${health.version}` : ''} answers at ${endpoint}` };
    case 'embedded':
      return { target: 'embedded', endpoint, reason: `TESTBED_TARGET is unset and this project's embedded emulator answers at ${endpoint}` };
    case 'other':
      return { target: 'embedded', reason: `TESTBED_TARGET is unset and ${endpoint} answers (${health.detail}), but neither as LocalStack nor as the embedded emulator` };
    case 'none':
      return { target: 'embedded', reason: `TESTBED_TARGET is unset and nothing answers at ${endpoint} (${health.detail})` };
  }
}
