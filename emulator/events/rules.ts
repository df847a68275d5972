import type { RequestContext } from '../core/request-context';
import { DEFAULT_BUS, ruleArn } from './arns';
import { requireBus } from './buses';
import { byName, paginate } from './pagination';
import { compilePattern } from './pattern';
import { stateOf, type EventsRuntime, type Operations } from './runtime';
import { indexRule, type EventBus, type Rule, type RuleState } from './store';
import { applyTags, checkTags } from './tags';
import { Violations, checkBusNameOrArn, checkLimit, checkNextToken, checkRuleName, notFound, validation } from './validation';

export const RULE_STATES: readonly RuleState[] = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];

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

function checkNameAndBus(input: any, nameMember = 'Name', namePath = 'name'): void {
  const v = new Violations();
  checkRuleName(v, input[nameMember], namePath);
  checkBusNameOrArn(v, input.EventBusName);
  v.throwIfAny();
}

function setState(rt: EventsRuntime, input: any, ctx: RequestContext, state: RuleState): object {
  checkNameAndBus(input);
  const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
  const rule = requireRule(bus, input.Name);
  rule.state = state;
  indexRule(bus, rule);
  return {};
}

export function ruleOperations(rt: EventsRuntime): Operations {
  return {
    PutRule(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkRuleName(v, input.Name, 'name');
      v.string(input.ScheduleExpression, 'scheduleExpression', { max: 256 });
      v.string(input.EventPattern, 'eventPattern', { max: 4096 });
      v.enumeration(input.State, 'state', RULE_STATES);
      v.string(input.Description, 'description', { max: 512 });
      v.string(input.RoleArn, 'roleArn', { min: 1, max: 1600 });
      checkTags(v, input.Tags);
      checkBusNameOrArn(v, input.EventBusName);
      v.throwIfAny();

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
    },

    DescribeRule(input: any, ctx: RequestContext) {
      checkNameAndBus(input);
      const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
      return describe(requireRule(bus, input.Name), true);
    },

    ListRules(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkRuleName(v, input.NamePrefix, 'namePrefix', false);
      checkBusNameOrArn(v, input.EventBusName);
      checkNextToken(v, input.NextToken);
      checkLimit(v, input.Limit);
      v.throwIfAny();
      const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
      const { page, nextToken } = paginate(byName(bus.rules.values(), input.NamePrefix), (r) => r.name, input.NextToken, input.Limit);
      return { Rules: page.map((r) => describe(r, false)), ...(nextToken ? { NextToken: nextToken } : {}) };
    },

    EnableRule: (input: any, ctx: RequestContext) => setState(rt, input, ctx, 'ENABLED'),
    DisableRule: (input: any, ctx: RequestContext) => setState(rt, input, ctx, 'DISABLED'),

    // A rule that does not exist is deleted already: AWS answers success.
    DeleteRule(input: any, ctx: RequestContext) {
      checkNameAndBus(input);
      const state = stateOf(rt, ctx);
      const bus = requireBus(state, input.EventBusName);
      const rule = bus.rules.get(input.Name);
      if (!rule) return {};
      if (rule.targets.size > 0) throw validation("Rule can't be deleted since it has targets.");
      bus.rules.delete(rule.name);
      bus.index.remove(rule.name);
      state.tags.delete(rule.arn);
      return {};
    },

    ListRuleNamesByTarget(input: any, ctx: RequestContext) {
      const v = new Violations();
      v.string(input.TargetArn, 'targetArn', { required: true, min: 1, max: 1600 });
      checkBusNameOrArn(v, input.EventBusName);
      checkNextToken(v, input.NextToken);
      checkLimit(v, input.Limit);
      v.throwIfAny();
      const bus = requireBus(stateOf(rt, ctx), input.EventBusName);
      const rules = byName([...bus.rules.values()].filter((r) => [...r.targets.values()].some((t) => t.Arn === input.TargetArn)));
      const { page, nextToken } = paginate(rules, (r) => r.name, input.NextToken, input.Limit);
      return { RuleNames: page.map((r) => r.name), ...(nextToken ? { NextToken: nextToken } : {}) };
    },
  };
}
