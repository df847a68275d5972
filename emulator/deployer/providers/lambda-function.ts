import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  PutFunctionConcurrencyCommand,
  DeleteFunctionConcurrencyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { functionCode } from './lambda-code';
import type { ProviderContext, ResourceProvider, ResourceState } from './provider';
import { waitFor } from '../../testing/wait';
import { changedProperties, ignoreNotFound, num, str, tagMap, SETTLE_TIMEOUT_MS, type Props } from './support';

/** Properties that UpdateFunctionConfiguration changes, as CloudFormation's handler sends them. */
const CONFIGURATION = ['Runtime', 'Role', 'Handler', 'Description', 'Timeout', 'MemorySize', 'Environment', 'Architectures', 'EphemeralStorage', 'LoggingConfig', 'TracingConfig', 'DeadLetterConfig', 'Layers', 'KmsKeyArn', 'VpcConfig'];

function configuration(p: Props) {
  return {
    Runtime: str(p.Runtime) as never,
    Role: str(p.Role),
    Handler: str(p.Handler),
    Description: str(p.Description),
    Timeout: num(p.Timeout),
    MemorySize: num(p.MemorySize),
    Environment: p.Environment as never,
    EphemeralStorage: p.EphemeralStorage as never,
    LoggingConfig: p.LoggingConfig as never,
    TracingConfig: p.TracingConfig as never,
    DeadLetterConfig: p.DeadLetterConfig as never,
    Layers: p.Layers as never,
    KMSKeyArn: str(p.KmsKeyArn),
    VpcConfig: p.VpcConfig as never,
  };
}

/** Waits until the function can be invoked: State Active and no update in progress. */
async function ready(name: string, ctx: ProviderContext): Promise<FunctionConfiguration> {
  const config = await waitFor(`function ${name} to become Active`, async () => {
    const c = await ctx.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    return c.State === 'Pending' || c.LastUpdateStatus === 'InProgress' ? undefined : c;
  }, SETTLE_TIMEOUT_MS);
  if (config.State === 'Failed') throw new Error(`function ${name} is Failed: ${config.StateReason ?? 'no reason given'}`);
  if (config.LastUpdateStatus === 'Failed') throw new Error(`the update of function ${name} failed: ${config.LastUpdateStatusReason ?? 'no reason given'}`);
  return config;
}

function state(config: FunctionConfiguration): ResourceState {
  return { physicalId: config.FunctionName!, attributes: { Arn: config.FunctionArn } };
}

async function applyConcurrency(name: string, reserved: unknown, ctx: ProviderContext): Promise<void> {
  if (reserved === undefined) await ctx.clients.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
  else await ctx.clients.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: num(reserved) }));
}

/** AWS::Lambda::Function, code from the cloud assembly's assets. Ref: the name; attribute Arn. */
export const lambdaFunction: ResourceProvider = {
  properties: {
    FunctionName: 'replace',
    PackageType: 'replace',
    Code: 'update',
    Tags: 'update',
    ReservedConcurrentExecutions: 'update',
    ...Object.fromEntries(CONFIGURATION.map((name) => [name, 'update' as const])),
  },
  required: ['Code', 'Role'],
  nameProperty: 'FunctionName',
  async create(p, ctx) {
    const name = str(p.FunctionName) ?? ctx.generateName(64);
    await ctx.clients.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        ...configuration(p),
        Role: str(p.Role)!,
        Code: await functionCode(p.Code as Props, str(p.Runtime), ctx),
        PackageType: str(p.PackageType) as never,
        Architectures: p.Architectures as never,
        Tags: tagMap(p.Tags),
      }),
    );
    if (p.ReservedConcurrentExecutions !== undefined) await applyConcurrency(name, p.ReservedConcurrentExecutions, ctx);
    return state(await ready(name, ctx));
  },
  async update(previous, p, ctx) {
    const name = previous.physicalId;
    const changed = changedProperties(previous.properties, p);
    if (changed.includes('Code') || changed.includes('Architectures')) {
      const code = await functionCode(p.Code as Props, str(p.Runtime), ctx);
      await ctx.clients.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ...code, Architectures: p.Architectures as never }));
      await ready(name, ctx);
    }
    if (changed.some((c) => CONFIGURATION.includes(c) && c !== 'Architectures')) {
      await ctx.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, ...configuration(p) }));
      await ready(name, ctx);
    }
    if (changed.includes('ReservedConcurrentExecutions')) await applyConcurrency(name, p.ReservedConcurrentExecutions, ctx);
    if (changed.includes('Tags')) {
      const arn = String(previous.attributes?.Arn);
      const now = tagMap(p.Tags) ?? {};
      const gone = Object.keys(tagMap(previous.properties.Tags) ?? {}).filter((k) => !(k in now));
      if (gone.length > 0) await ctx.clients.lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: gone }));
      if (Object.keys(now).length > 0) await ctx.clients.lambda.send(new TagResourceCommand({ Resource: arn, Tags: now }));
    }
    return state(await ready(name, ctx));
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: resource.physicalId })));
  },
};
