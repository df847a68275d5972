import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { LambdaFunction } from '../model';

/** A log stream name as Lambda names them: `2024/01/31/[$LATEST]` and 32 hex digits. */
export function logStreamName(now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

/**
 * The environment of one execution environment: the function's own variables plus those the
 * managed Node.js runtime sets. Credentials are dummies whose access key id is the account id,
 * so the emulator maps calls from the handler's SDK clients to the function's account, and
 * `AWS_ENDPOINT_URL` sends those clients back to the emulator with no code change.
 */
export function runtimeEnvironment(
  fn: LambdaFunction,
  opts: { endpoint: string; logStreamName: string; taskRoot: string; runtimeNodeModules: string },
): Record<string, string> {
  const s = fn.settings;
  return {
    // Variables the function may set itself (AWS lets these be overridden).
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    NODE_PATH: [opts.runtimeNodeModules, opts.taskRoot].join(path.delimiter),
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_ENDPOINT_URL: opts.endpoint,
    ...s.environment,
    // Reserved: CreateFunction refuses them in the configuration.
    AWS_REGION: fn.region,
    AWS_DEFAULT_REGION: fn.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${s.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(s.memorySize),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: s.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: opts.logStreamName,
    AWS_ACCESS_KEY_ID: fn.accountId,
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: 'test',
    LAMBDA_TASK_ROOT: opts.taskRoot,
    _HANDLER: s.handler ?? '',
  };
}
