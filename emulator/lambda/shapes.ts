import { constraint, enumOf, integer, list, string, violation } from '../protocol/validation';
import { invalidParameter } from './errors';

/**
 * Shapes several Lambda operations share, with the constraints of Lambda's service model, and
 * the checks AWS makes after the model's (runtimes, environment variables) with their own texts.
 */

/** Runtimes CreateFunction accepts today, in the order AWS lists them in its error message. */
const VALID_RUNTIMES = [
  'nodejs20.x', 'python3.14', 'provided.al2023', 'python3.12', 'python3.13', 'nodejs24.x', 'nodejs22.x', 'java25',
  'python3.10', 'python3.11', 'java21', 'ruby3.3', 'ruby3.4', 'ruby3.2', 'python3.8', 'python3.9', 'java17',
  'nodejs16.x', 'dotnet10', 'dotnet8', 'java11', 'dotnet6', 'nodejs18.x', 'provided.al2', 'java8.al2',
];

/** Runtimes AWS has retired: named in their own error. */
const DEPRECATED_RUNTIMES = new Set([
  'nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x',
  'java8', 'python2.7', 'python3.6', 'python3.7', 'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1',
  'go1.x', 'ruby2.5', 'ruby2.7', 'provided',
]);

/** Environment variables Lambda sets itself and refuses in a function's configuration. */
const RESERVED_ENV_KEYS = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

const MAX_ENV_BYTES = 4096;

/** A function name or ARN in a path label; `parseFunctionRef` checks it against AWS's patterns per operation. */
export const FUNCTION_NAME = string();
export const QUALIFIER = string();
export const ROLE = string({ pattern: String.raw`arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+` });
export const HANDLER = string({ max: 128, pattern: String.raw`[^\s]+` });
export const DESCRIPTION = string({ max: 256 });
export const TIMEOUT = integer({ min: 1, max: 900 });
export const MEMORY_SIZE = integer({ min: 128, max: 10240 });
export const ARCHITECTURES = list(enumOf(['x86_64', 'arm64'], { required: true }), { min: 1, max: 1, memberErrors: 'whole' });
export const REVISION_ID = string();

export function isNodeRuntime(runtime: string | undefined): boolean {
  return runtime?.startsWith('nodejs') ?? false;
}

/** Runtimes are checked after the model's constraints, as InvalidParameterValueException (the model's enum lags AWS's list). */
export function checkRuntime(runtime: string | undefined): void {
  if (runtime === undefined) return;
  if (DEPRECATED_RUNTIMES.has(runtime)) {
    throw invalidParameter(`The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`);
  }
  if (!VALID_RUNTIMES.includes(runtime)) {
    throw invalidParameter(`${violation(runtime, 'runtime', constraint.enum(VALID_RUNTIMES), false)} or be a valid ARN`);
  }
}

export function checkEnvironment(variables: Record<string, string> | undefined): void {
  if (!variables) return;
  const reserved = Object.keys(variables).filter((k) => RESERVED_ENV_KEYS.has(k));
  if (reserved.length > 0) {
    throw invalidParameter(`Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`);
  }
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured) > MAX_ENV_BYTES) {
    throw invalidParameter(`Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`);
  }
}
