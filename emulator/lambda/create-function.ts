import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../core/request-context';
import { integer, map, required, string, structure, type InputOf } from '../protocol/validation';
import { invalidParameter, lambdaError } from './errors';
import { functionArn, parseFunctionRef } from './function-name';
import { functionConfiguration } from './function-configuration';
import { lambdaDate, type LambdaFunction } from './model';
import type { LambdaState } from './state';
import { ARCHITECTURES, checkEnvironment, checkRuntime, DESCRIPTION, FUNCTION_NAME, HANDLER, MEMORY_SIZE, ROLE, TIMEOUT } from './shapes';

const DEFAULT_TIMEOUT = 3;
const DEFAULT_MEMORY = 128;

/** CreateFunction's members, in the model's order, with its constraints. */
export const CreateFunctionInput = {
  FunctionName: required(FUNCTION_NAME),
  Runtime: string(),
  Role: required(ROLE),
  Handler: HANDLER,
  Code: required(structure({ ZipFile: string(), S3Bucket: string(), S3Key: string() })),
  Description: DESCRIPTION,
  Timeout: TIMEOUT,
  MemorySize: MEMORY_SIZE,
  PackageType: string(),
  DeadLetterConfig: structure({ TargetArn: string() }),
  Environment: structure({ Variables: map() }),
  TracingConfig: structure({ Mode: string() }),
  Tags: map(),
  Architectures: ARCHITECTURES,
  EphemeralStorage: structure({ Size: integer() }),
  LoggingConfig: structure({ LogFormat: string(), LogGroup: string() }),
};

/** CreateFunction: `POST /2015-03-31/functions`, answered 201 with the configuration (state `Pending`). */
export function createFunction(state: LambdaState, input: InputOf<typeof CreateFunctionInput>, ctx: RequestContext): Record<string, unknown> {
  const ref = parseFunctionRef(input.FunctionName, ctx, 'create');
  checkEnvironment(input.Environment?.Variables);
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
  state.hub.iam.passRole(ctx, input.Role, 'lambda.amazonaws.com', 'CreateFunction');
  const code = state.code.fromInput(input.Code, ref.name);
  const fn: LambdaFunction = {
    name: ref.name,
    arn: functionArn(ref.accountId, ref.region, ref.name),
    accountId: ref.accountId,
    region: ref.region,
    settings: {
      runtime: input.Runtime,
      role: input.Role,
      handler: input.Handler,
      description: input.Description ?? '',
      timeout: input.Timeout ?? DEFAULT_TIMEOUT,
      memorySize: input.MemorySize ?? DEFAULT_MEMORY,
      environment: input.Environment ? { ...(input.Environment.Variables ?? {}) } : undefined,
      architectures: input.Architectures ?? ['x86_64'],
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
