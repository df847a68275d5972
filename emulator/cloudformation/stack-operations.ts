import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { sameJson } from '../deployer/canonical-json';
import { boolean, list, required, string, type InputOf } from '../protocol/validation';
import { describeStack, stackResources } from './describe';
import { check, deploy, remove } from './engine';
import type { CloudFormationRuntime } from './runtime';
import { CAPABILITIES, NEW_STACK_NAME, NEXT_TOKEN, NOTIFICATION_ARNS, ON_FAILURE, PARAMETERS, RESOURCE_TYPES, ROLE_ARN, STACK_NAME, TAGS, TEMPLATE_AND_INPUTS, TEMPLATE_BODY, TEMPLATE_URL, TIMEOUT, TOKEN } from './shapes';
import { findStack, stackArn, stackOrError, type Stack } from './stacks';
import { checkCapabilities, givenParameters, requiredCapabilities, templateFrom } from './templates';

/** Stack operations: create, update, delete, describe, list, events, resources, templates, exports. */

export const CreateStackInput = {
  StackName: required(NEW_STACK_NAME),
  TemplateBody: TEMPLATE_BODY,
  TemplateURL: TEMPLATE_URL,
  Parameters: PARAMETERS,
  DisableRollback: boolean(),
  TimeoutInMinutes: TIMEOUT,
  NotificationARNs: NOTIFICATION_ARNS,
  Capabilities: CAPABILITIES,
  ResourceTypes: RESOURCE_TYPES,
  RoleARN: ROLE_ARN,
  OnFailure: ON_FAILURE,
  Tags: TAGS,
  ClientRequestToken: TOKEN,
  EnableTerminationProtection: boolean(),
};
export const UpdateStackInput = {
  StackName: required(STACK_NAME),
  ...TEMPLATE_AND_INPUTS,
  DisableRollback: boolean(),
  ClientRequestToken: TOKEN,
};
export const DeleteStackInput = { StackName: required(STACK_NAME), RetainResources: list(string()), RoleARN: ROLE_ARN, ClientRequestToken: TOKEN };
export const DescribeStacksInput = { StackName: STACK_NAME, NextToken: NEXT_TOKEN };
export const ListStacksInput = { NextToken: NEXT_TOKEN, StackStatusFilter: list(string()) };
export const StackNameInput = { StackName: required(STACK_NAME), NextToken: NEXT_TOKEN };
export const DescribeStackResourceInput = { StackName: required(STACK_NAME), LogicalResourceId: required(string()) };
export const DescribeStackResourcesInput = { StackName: STACK_NAME, LogicalResourceId: string(), PhysicalResourceId: string() };
export const GetTemplateInput = { StackName: STACK_NAME, ChangeSetName: string(), TemplateStage: string() };
export const TemplateSourceInput = { TemplateBody: TEMPLATE_BODY, TemplateURL: TEMPLATE_URL, StackName: STACK_NAME };
export const ListExportsInput = { NextToken: NEXT_TOKEN };
export const UpdateTerminationProtectionInput = { EnableTerminationProtection: required(boolean()), StackName: required(STACK_NAME) };

/** A new stack record, not yet deployed. */
export function newStack(ctx: RequestContext, name: string, extra: Partial<Stack> = {}): Stack {
  return {
    stackId: stackArn(ctx, name),
    stackName: name,
    status: 'REVIEW_IN_PROGRESS',
    created: new Date(),
    parameters: {},
    capabilities: [],
    tags: [],
    notificationArns: [],
    disableRollback: false,
    terminationProtection: false,
    outputs: {},
    exports: {},
    resourceStatus: new Map(),
    events: [],
    changeSets: [],
    ...extra,
  };
}

export async function createStack(rt: CloudFormationRuntime, input: InputOf<typeof CreateStackInput>, ctx: RequestContext) {
  if (findStack(rt.store, ctx, input.StackName)) throw new AwsError('AlreadyExistsException', `Stack [${input.StackName}] already exists`);
  const { body, template } = templateFrom(rt.hub, input);
  checkCapabilities(template, input.Capabilities);
  const parameters = givenParameters(input.Parameters, {}, template);
  const stack = newStack(ctx, input.StackName, {
    capabilities: input.Capabilities ?? [],
    tags: input.Tags ?? [],
    roleArn: input.RoleARN,
    notificationArns: input.NotificationARNs ?? [],
    disableRollback: input.DisableRollback === true || input.OnFailure === 'DO_NOTHING',
    terminationProtection: input.EnableTerminationProtection ?? false,
  });
  // Nothing is created for a template that fails its checks: no stack, no events.
  await check(rt.hub, ctx, stack, template, parameters);
  if (input.RoleARN) rt.hub.iam.passRole(ctx, input.RoleARN, 'cloudformation.amazonaws.com', 'CreateStack');
  rt.store.get(ctx.accountId, ctx.region).stacks.push(stack);
  await deploy(rt.hub, ctx, stack, body, template, parameters, input.ClientRequestToken);
  if (input.OnFailure === 'DELETE' && stack.status === 'ROLLBACK_COMPLETE') await remove(rt.hub, ctx, stack, input.ClientRequestToken, 'DELETE');
  return { StackId: stack.stackId };
}

