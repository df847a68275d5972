import type { Hub } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import type { Template } from '../deployer';
import type { Stack } from './stacks';

const SSM_TYPE = /^AWS::SSM::Parameter::Value<.+>$/;

/**
 * Every template parameter with its value (given or default), and for SSM-typed parameters the
 * value read from Parameter Store as `ResolvedValue`, as DescribeStacks lists them.
 */
export function parameterList(hub: Hub, ctx: RequestContext, template: Template | undefined, given: Record<string, string>) {
  return Object.entries(template?.Parameters ?? {}).map(([key, definition]) => {
    const value = given[key] ?? (definition.Default === undefined ? '' : String(definition.Default));
    const noEcho = definition.NoEcho === true || definition.NoEcho === 'true';
    return {
      ParameterKey: key,
      ParameterValue: noEcho ? '****' : value,
      ResolvedValue: SSM_TYPE.test(definition.Type) ? hub.ssm.parameterValue(ctx.accountId, ctx.region, value) : undefined,
    };
  });
}

export function describeStack(hub: Hub, ctx: RequestContext, stack: Stack) {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    ChangeSetId: stack.changeSetId,
    Description: stack.template?.Description,
    Parameters: parameterList(hub, ctx, stack.template ?? stack.changeSets[0]?.template, stack.parameters),
    CreationTime: stack.created,
    DeletionTime: stack.deleted,
    LastUpdatedTime: stack.updated,
    RollbackConfiguration: {},
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DisableRollback: stack.disableRollback,
    NotificationARNs: stack.notificationArns,
    Capabilities: stack.capabilities,
    Outputs: Object.entries(stack.outputs).map(([key, value]) => {
      const output = stack.template?.Outputs?.[key];
      const exportName = Object.entries(stack.exports).find(([, v]) => v === value)?.[0];
      return { OutputKey: key, OutputValue: value, Description: output?.Description, ExportName: output?.Export ? exportName : undefined };
    }),
    RoleARN: stack.roleArn,
    Tags: stack.tags,
    EnableTerminationProtection: stack.terminationProtection,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

/** The resources the engine has on record, with their last status. */
export function stackResources(stack: Stack) {
  return Object.entries(stack.record?.resources ?? {}).map(([id, r]) => {
    const last = stack.resourceStatus.get(id);
    return {
      LogicalResourceId: id,
      PhysicalResourceId: r.physicalId,
      ResourceType: r.type,
      ResourceStatus: last?.status ?? 'CREATE_COMPLETE',
      ResourceStatusReason: last?.reason,
      Timestamp: last?.at ?? stack.updated ?? stack.created,
      DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
    };
  });
}
