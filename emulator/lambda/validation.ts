import { invalidParameter, validationException } from './errors';

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

const ROLE_PATTERN = String.raw`arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+`;
const ROLE = new RegExp(`^${ROLE_PATTERN}$`);
const HANDLER = /^[^\s]+$/;
const MAX_TIMEOUT = 900;
const MIN_MEMORY = 128;
const MAX_MEMORY = 10240;
const MAX_ENV_BYTES = 4096;

export function isNodeRuntime(runtime: string | undefined): boolean {
  return runtime?.startsWith('nodejs') ?? false;
}

export function checkRuntime(runtime: unknown): void {
  if (typeof runtime !== 'string') return;
  if (DEPRECATED_RUNTIMES.has(runtime)) {
    throw invalidParameter(`The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`);
  }
  if (!VALID_RUNTIMES.includes(runtime)) {
    throw invalidParameter(`Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${VALID_RUNTIMES.join(', ')}] or be a valid ARN`);
  }
}

/** Member constraints shared by CreateFunction and UpdateFunctionConfiguration, reported together as AWS does. */
export function checkSettings(input: { Role?: unknown; Handler?: unknown; Timeout?: unknown; MemorySize?: unknown; Description?: unknown }, roleRequired: boolean): void {
  const violations: string[] = [];
  if (input.Role === undefined || input.Role === null) {
    if (roleRequired) violations.push(`Value null at 'role' failed to satisfy constraint: Member must not be null`);
  } else if (typeof input.Role !== 'string' || !ROLE.test(input.Role)) {
    violations.push(`Value '${String(input.Role)}' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE_PATTERN}`);
  }
  if (typeof input.Handler === 'string') {
    if (input.Handler.length > 128) violations.push(`Value '${input.Handler}' at 'handler' failed to satisfy constraint: Member must have length less than or equal to 128`);
    if (!HANDLER.test(input.Handler)) violations.push(`Value '${input.Handler}' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+`);
  }
  if (typeof input.Timeout === 'number') {
    if (input.Timeout < 1) violations.push(`Value '${input.Timeout}' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1`);
    if (input.Timeout > MAX_TIMEOUT) violations.push(`Value '${input.Timeout}' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to ${MAX_TIMEOUT}`);
  }
  if (typeof input.MemorySize === 'number') {
    if (input.MemorySize < MIN_MEMORY) violations.push(`Value '${input.MemorySize}' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to ${MIN_MEMORY}`);
    if (input.MemorySize > MAX_MEMORY) violations.push(`Value '${input.MemorySize}' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to ${MAX_MEMORY}`);
  }
  if (typeof input.Description === 'string' && input.Description.length > 256) {
    violations.push(`Value '${input.Description}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256`);
  }
  if (violations.length > 0) throw validationException(violations);
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

export function checkArchitectures(architectures: unknown): string[] {
  if (architectures === undefined || architectures === null) return ['x86_64'];
  const list = Array.isArray(architectures) ? architectures.map(String) : [String(architectures)];
  if (list.length > 1) {
    throw validationException([`Value '[${list.join(', ')}]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1`]);
  }
  if (list.length === 1 && !['x86_64', 'arm64'].includes(list[0]!)) {
    throw validationException([`Value '[${list.join(', ')}]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]`]);
  }
  return list.length === 0 ? ['x86_64'] : list;
}
