import type { RequestContext } from '../core/request-context';
import { enumOf, required, string, type InputOf } from '../protocol/validation';
import { DEFAULT_BUS, ruleArn } from './arns';
import { requireBus } from './buses';
import { byName, paginate } from './pagination';
import { compilePattern } from './pattern';
import { stateOf, type EventsRuntime } from './runtime';
import { ARN, BUS_NAME_OR_ARN, DESCRIPTION, LIMIT, NAME, NEXT_TOKEN, TAGS, notFound, validation } from './shapes';
import { indexRule, type EventBus, type Rule, type RuleState } from './store';
import { applyTags } from './tags';

export const RULE_STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'] as const satisfies readonly RuleState[];

export function requireRule(bus: EventBus, name: string): Rule {
  const rule = bus.rules.get(name);
  if (!rule) throw notFound(`Rule ${name} does not exist on EventBus ${bus.name}.`);
  return rule;
}

/**
 * `rate(value unit)` with a singular unit for 1 and a plural one otherwise, or a six-field
 * `cron(...)` where one of day-of-month and day-of-week is `?`: the forms AWS accepts.
 */
export function isValidScheduleExpression(expression: string): boolean {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const plural = rate[2]!.endsWith('s');
    return value >= 1 && plural === value > 1;
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) return false;
  const fields = cron[1]!.trim().split(/\s+/);
  if (fields.length !== 6) return false;
  return (fields[2] === '?') !== (fields[4] === '?');
}

function describe(rule: Rule, withCreator: boolean) {
  return {
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.eventPattern !== undefined ? { EventPattern: rule.eventPattern } : {}),
    ...(rule.scheduleExpression !== undefined ? { ScheduleExpression: rule.scheduleExpression } : {}),
    State: rule.state,
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
    ...(rule.roleArn !== undefined ? { RoleArn: rule.roleArn } : {}),
    EventBusName: rule.busName,
    ...(withCreator ? { CreatedBy: rule.createdBy } : {}),
  };
}

/** DescribeRule, EnableRule, DisableRule and DeleteRule name a rule on a bus. */
export const RuleOnBusInput = { Name: required(NAME), EventBusName: BUS_NAME_OR_ARN };
type RuleOnBus = InputOf<typeof RuleOnBusInput>;

function setState(rt: EventsRuntime, input: RuleOnBus, ctx: RequestContext, state: RuleState): object {
  const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
  const rule = requireRule(bus, input.Name);
  rule.state = state;
  indexRule(bus, rule);
  return {};
}

export const PutRuleInput = {
  Name: required(NAME),
  ScheduleExpression: string({ max: 256 }),
  EventPattern: string({ max: 4096 }),
  State: enumOf(RULE_STATES),
  Description: DESCRIPTION,
  RoleArn: ARN,
  Tags: TAGS,
  EventBusName: BUS_NAME_OR_ARN,
};
export function putRule(rt: EventsRuntime, input: InputOf<typeof PutRuleInput>, ctx: RequestContext) {
  const state = stateOf(rt, ctx);
  const bus = requireBus(state, input.EventBusName);
  if (!input.EventPattern && !input.ScheduleExpression) {
    throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  if (input.ScheduleExpression) {
    if (bus.name !== DEFAULT_BUS) throw validation('ScheduleExpression is supported only on the default event bus.');
    if (!isValidScheduleExpression(input.ScheduleExpression)) throw validation('Parameter ScheduleExpression is not valid.');
  }
  // Validated and compiled here, once: an invalid pattern never reaches the bus.
  const compiled = input.EventPattern ? compilePattern(input.EventPattern) : undefined;

  if (input.RoleArn) rt.hub.iam.passRole(ctx, input.RoleArn, 'events.amazonaws.com', 'PutRule');
  // PutRule replaces the rule; only its targets (and tags) carry over, as on AWS.
  const previous = bus.rules.get(input.Name);
  const rule: Rule = {
    name: input.Name,
    arn: ruleArn(ctx.region, ctx.accountId, bus.name, input.Name),
    busName: bus.name,
    eventPattern: input.EventPattern || undefined,
    compiled,
    scheduleExpression: input.ScheduleExpression || undefined,
    state: input.State ?? 'ENABLED',
    description: input.Description,
    roleArn: input.RoleArn,
    createdBy: ctx.accountId,
    targets: previous?.targets ?? new Map(),
  };
  bus.rules.set(rule.name, rule);
  indexRule(bus, rule);
  applyTags(state, rule.arn, input.Tags);
  return { RuleArn: rule.arn };
}

export function describeRule(rt: EventsRuntime, input: RuleOnBus, ctx: RequestContext) {
  const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
  return describe(requireRule(bus, input.Name), true);
}

export const ListRulesInput = { NamePrefix: NAME, EventBusName: BUS_NAME_OR_ARN, NextToken: NEXT_TOKEN, Limit: LIMIT };
export function listRules(rt: EventsRuntime, input: InputOf<typeof ListRulesInput>, ctx: RequestContext) {
  const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
  const { page, nextToken } = paginate(byName(bus.rules.values(), input.NamePrefix), (r) => r.name, input.NextToken, input.Limit);
  return { Rules: page.map((r) => describe(r, false)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

export const enableRule = (rt: EventsRuntime, input: RuleOnBus, ctx: RequestContext) => setState(rt, input, ctx, 'ENABLED');
export const disableRule = (rt: EventsRuntime, input: RuleOnBus, ctx: RequestContext) => setState(rt, input, ctx, 'DISABLED');

/** A rule that does not exist is deleted already: AWS answers success. */
export function deleteRule(rt: EventsRuntime, input: RuleOnBus, ctx: RequestContext) {
  const state = stateOf(rt, ctx);
  const bus = requireBus(state, input.EventBusName);
  const rule = bus.rules.get(input.Name);
  if (!rule) return {};
  if (rule.targets.size > 0) throw validation("Rule can't be deleted since it has targets.");
  bus.rules.delete(rule.name);
  bus.index.remove(rule.name);
  state.tags.delete(rule.arn);
  return {};
}

export const ListRuleNamesByTargetInput = { TargetArn: required(ARN), EventBusName: BUS_NAME_OR_ARN, NextToken: NEXT_TOKEN, Limit: LIMIT };
export function listRuleNamesByTarget(rt: EventsRuntime, input: InputOf<typeof ListRuleNamesByTargetInput>, ctx: RequestContext) {
  const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
  const rules = byName([...bus.rules.values()].filter((r) => [...r.targets.values()].some((t) => t.Arn === input.TargetArn)));
  const { page, nextToken } = paginate(rules, (r) => r.name, input.NextToken, input.Limit);
  return { RuleNames: page.map((r) => r.name), ...(nextToken ? { NextToken: nextToken } : {}) };
}
