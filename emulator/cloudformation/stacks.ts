import { randomUUID } from 'node:crypto';
import { AwsError } from '../core/aws-error';
import { RegionalStore } from '../core/regional-store';
import type { RequestContext } from '../core/request-context';
import type { StackRecord, Template } from '../deployer';

export interface StackEvent {
  EventId: string;
  StackId: string;
  StackName: string;
  LogicalResourceId: string;
  PhysicalResourceId: string;
  ResourceType: string;
  Timestamp: Date;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  ClientRequestToken?: string;
}

export interface ResourceChange {
  Action: 'Add' | 'Modify' | 'Remove';
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  Replacement?: string;
}

export interface ChangeSet {
  id: string;
  name: string;
  type: 'CREATE' | 'UPDATE';
  status: 'CREATE_COMPLETE' | 'FAILED' | 'DELETE_COMPLETE';
  statusReason?: string;
  executionStatus: 'AVAILABLE' | 'UNAVAILABLE' | 'EXECUTE_IN_PROGRESS' | 'EXECUTE_COMPLETE' | 'EXECUTE_FAILED' | 'OBSOLETE';
  created: Date;
  description?: string;
  templateBody: string;
  template: Template;
  parameters: Record<string, string>;
  capabilities: string[];
  tags: Array<{ Key: string; Value: string }>;
  roleArn?: string;
  changes: ResourceChange[];
}

/** A stack as CloudFormation keeps it: its template and inputs, status, events and change sets. */
export interface Stack {
  stackId: string;
  stackName: string;
  status: string;
  statusReason?: string;
  created: Date;
  updated?: Date;
  deleted?: Date;
  /** The template of the last deployment, as submitted (GetTemplate returns it verbatim). */
  templateBody?: string;
  template?: Template;
  /** Parameter values given explicitly (defaults come from the template). */
  parameters: Record<string, string>;
  capabilities: string[];
  tags: Array<{ Key: string; Value: string }>;
  roleArn?: string;
  notificationArns: string[];
  disableRollback: boolean;
  terminationProtection: boolean;
  outputs: Record<string, string>;
  exports: Record<string, string>;
  /** The engine's record of the deployed resources. */
  record?: StackRecord;
  /** The last status of each resource, for DescribeStackResources. */
  resourceStatus: Map<string, { status: string; reason?: string; at: Date }>;
  events: StackEvent[];
  changeSets: ChangeSet[];
  /** The change set last executed. */
  changeSetId?: string;
}

export type CloudFormationStore = RegionalStore<{ stacks: Stack[] }>;
export const createStore = (): CloudFormationStore => new RegionalStore(() => ({ stacks: [] }));

export const stackArn = (ctx: RequestContext, name: string) => `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:stack/${name}/${randomUUID()}`;
export const changeSetArn = (ctx: RequestContext, name: string) => `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:changeSet/${name}/${randomUUID()}`;

/**
 * A stack by name or ARN. A deleted stack is found by its ARN (with `DELETE_COMPLETE`), never by
 * its name; otherwise CloudFormation's `Stack with id X does not exist`.
 */
export function findStack(store: CloudFormationStore, ctx: RequestContext, nameOrId: string): Stack | undefined {
  const { stacks } = store.get(ctx.accountId, ctx.region);
  if (nameOrId.startsWith('arn:')) return stacks.find((s) => s.stackId === nameOrId);
  return stacks.find((s) => s.stackName === nameOrId && s.status !== 'DELETE_COMPLETE');
}

export function stackOrError(store: CloudFormationStore, ctx: RequestContext, nameOrId: string): Stack {
  const stack = findStack(store, ctx, nameOrId);
  if (!stack) throw new AwsError('ValidationError', `Stack with id ${nameOrId} does not exist`);
  return stack;
}

/** Records a stack or resource event, newest first, as DescribeStackEvents lists them. */
export function addEvent(stack: Stack, e: { logicalId?: string; physicalId?: string; type?: string; status: string; reason?: string; token?: string }): void {
  const isStack = e.logicalId === undefined;
  const at = new Date();
  stack.events.unshift({
    EventId: isStack ? randomUUID() : `${e.logicalId}-${e.status}-${at.toISOString()}`,
    StackId: stack.stackId,
    StackName: stack.stackName,
    LogicalResourceId: e.logicalId ?? stack.stackName,
    PhysicalResourceId: isStack ? stack.stackId : (e.physicalId ?? ''),
    ResourceType: e.type ?? 'AWS::CloudFormation::Stack',
    Timestamp: at,
    ResourceStatus: e.status,
    ResourceStatusReason: e.reason,
    ClientRequestToken: e.token,
  });
  if (isStack) {
    stack.status = e.status;
    stack.statusReason = e.reason;
  } else {
    stack.resourceStatus.set(e.logicalId!, { status: e.status, reason: e.reason, at });
  }
}
