import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { integer, list, map, required, string, structure, type InputOf } from '../protocol/validation';
import { requireBus } from './buses';
import { placeholdersOf, PREDEFINED_VARIABLES } from './input-transform';
import { paginate } from './pagination';
import { requireRule } from './rules';
import { stateOf, type EventsRuntime } from './runtime';
import { ARN, BUS_NAME_OR_ARN, LIMIT, NAME, NEXT_TOKEN, validation } from './shapes';
import type { Target } from './store';

/** AWS's quota: five targets per rule. */
export const MAX_TARGETS_PER_RULE = 5;

const ARN_FORMAT = /^arn:[\w:\-/.*]+$/;

// The members the emulator checks; the others a target may carry pass through as given.
const TARGET = structure({
  Id: required(NAME),
  Arn: required(ARN),
  RoleArn: ARN,
  Input: string({ max: 8192 }),
  InputPath: string({ max: 256 }),
  InputTransformer: structure({
    InputTemplate: required(string({ min: 1, max: 8192 })),
    InputPathsMap: map({ max: 100, key: string({ min: 1, max: 256, pattern: '[A-Za-z0-9\\_\\-]+' }), value: string({ max: 256 }) }),
  }),
  RetryPolicy: structure({ MaximumRetryAttempts: integer({ min: 0, max: 185 }), MaximumEventAgeInSeconds: integer({ min: 60, max: 86400 }) }),
  DeadLetterConfig: structure({ Arn: ARN }),
});

/** The checks AWS makes on a target's meaning once its shape is right. */
function checkTargetMeaning(target: Target): void {
  if (!ARN_FORMAT.test(target.Arn)) {
    throw validation(`Parameter ${target.Arn} is not valid. Reason: Provided Arn is not in correct format.`);
  }
  const inputs = [target.Input, target.InputPath, target.InputTransformer].filter((x) => x !== undefined && x !== null);
  if (inputs.length > 1) throw validation(`Only one of Input, InputPath, or InputTransformer must be provided for target ${target.Id}.`);
  if (target.InputTransformer) {
    const defined = new Set(Object.keys(target.InputTransformer.InputPathsMap ?? {}));
    for (const name of placeholdersOf(target.InputTransformer.InputTemplate)) {
      if (!defined.has(name) && !PREDEFINED_VARIABLES.has(name)) {
        throw validation(`InputTemplate for target ${target.Id} contains invalid placeholder ${name}.`);
      }
    }
  }
}

export const PutTargetsInput = { Rule: required(NAME), EventBusName: BUS_NAME_OR_ARN, Targets: required(list(TARGET, { min: 1, max: 100 })) };
export function putTargets(rt: EventsRuntime, input: InputOf<typeof PutTargetsInput>, ctx: RequestContext) {
  const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
  const rule = requireRule(bus, input.Rule);
  const targets = input.Targets as Target[];
  for (const target of targets) checkTargetMeaning(target);
  const added = new Set(targets.map((t) => t.Id).filter((id) => !rule.targets.has(id)));
  if (rule.targets.size + added.size > MAX_TARGETS_PER_RULE) {
    throw new AwsError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
  }
  for (const target of targets) if (target.RoleArn) rt.hub.iam.passRole(ctx, target.RoleArn, 'events.amazonaws.com', 'PutTargets');
  for (const target of targets) rule.targets.set(target.Id, structuredClone(target));
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export const RemoveTargetsInput = { Rule: required(NAME), EventBusName: BUS_NAME_OR_ARN, Ids: required(list(NAME, { min: 1, max: 100 })) };
/** Removing an id the rule does not have is not an error: the target is gone either way. */
export function removeTargets(rt: EventsRuntime, input: InputOf<typeof RemoveTargetsInput>, ctx: RequestContext) {
  const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
  const rule = requireRule(bus, input.Rule);
  for (const id of input.Ids) rule.targets.delete(id);
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export const ListTargetsByRuleInput = { Rule: required(NAME), EventBusName: BUS_NAME_OR_ARN, NextToken: NEXT_TOKEN, Limit: LIMIT };
export function listTargetsByRule(rt: EventsRuntime, input: InputOf<typeof ListTargetsByRuleInput>, ctx: RequestContext) {
  const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
  const rule = requireRule(bus, input.Rule);
  const sorted = [...rule.targets.values()].sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
  const { page, nextToken } = paginate(sorted, (t) => t.Id, input.NextToken, input.Limit);
  return { Targets: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}
