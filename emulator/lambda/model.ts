/** What the emulator keeps about one function (only `$LATEST`: versions and aliases are not modelled). */

export interface FunctionCode {
  /** Directory the handler is loaded from. */
  dir: string;
  /** Base64 SHA-256 of the zip, as `CodeSha256` reports it. */
  sha256: string;
  size: number;
  /** The uploaded zip, served back as GetFunction's `Code.Location`; absent for hot-reload code. */
  zip?: Buffer;
  /** Set when the code runs from a local directory (LocalStack's `hot-reload` bucket convention). */
  hotReload: boolean;
}

export interface FunctionSettings {
  runtime?: string;
  role: string;
  handler?: string;
  description: string;
  timeout: number;
  memorySize: number;
  environment?: Record<string, string>;
  architectures: string[];
  ephemeralStorageSize: number;
  tracingMode: string;
  packageType: string;
  deadLetterTargetArn?: string;
  logFormat: string;
  logGroup: string;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: string | Record<string, string>;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface EventInvokeConfig {
  maximumRetryAttempts?: number;
  maximumEventAgeInSeconds?: number;
  onSuccess?: string;
  onFailure?: string;
  lastModified: Date;
}

export interface LambdaFunction {
  name: string;
  arn: string;
  accountId: string;
  region: string;
  settings: FunctionSettings;
  code: FunctionCode;
  lastModified: string;
  revisionId: string;
  /** Bumped on every code or configuration change: environments of an older generation retire. */
  generation: number;
  reservedConcurrency?: number;
  policy: PolicyStatement[];
  eventInvokeConfig?: EventInvokeConfig;
  tags: Record<string, string>;
}

/** Lambda's timestamp format: `2024-01-31T12:34:56.789+0000`. */
export function lambdaDate(date = new Date()): string {
  return date.toISOString().replace('Z', '+0000');
}
