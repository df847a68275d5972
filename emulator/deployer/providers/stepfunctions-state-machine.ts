import { CreateStateMachineCommand, DeleteStateMachineCommand, DescribeStateMachineCommand, UpdateStateMachineCommand, type LoggingConfiguration } from '@aws-sdk/client-sfn';
import type { ProviderContext, ResourceProvider, ResourceState } from './provider';
import { changedProperties, ignoreNotFound, str, UnsupportedChange, type Props } from './support';

/**
 * The definition as one JSON string: `DefinitionString` or `Definition` (an object), with every
 * `${key}` of `DefinitionSubstitutions` replaced, as CloudFormation substitutes them.
 */
export function definitionText(p: Props): string {
  if (p.DefinitionS3Location !== undefined) throw new Error('DefinitionS3Location is not supported by the embedded deployer (it has no S3); use DefinitionString or Definition');
  let text: string;
  if (p.DefinitionString !== undefined) text = String(p.DefinitionString);
  else if (p.Definition !== undefined) text = JSON.stringify(p.Definition);
  else throw new Error('the state machine needs DefinitionString or Definition');
  const substitutions = (p.DefinitionSubstitutions as Record<string, unknown> | undefined) ?? {};
  for (const [key, value] of Object.entries(substitutions)) text = text.split('${' + key + '}').join(String(value));
  return text;
}

/** CloudFormation's PascalCase logging configuration as the Step Functions API's camelCase. */
function logging(p: Props): LoggingConfiguration | undefined {
  const config = p.LoggingConfiguration as
    | { Level?: string; IncludeExecutionData?: boolean | string; Destinations?: Array<{ CloudWatchLogsLogGroup?: { LogGroupArn?: string } }> }
    | undefined;
  if (!config) return undefined;
  return {
    level: config.Level as never,
    includeExecutionData: config.IncludeExecutionData === true || config.IncludeExecutionData === 'true',
    destinations: config.Destinations?.map((d) => ({ cloudWatchLogsLogGroup: { logGroupArn: d.CloudWatchLogsLogGroup?.LogGroupArn } })),
  };
}

function tracing(p: Props) {
  const t = p.TracingConfiguration as { Enabled?: boolean | string } | undefined;
  return t && { enabled: t.Enabled === true || t.Enabled === 'true' };
}

async function state(arn: string, ctx: ProviderContext): Promise<ResourceState> {
  const sm = await ctx.clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
  return { physicalId: arn, attributes: { Arn: arn, Name: sm.name, StateMachineRevisionId: sm.revisionId ?? arn } };
}

/** AWS::StepFunctions::StateMachine. Ref: the ARN; attributes Arn, Name, StateMachineRevisionId. */
export const stateMachine: ResourceProvider = {
  properties: {
    StateMachineName: 'replace',
    StateMachineType: 'replace',
    DefinitionString: 'update',
    Definition: 'update',
    DefinitionS3Location: 'update',
    DefinitionSubstitutions: 'update',
    RoleArn: 'update',
    LoggingConfiguration: 'update',
    TracingConfiguration: 'update',
    Tags: 'update',
  },
  required: ['RoleArn'],
  nameProperty: 'StateMachineName',
  async create(p, ctx) {
    const created = await ctx.clients.sfn.send(
      new CreateStateMachineCommand({
        name: str(p.StateMachineName) ?? ctx.generateName(80),
        definition: definitionText(p),
        roleArn: String(p.RoleArn),
        type: str(p.StateMachineType) as never,
        loggingConfiguration: logging(p),
        tracingConfiguration: tracing(p),
        tags: (p.Tags as Array<{ Key: string; Value: string }> | undefined)?.map((t) => ({ key: t.Key, value: String(t.Value) })),
      }),
    );
    return state(created.stateMachineArn!, ctx);
  },
  async update(previous, p, ctx) {
    const unsupported = changedProperties(previous.properties, p).filter((c) => c === 'Tags');
    if (unsupported.length > 0) throw new UnsupportedChange('AWS::StepFunctions::StateMachine', unsupported);
    await ctx.clients.sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn: previous.physicalId, definition: definitionText(p), roleArn: String(p.RoleArn), loggingConfiguration: logging(p), tracingConfiguration: tracing(p) }),
    );
    return state(previous.physicalId, ctx);
  },
  async delete(resource, ctx) {
    await ignoreNotFound(() => ctx.clients.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: resource.physicalId })), ['StateMachineDoesNotExist']);
  },
};
