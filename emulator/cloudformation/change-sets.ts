import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { sameJson } from '../deployer/canonical-json';
import { boolean, enumOf, required, string, type InputOf } from '../protocol/validation';
import { parameterList } from './describe';
import { check, deploy } from './engine';
import type { CloudFormationRuntime } from './runtime';
import { CHANGE_SET_NAME, DEPLOYMENT_CONFIG, NEW_STACK_NAME, NEXT_TOKEN, STACK_NAME, TEMPLATE_AND_INPUTS, TOKEN } from './shapes';
import { checkUpdatable, newStack } from './stack-operations';
import { addEvent, changeSetArn, findStack, type ChangeSet, type ResourceChange, type Stack } from './stacks';
import { checkCapabilities, givenParameters, templateFrom } from './templates';

/**
 * Change sets. Creating one checks the template and computes the changes at once, so a change set
 * is `CREATE_COMPLETE` (or `FAILED`) by the time CreateChangeSet answers; executing one deploys
 * before ExecuteChangeSet answers. Clients that poll see the final state on their first look.
 */

export const NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";

export const CreateChangeSetInput = {
  StackName: required(NEW_STACK_NAME),
  ...TEMPLATE_AND_INPUTS,
  ChangeSetName: required(CHANGE_SET_NAME),
  ClientToken: TOKEN,
  Description: string({ min: 1, max: 1024 }),
  ChangeSetType: enumOf(['CREATE', 'UPDATE', 'IMPORT'] as const),
  IncludeNestedStacks: boolean(),
  OnStackFailure: enumOf(['DO_NOTHING', 'ROLLBACK', 'DELETE'] as const),
  ImportExistingResources: boolean(),
  DeploymentConfig: DEPLOYMENT_CONFIG,
};
export const ChangeSetInput = { ChangeSetName: required(CHANGE_SET_NAME), StackName: STACK_NAME, NextToken: NEXT_TOKEN, IncludePropertyValues: boolean() };
export const ExecuteChangeSetInput = { ChangeSetName: required(CHANGE_SET_NAME), StackName: STACK_NAME, ClientRequestToken: TOKEN, DisableRollback: boolean(), RetainExceptOnCreate: boolean() };
export const ListChangeSetsInput = { StackName: required(STACK_NAME), NextToken: NEXT_TOKEN };

/** The parameters whose value (given or default) differs between the deployed stack and the change set. */
function changedParameters(stack: Stack, template: ChangeSet['template'], parameters: Record<string, string>): string[] {
  const valueOf = (t: ChangeSet['template'] | undefined, given: Record<string, string>, name: string) => given[name] ?? t?.Parameters?.[name]?.Default;
  return Object.keys(template.Parameters ?? {}).filter((name) => String(valueOf(template, parameters, name)) !== String(valueOf(stack.template, stack.parameters, name)));
}

/**
 * The changes from the stack's deployed resources to the template's resources whose conditions
 * hold: a resource is modified when its definition changed or it refers to a parameter whose
 * value changed.
 */
function changesOf(stack: Stack, template: ChangeSet['template'], parameters: Record<string, string>, included: Set<string>): ResourceChange[] {
  const deployed = stack.record?.resources ?? {};
  const changedParams = changedParameters(stack, template, parameters);
  const refersToChanged = (resource: unknown) => {
    const text = JSON.stringify(resource);
    return changedParams.some((p) => text.includes(`{"Ref":"${p}"}`) || text.includes('${' + p + '}'));
  };
  const changes: ResourceChange[] = [];
  for (const id of included) {
    const resource = template.Resources[id]!;
    const old = deployed[id];
    if (!old) changes.push({ Action: 'Add', LogicalResourceId: id, ResourceType: resource.Type });
    else if (!sameJson(stack.template?.Resources[id], resource) || refersToChanged(resource)) {
      changes.push({ Action: 'Modify', LogicalResourceId: id, PhysicalResourceId: old.physicalId, ResourceType: resource.Type, Replacement: 'Conditional' });
    }
  }
  for (const [id, old] of Object.entries(deployed)) {
    if (!included.has(id)) changes.push({ Action: 'Remove', LogicalResourceId: id, PhysicalResourceId: old.physicalId, ResourceType: old.type });
  }
  return changes;
}

