import type { RequestContext } from '../core/request-context';
import { requireBus } from './buses';
import { placeholdersOf, PREDEFINED_VARIABLES } from './input-transform';
import { paginate } from './pagination';
import { requireRule } from './rules';
import { stateOf, type EventsRuntime, type Operations } from './runtime';
import type { Target } from './store';
import {
  NAME_PATTERN,
  NAME_PATTERN_TEXT,
  Violations,
  checkBusNameOrArn,
  checkLimit,
  checkNextToken,
  checkRuleName,
  objectOrUndefined,
  validation,
} from './validation';
import { AwsError } from '../core/aws-error';

/** AWS's quota: five targets per rule. */
export const MAX_TARGETS_PER_RULE = 5;

const ARN_FORMAT = /^arn:[\w:\-/.*]+$/;
const PATH_KEY = /^[A-Za-z0-9_\-]+$/;

function checkTarget(v: Violations, raw: unknown, i: number): void {
  const at = `targets.${i + 1}.member`;
  const target = objectOrUndefined(raw, at) ?? {};
  v.string(target.Id, `${at}.id`, { required: true, min: 1, max: 64, pattern: NAME_PATTERN, patternText: NAME_PATTERN_TEXT });
  v.string(target.Arn, `${at}.arn`, { required: true, min: 1, max: 1600 });
  v.string(target.RoleArn, `${at}.roleArn`, { min: 1, max: 1600 });
  v.string(target.Input, `${at}.input`, { max: 8192 });
  v.string(target.InputPath, `${at}.inputPath`, { max: 256 });
  const transformer = objectOrUndefined(target.InputTransformer, `${at}.inputTransformer`);
  if (transformer) {
    v.string(transformer.InputTemplate, `${at}.inputTransformer.inputTemplate`, { required: true, min: 1, max: 8192 });
    const paths = objectOrUndefined(transformer.InputPathsMap, `${at}.inputTransformer.inputPathsMap`);
    if (paths) {
      const keys = Object.keys(paths);
      if (keys.length > 100) v.add(paths, `${at}.inputTransformer.inputPathsMap`, 'Member must have length less than or equal to 100');
      for (const key of keys) {
        v.string(key, `${at}.inputTransformer.inputPathsMap`, { min: 1, max: 256, pattern: PATH_KEY, patternText: '[A-Za-z0-9\\_\\-]+' });
        v.string(paths[key], `${at}.inputTransformer.inputPathsMap`, { max: 256 });
      }
    }
  }
  const retry = objectOrUndefined(target.RetryPolicy, `${at}.retryPolicy`);
  if (retry) {
    v.integer(retry.MaximumRetryAttempts, `${at}.retryPolicy.maximumRetryAttempts`, { min: 0, max: 185 });
    v.integer(retry.MaximumEventAgeInSeconds, `${at}.retryPolicy.maximumEventAgeInSeconds`, { min: 60, max: 86400 });
  }
  const dlq = objectOrUndefined(target.DeadLetterConfig, `${at}.deadLetterConfig`);
  if (dlq) v.string(dlq.Arn, `${at}.deadLetterConfig.arn`, { min: 1, max: 1600 });
}

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

export function targetOperations(rt: EventsRuntime): Operations {
  return {
    PutTargets(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkRuleName(v, input.Rule, 'rule');
      checkBusNameOrArn(v, input.EventBusName);
      if (v.list(input.Targets, 'targets', { required: true, min: 1, max: 100 })) input.Targets.forEach((t: unknown, i: number) => checkTarget(v, t, i));
      v.throwIfAny();

      const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
      const rule = requireRule(bus, input.Rule);
      const targets = input.Targets as Target[];
      for (const target of targets) checkTargetMeaning(target);
      const added = new Set(targets.map((t) => t.Id).filter((id) => !rule.targets.has(id)));
      if (rule.targets.size + added.size > MAX_TARGETS_PER_RULE) {
        throw new AwsError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
      }
      for (const target of targets) rule.targets.set(target.Id, structuredClone(target));
      return { FailedEntryCount: 0, FailedEntries: [] };
    },

    // Removing an id the rule does not have is not an error: the target is gone either way.
    RemoveTargets(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkRuleName(v, input.Rule, 'rule');
      checkBusNameOrArn(v, input.EventBusName);
      if (v.list(input.Ids, 'ids', { required: true, min: 1, max: 100 })) {
        input.Ids.forEach((id: unknown, i: number) => v.string(id, `ids.${i + 1}.member`, { min: 1, max: 64, pattern: NAME_PATTERN, patternText: NAME_PATTERN_TEXT }));
      }
      v.throwIfAny();
      const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
      const rule = requireRule(bus, input.Rule);
      for (const id of input.Ids as string[]) rule.targets.delete(id);
      return { FailedEntryCount: 0, FailedEntries: [] };
    },

    ListTargetsByRule(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkRuleName(v, input.Rule, 'rule');
      checkBusNameOrArn(v, input.EventBusName);
      checkNextToken(v, input.NextToken);
      checkLimit(v, input.Limit);
      v.throwIfAny();
      const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
      const rule = requireRule(bus, input.Rule);
      const sorted = [...rule.targets.values()].sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
      const { page, nextToken } = paginate(sorted, (t) => t.Id, input.NextToken, input.Limit);
      return { Targets: page, ...(nextToken ? { NextToken: nextToken } : {}) };
    },
  };
}
