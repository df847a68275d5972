import type { Hub } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { checkStack, deployStack, destroyStack, type DeployOptions, type StackArtifact, type StackRecords, type Template } from '../deployer';
import { reasonOf } from '../deployer/deploy-error';
import { AwsError } from '../core/aws-error';
import { TemplateError } from '../deployer/template-error';
import { addEvent, type Stack } from './stacks';

/**
 * The CloudFormation front's use of the deployer (`emulator/deployer`), the one engine both fronts
 * share: it deploys, rolls back and deletes a stack, turning the engine's resource events into
 * stack events, and keeps the engine's record on the stack instead of in the `/_testbed/` store.
 */

function artifactOf(stack: Stack, template: Template): StackArtifact {
  return { stackName: stack.stackName, template, assets: new Map() };
}

function recordsOf(stack: Stack): StackRecords {
  return {
    get: async () => stack.record,
    put: async (record) => void (stack.record = record),
    delete: async () => void (stack.record = undefined),
  };
}

/** The engine's options for a stack: the emulator's own endpoint, the caller's account and region, Parameter Store in process. */
export function engineOptions(hub: Hub, ctx: RequestContext, stack: Stack, parameters: Record<string, string>, token?: string): DeployOptions {
  return {
    endpoint: hub.endpoint,
    region: ctx.region,
    // A twelve-digit access key id names the account to the emulator.
    credentials: { accessKeyId: ctx.accountId, secretAccessKey: 'cloudformation' },
    parameters,
    records: recordsOf(stack),
    stackId: stack.stackId,
    ssmLookup: (name) => hub.ssm.parameterValue(ctx.accountId, ctx.region, name),
    unknownTypes: 'fail',
    onEvent: (e) => addEvent(stack, { logicalId: e.logicalId, type: e.type, physicalId: e.physicalId, status: e.status, reason: e.reason, token }),
  };
}

/** Checks a template against a stack before anything is created; throws the first problem as CloudFormation's `ValidationError`. */
export async function check(hub: Hub, ctx: RequestContext, stack: Stack, template: Template, parameters: Record<string, string>): Promise<Set<string>> {
  try {
    return await checkStack(artifactOf(stack, template), engineOptions(hub, ctx, stack, parameters));
  } catch (err) {
    if (err instanceof TemplateError) throw new AwsError('ValidationError', err.message);
    throw err;
  }
}

/** The resources that failed, from the stack's events since `since`. */
function failedSince(stack: Stack, since: Date): string[] {
  return stack.events.filter((e) => e.Timestamp >= since && e.ResourceStatus.endsWith('_FAILED') && e.ResourceType !== 'AWS::CloudFormation::Stack').map((e) => e.LogicalResourceId);
}

/**
 * Creates or updates the stack with `template` and `parameters`, as ExecuteChangeSet, CreateStack
 * and UpdateStack do; on failure rolls back (unless rollback is disabled): a new stack's
 * resources are deleted (`ROLLBACK_COMPLETE`), an update returns to the previous template
 * (`UPDATE_ROLLBACK_COMPLETE`).
 */
export async function deploy(hub: Hub, ctx: RequestContext, stack: Stack, templateBody: string, template: Template, parameters: Record<string, string>, token?: string): Promise<void> {
  const creating = stack.record === undefined;
  const kind = creating ? 'CREATE' : 'UPDATE';
  const previous = { templateBody: stack.templateBody, template: stack.template, parameters: stack.parameters };
  const started = new Date();
  addEvent(stack, { status: `${kind}_IN_PROGRESS`, reason: 'User Initiated', token });
  if (!creating) stack.updated = started;
  stack.templateBody = templateBody;
  stack.template = template;
  stack.parameters = parameters;
  try {
    const result = await deployStack(artifactOf(stack, template), engineOptions(hub, ctx, stack, parameters, token));
    stack.outputs = result.outputs;
    stack.exports = result.exports;
    if (!creating) addEvent(stack, { status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', token });
    addEvent(stack, { status: `${kind}_COMPLETE`, token });
  } catch (err) {
    const failed = failedSince(stack, started);
    const cause = failed.length > 0 ? `The following resource(s) failed to ${kind.toLowerCase()}: [${failed.join(', ')}]. ` : `${reasonOf(err)}. `;
    if (stack.disableRollback) {
      addEvent(stack, { status: `${kind}_FAILED`, reason: cause.trim(), token });
      return;
    }
    if (creating) {
      addEvent(stack, { status: 'ROLLBACK_IN_PROGRESS', reason: `${cause}Rollback requested by user.`, token });
      await remove(hub, ctx, stack, token, 'ROLLBACK');
      return;
    }
    addEvent(stack, { status: 'UPDATE_ROLLBACK_IN_PROGRESS', reason: cause.trim(), token });
    stack.templateBody = previous.templateBody;
    stack.template = previous.template;
    stack.parameters = previous.parameters;
    try {
      const restored = await deployStack(artifactOf(stack, previous.template!), engineOptions(hub, ctx, stack, previous.parameters, token));
      stack.outputs = restored.outputs;
      addEvent(stack, { status: 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', token });
      addEvent(stack, { status: 'UPDATE_ROLLBACK_COMPLETE', token });
    } catch (rollbackError) {
      addEvent(stack, { status: 'UPDATE_ROLLBACK_FAILED', reason: reasonOf(rollbackError), token });
    }
  }
}

/**
 * Deletes the stack's resources: `DELETE` for DeleteStack (ends `DELETE_COMPLETE` or
 * `DELETE_FAILED`), `ROLLBACK` after a failed creation (ends `ROLLBACK_COMPLETE` or `ROLLBACK_FAILED`).
 */
export async function remove(hub: Hub, ctx: RequestContext, stack: Stack, token: string | undefined, kind: 'DELETE' | 'ROLLBACK'): Promise<void> {
  if (kind === 'DELETE') addEvent(stack, { status: 'DELETE_IN_PROGRESS', reason: 'User Initiated', token });
  try {
    if (stack.record) await destroyStack(stack.stackName, engineOptions(hub, ctx, stack, stack.parameters, token));
    stack.outputs = {};
    stack.exports = {};
    if (kind === 'DELETE') stack.deleted = new Date();
    addEvent(stack, { status: `${kind}_COMPLETE`, token });
  } catch (err) {
    addEvent(stack, { status: `${kind}_FAILED`, reason: reasonOf(err), token });
  }
}