/** A change set by ARN (any stack), or by name on the stack named. */
function findChangeSet(rt: CloudFormationRuntime, ctx: RequestContext, changeSetName: string, stackName: string | undefined): { stack?: Stack; changeSet?: ChangeSet } {
  const { stacks } = rt.store.get(ctx.accountId, ctx.region);
  if (changeSetName.startsWith('arn:')) {
    for (const stack of stacks) {
      const changeSet = stack.changeSets.find((c) => c.id === changeSetName);
      if (changeSet) return { stack, changeSet };
    }
    return {};
  }
  if (stackName === undefined) throw new AwsError('ValidationError', 'StackName must be specified if ChangeSetName is not specified as an ARN.');
  const stack = findStack(rt.store, ctx, stackName);
  return { stack, changeSet: stack?.changeSets.find((c) => c.name === changeSetName) };
}

function changeSetNotFound(name: string): AwsError {
  return new AwsError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);
}

export async function createChangeSet(rt: CloudFormationRuntime, input: InputOf<typeof CreateChangeSetInput>, ctx: RequestContext) {
  const type = input.ChangeSetType ?? 'UPDATE';
  if (type === 'IMPORT') throw new AwsError('ValidationError', 'The emulator does not import existing resources into stacks (ChangeSetType IMPORT).');
  let stack = findStack(rt.store, ctx, input.StackName);
  if (type === 'CREATE' && stack && stack.status !== 'REVIEW_IN_PROGRESS') {
    throw new AwsError('ValidationError', `Stack [${input.StackName}] already exists and cannot be created again with the changeSet [${input.ChangeSetName}].`);
  }
  if (type === 'UPDATE') {
    if (!stack || stack.status === 'REVIEW_IN_PROGRESS') throw new AwsError('ValidationError', `Stack [${input.StackName}] does not exist`);
    checkUpdatable(stack);
  }
  if (stack?.changeSets.some((c) => c.name === input.ChangeSetName)) {
    throw new AwsError('AlreadyExistsException', `ChangeSet [${input.ChangeSetName}] already exists`);
  }
  const { body, template } = input.UsePreviousTemplate && stack?.template ? { body: stack.templateBody!, template: stack.template } : templateFrom(rt.hub, input);
  checkCapabilities(template, input.Capabilities);
  const parameters = givenParameters(input.Parameters, stack?.parameters ?? {}, template);
  const candidate = stack ?? newStack(ctx, input.StackName);
  // Nothing is created for a template that fails its checks: no stack, no change set.
  const included = await check(rt.hub, ctx, candidate, template, parameters);
  if (input.RoleARN) rt.hub.iam.passRole(ctx, input.RoleARN, 'cloudformation.amazonaws.com', 'CreateChangeSet');
  if (!stack) {
    stack = candidate;
    rt.store.get(ctx.accountId, ctx.region).stacks.push(stack);
    addEvent(stack, { status: 'REVIEW_IN_PROGRESS', reason: 'User Initiated' });
  }
  const changes = changesOf(stack, template, parameters, included);
  const unchanged = type === 'UPDATE' && changes.length === 0 && sameJson(template, stack.template) && sameJson(parameters, stack.parameters) && (input.Tags === undefined || sameJson(input.Tags, stack.tags));
  const changeSet: ChangeSet = {
    id: changeSetArn(ctx, input.ChangeSetName),
    name: input.ChangeSetName,
    type,
    status: unchanged ? 'FAILED' : 'CREATE_COMPLETE',
    statusReason: unchanged ? NO_CHANGES : undefined,
    executionStatus: unchanged ? 'UNAVAILABLE' : 'AVAILABLE',
    created: new Date(),
    description: input.Description,
    templateBody: body,
    template,
    parameters,
    capabilities: input.Capabilities ?? [],
    tags: input.Tags ?? stack.tags,
    roleArn: input.RoleARN,
    changes,
  };
  stack.changeSets.push(changeSet);
  return { Id: changeSet.id, StackId: stack.stackId };
}