/** Whether a stack may be updated now, or CloudFormation's error for its state. */
export function checkUpdatable(stack: Stack): void {
  if (!/^(CREATE_COMPLETE|UPDATE_COMPLETE|UPDATE_ROLLBACK_COMPLETE|IMPORT_COMPLETE|IMPORT_ROLLBACK_COMPLETE)$/.test(stack.status)) {
    throw new AwsError('ValidationError', `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
  }
}

export async function updateStack(rt: CloudFormationRuntime, input: InputOf<typeof UpdateStackInput>, ctx: RequestContext) {
  const stack = findStack(rt.store, ctx, input.StackName);
  if (!stack) throw new AwsError('ValidationError', `Stack [${input.StackName}] does not exist`);
  checkUpdatable(stack);
  const { body, template } = input.UsePreviousTemplate ? { body: stack.templateBody!, template: stack.template! } : templateFrom(rt.hub, input);
  checkCapabilities(template, input.Capabilities);
  const parameters = givenParameters(input.Parameters, stack.parameters, template);
  if (sameJson(template, stack.template) && sameJson(parameters, stack.parameters) && (input.Tags === undefined || sameJson(input.Tags, stack.tags))) {
    throw new AwsError('ValidationError', 'No updates are to be performed.');
  }
  await check(rt.hub, ctx, stack, template, parameters);
  if (input.RoleARN) rt.hub.iam.passRole(ctx, input.RoleARN, 'cloudformation.amazonaws.com', 'UpdateStack');
  if (input.Tags !== undefined) stack.tags = input.Tags;
  if (input.Capabilities !== undefined) stack.capabilities = input.Capabilities;
  if (input.DisableRollback !== undefined) stack.disableRollback = input.DisableRollback;
  await deploy(rt.hub, ctx, stack, body, template, parameters, input.ClientRequestToken);
  return { StackId: stack.stackId };
}

/** Deleting a stack that does not exist succeeds, as on AWS. */
export async function deleteStack(rt: CloudFormationRuntime, input: InputOf<typeof DeleteStackInput>, ctx: RequestContext) {
  const stack = findStack(rt.store, ctx, input.StackName);
  if (!stack || stack.status === 'DELETE_COMPLETE') return {};
  if (stack.terminationProtection) {
    throw new AwsError('ValidationError', `Stack [${stack.stackName}] cannot be deleted while TerminationProtection is enabled`);
  }
  stack.changeSets = [];
  await remove(rt.hub, ctx, stack, input.ClientRequestToken, 'DELETE');
  return {};
}

export function describeStacks(rt: CloudFormationRuntime, input: InputOf<typeof DescribeStacksInput>, ctx: RequestContext) {
  if (input.StackName !== undefined) return { Stacks: [describeStack(rt.hub, ctx, stackOrError(rt.store, ctx, input.StackName))] };
  const live = rt.store.get(ctx.accountId, ctx.region).stacks.filter((s) => s.status !== 'DELETE_COMPLETE');
  return { Stacks: live.map((s) => describeStack(rt.hub, ctx, s)) };
}

export function listStacks(rt: CloudFormationRuntime, input: InputOf<typeof ListStacksInput>, ctx: RequestContext) {
  const filter = input.StackStatusFilter?.length ? new Set(input.StackStatusFilter) : undefined;
  const stacks = rt.store.get(ctx.accountId, ctx.region).stacks.filter((s) => !filter || filter.has(s.status));
  return {
    StackSummaries: stacks.map((s) => ({
      StackId: s.stackId,
      StackName: s.stackName,
      TemplateDescription: s.template?.Description,
      CreationTime: s.created,
      LastUpdatedTime: s.updated,
      DeletionTime: s.deleted,
      StackStatus: s.status,
      StackStatusReason: s.statusReason,
      DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
    })),
  };
}

export function describeStackEvents(rt: CloudFormationRuntime, input: InputOf<typeof StackNameInput>, ctx: RequestContext) {
  const stack = stackOrError(rt.store, ctx, input.StackName);
  return { StackEvents: stack.events };
}

export function describeStackResources(rt: CloudFormationRuntime, input: InputOf<typeof DescribeStackResourcesInput>, ctx: RequestContext) {
  if (input.StackName === undefined) throw new AwsError('ValidationError', 'Either StackName or PhysicalResourceId must be specified.');
  const stack = stackOrError(rt.store, ctx, input.StackName);
  const resources = stackResources(stack)
    .filter((r) => input.LogicalResourceId === undefined || r.LogicalResourceId === input.LogicalResourceId)
    .filter((r) => input.PhysicalResourceId === undefined || r.PhysicalResourceId === input.PhysicalResourceId);
  return { StackResources: resources.map((r) => ({ StackName: stack.stackName, StackId: stack.stackId, ...r })) };
}

export function describeStackResource(rt: CloudFormationRuntime, input: InputOf<typeof DescribeStackResourceInput>, ctx: RequestContext) {
  const stack = stackOrError(rt.store, ctx, input.StackName);
  const resource = stackResources(stack).find((r) => r.LogicalResourceId === input.LogicalResourceId);
  if (!resource) throw new AwsError('ValidationError', `Resource ${input.LogicalResourceId} does not exist for stack ${input.StackName}`);
  const { Timestamp, ...rest } = resource;
  return { StackResourceDetail: { StackName: stack.stackName, StackId: stack.stackId, ...rest, LastUpdatedTimestamp: Timestamp, Metadata: JSON.stringify(stack.template?.Resources[input.LogicalResourceId]?.Metadata ?? {}) } };
}

export function listStackResources(rt: CloudFormationRuntime, input: InputOf<typeof StackNameInput>, ctx: RequestContext) {
  const stack = stackOrError(rt.store, ctx, input.StackName);
  return {
    StackResourceSummaries: stackResources(stack).map(({ Timestamp, ...r }) => ({ ...r, LastUpdatedTimestamp: Timestamp })),
  };
}

/** The template as submitted; for a stack still in review, the template of its change set. */
export function getTemplate(rt: CloudFormationRuntime, input: InputOf<typeof GetTemplateInput>, ctx: RequestContext) {
  if (input.StackName === undefined) throw new AwsError('ValidationError', 'Either StackName or ChangeSetName must be specified.');
  const stack = stackOrError(rt.store, ctx, input.StackName);
  const changeSet = input.ChangeSetName !== undefined ? stack.changeSets.find((c) => c.name === input.ChangeSetName || c.id === input.ChangeSetName) : undefined;
  if (input.ChangeSetName !== undefined && !changeSet) throw new AwsError('ChangeSetNotFound', `ChangeSet [${input.ChangeSetName}] does not exist`, 404);
  const body = changeSet?.templateBody ?? stack.templateBody ?? stack.changeSets[stack.changeSets.length - 1]?.templateBody ?? '{}';
  return { TemplateBody: body, StagesAvailable: ['Original', 'Processed'] };
}

function templateOf(rt: CloudFormationRuntime, input: InputOf<typeof TemplateSourceInput>, ctx: RequestContext) {
  if (input.StackName !== undefined && input.TemplateBody === undefined && input.TemplateURL === undefined) {
    const stack = stackOrError(rt.store, ctx, input.StackName);
    return stack.template ?? templateFrom(rt.hub, { TemplateBody: '{}' }).template;
  }
  return templateFrom(rt.hub, input).template;
}

function declaredParameters(template: ReturnType<typeof templateOf>) {
  return Object.entries(template.Parameters ?? {}).map(([key, p]) => ({
    ParameterKey: key,
    DefaultValue: p.Default === undefined ? undefined : String(p.Default),
    NoEcho: p.NoEcho === true || p.NoEcho === 'true',
    Description: p.Description,
    ParameterType: p.Type,
    ParameterConstraints: p.AllowedValues ? { AllowedValues: p.AllowedValues.map(String) } : {},
  }));
}

export function getTemplateSummary(rt: CloudFormationRuntime, input: InputOf<typeof TemplateSourceInput>, ctx: RequestContext) {
  const template = templateOf(rt, input, ctx);
  const { capability, reason } = requiredCapabilities(template);
  return {
    Parameters: declaredParameters(template),
    Description: template.Description,
    Capabilities: capability ? [capability] : [],
    CapabilitiesReason: reason,
    ResourceTypes: [...new Set(Object.values(template.Resources).map((r) => r.Type))],
    Version: template.AWSTemplateFormatVersion,
    Metadata: template.Metadata === undefined ? undefined : JSON.stringify(template.Metadata),
    DeclaredTransforms: template.Transform === undefined ? [] : [template.Transform].flat().map(String),
  };
}

export function validateTemplate(rt: CloudFormationRuntime, input: InputOf<typeof TemplateSourceInput>, ctx: RequestContext) {
  const template = templateOf(rt, input, ctx);
  const { capability, reason } = requiredCapabilities(template);
  return {
    Parameters: declaredParameters(template).map(({ ParameterKey, DefaultValue, NoEcho, Description }) => ({ ParameterKey, DefaultValue, NoEcho, Description })),
    Description: template.Description,
    Capabilities: capability ? [capability] : [],
    CapabilitiesReason: reason,
    DeclaredTransforms: template.Transform === undefined ? [] : [template.Transform].flat().map(String),
  };
}

export function listExports(rt: CloudFormationRuntime, _input: InputOf<typeof ListExportsInput>, ctx: RequestContext) {
  const stacks = rt.store.get(ctx.accountId, ctx.region).stacks.filter((s) => s.status !== 'DELETE_COMPLETE');
  return { Exports: stacks.flatMap((s) => Object.entries(s.exports).map(([Name, Value]) => ({ ExportingStackId: s.stackId, Name, Value }))) };
}

export function updateTerminationProtection(rt: CloudFormationRuntime, input: InputOf<typeof UpdateTerminationProtectionInput>, ctx: RequestContext) {
  const stack = stackOrError(rt.store, ctx, input.StackName);
  stack.terminationProtection = input.EnableTerminationProtection;
  return { StackId: stack.stackId };
}
