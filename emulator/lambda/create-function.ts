import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../core/request-context';
import { invalidParameter, lambdaError, validationException } from './errors';
import { functionArn, parseFunctionRef } from './function-name';
import { functionConfiguration } from './function-configuration';
import { lambdaDate, type LambdaFunction } from './model';
import type { LambdaState } from './state';
import { checkArchitectures, checkEnvironment, checkRuntime, checkSettings } from './validation';

const DEFAULT_TIMEOUT = 3;
const DEFAULT_MEMORY = 128;

export interface CreateFunctionInput {
  FunctionName?: string;
  Runtime?: string;
  Role?: string;
  Handler?: string;
  Code?: { ZipFile?: string; S3Bucket?: string; S3Key?: string };
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  PackageType?: string;
  Environment?: { Variables?: Record<string, string> };
  Architectures?: string[];
  EphemeralStorage?: { Size?: number };
  TracingConfig?: { Mode?: string };
  DeadLetterConfig?: { TargetArn?: string };
  LoggingConfig?: { LogFormat?: string; LogGroup?: string };
  Tags?: Record<string, string>;
}

/** CreateFunction: `POST /2015-03-31/functions`, answered 201 with the configuration (state `Pending`). */
export function createFunction(state: LambdaState, ctx: RequestContext, input: CreateFunctionInput): Record<string, unknown> {
  if (typeof input.FunctionName !== 'string') {
    throw validationException([`Value null at 'functionName' failed to satisfy constraint: Member must not be null`]);
  }
  const ref = parseFunctionRef(input.FunctionName, ctx, 'create');
  const architectures = checkArchitectures(input.Architectures);
  checkEnvironment(input.Environment?.Variables);
  checkSettings(input, true);
  const packageType = input.PackageType ?? 'Zip';
  if (packageType !== 'Zip') {
    throw invalidParameter(`The embedded emulator runs Zip package functions only; PackageType ${packageType} is not supported.`);
  }
  if (!input.Runtime || !input.Handler) {
    throw invalidParameter('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  }
  checkRuntime(input.Runtime);
  if (state.functions.find(ref)) {
    throw lambdaError('ResourceConflictException', `Function already exist: ${ref.name}`);
  }
  const code = state.code.fromInput(input.Code, ref.name);
  const fn: LambdaFunction = {
    name: ref.name,
    arn: functionArn(ref.accountId, ref.region, ref.name),
    accountId: ref.accountId,
    region: ref.region,
    settings: {
      runtime: input.Runtime,
      role: input.Role!,
      handler: input.Handler,
      description: input.Description ?? '',
      timeout: input.Timeout ?? DEFAULT_TIMEOUT,
      memorySize: input.MemorySize ?? DEFAULT_MEMORY,
      environment: input.Environment ? { ...(input.Environment.Variables ?? {}) } : undefined,
      architectures,
      ephemeralStorageSize: input.EphemeralStorage?.Size ?? 512,
      tracingMode: input.TracingConfig?.Mode ?? 'PassThrough',
      packageType,
      deadLetterTargetArn: input.DeadLetterConfig?.TargetArn,
      logFormat: input.LoggingConfig?.LogFormat ?? 'Text',
      logGroup: input.LoggingConfig?.LogGroup ?? `/aws/lambda/${ref.name}`,
    },
    code,
    lastModified: lambdaDate(),
    revisionId: randomUUID(),
    generation: 0,
    policy: [],
    tags: { ...(input.Tags ?? {}) },
  };
  state.functions.add(fn);
  state.hotReload.follow(fn);
  return functionConfiguration(fn, 'create');
}