export function describeChangeSet(rt: CloudFormationRuntime, input: InputOf<typeof ChangeSetInput>, ctx: RequestContext) {
  const { stack, changeSet } = findChangeSet(rt, ctx, input.ChangeSetName, input.StackName);
  if (!stack || !changeSet) throw changeSetNotFound(input.ChangeSetName);
  return {
    ChangeSetName: changeSet.name,
    ChangeSetId: changeSet.id,
    StackId: stack.stackId,
    StackName: stack.stackName,
    Description: changeSet.description,
    Parameters: parameterList(rt.hub, ctx, changeSet.template, changeSet.parameters),
    CreationTime: changeSet.created,
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    StatusReason: changeSet.statusReason,
    NotificationARNs: stack.notificationArns,
    RollbackConfiguration: {},
    Capabilities: changeSet.capabilities,
    Tags: changeSet.tags,
    Changes: changeSet.changes.map((c) => ({ Type: 'Resource', ResourceChange: { ...c, Scope: [], Details: [] } })),
    IncludeNestedStacks: false,
  };
}

export async function executeChangeSet(rt: CloudFormationRuntime, input: InputOf<typeof ExecuteChangeSetInput>, ctx: RequestContext) {
  const { stack, changeSet } = findChangeSet(rt, ctx, input.ChangeSetName, input.StackName);
  if (!stack || !changeSet) throw changeSetNotFound(input.ChangeSetName);
  if (changeSet.status !== 'CREATE_COMPLETE' || changeSet.executionStatus !== 'AVAILABLE') {
    throw new AwsError('InvalidChangeSetStatus', `ChangeSet [${changeSet.id}] cannot be executed in its current execution status of [${changeSet.executionStatus}]`);
  }
  if (changeSet.type === 'UPDATE') checkUpdatable(stack);
  changeSet.executionStatus = 'EXECUTE_IN_PROGRESS';
  // Executing a change set removes the stack's other change sets, as CloudFormation does.
  stack.changeSets = [changeSet];
  stack.changeSetId = changeSet.id;
  stack.capabilities = changeSet.capabilities;
  stack.tags = changeSet.tags;
  stack.roleArn = changeSet.roleArn ?? stack.roleArn;
  if (input.DisableRollback !== undefined) stack.disableRollback = input.DisableRollback;
  await deploy(rt.hub, ctx, stack, changeSet.templateBody, changeSet.template, changeSet.parameters, input.ClientRequestToken);
  changeSet.executionStatus = stack.status.endsWith('_COMPLETE') && !stack.status.includes('ROLLBACK') ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED';
  return {};
}

/** Deleting a change set that does not exist succeeds when its stack exists (the CDK CLI relies on it). */
export function deleteChangeSet(rt: CloudFormationRuntime, input: InputOf<typeof ChangeSetInput>, ctx: RequestContext) {
  const { stack, changeSet } = findChangeSet(rt, ctx, input.ChangeSetName, input.StackName);
  if (!stack) {
    if (input.ChangeSetName.startsWith('arn:')) throw changeSetNotFound(input.ChangeSetName);
    throw new AwsError('ValidationError', `Stack [${input.StackName}] does not exist`);
  }
  if (changeSet?.executionStatus === 'EXECUTE_IN_PROGRESS') {
    throw new AwsError('InvalidChangeSetStatus', `Cannot delete ChangeSet in status EXECUTE_IN_PROGRESS`);
  }
  stack.changeSets = stack.changeSets.filter((c) => c !== changeSet);
  return {};
}

export function listChangeSets(rt: CloudFormationRuntime, input: InputOf<typeof ListChangeSetsInput>, ctx: RequestContext) {
  const stack = findStack(rt.store, ctx, input.StackName);
  if (!stack) throw new AwsError('ValidationError', `Stack [${input.StackName}] does not exist`);
  return {
    Summaries: stack.changeSets.map((c) => ({
      StackId: stack.stackId,
      StackName: stack.stackName,
      ChangeSetId: c.id,
      ChangeSetName: c.name,
      ExecutionStatus: c.executionStatus,
      Status: c.status,
      StatusReason: c.statusReason,
      CreationTime: c.created,
      Description: c.description,
      IncludeNestedStacks: false,
    })),
  };
}
