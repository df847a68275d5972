import type { RequestContext } from '../core/request-context';
import { DEFAULT_BUS, busNameFrom } from './arns';
import { byName, paginate } from './pagination';
import { stateOf, type EventsRuntime, type Operations } from './runtime';
import { epochSeconds, newBus, type EventBus, type EventsState } from './store';
import { applyTags, checkTags } from './tags';
import {
  BUS_NAME_OR_ARN_PATTERN,
  BUS_NAME_OR_ARN_PATTERN_TEXT,
  BUS_NAME_PATTERN,
  BUS_NAME_PATTERN_TEXT,
  Violations,
  alreadyExists,
  checkLimit,
  checkNextToken,
  notFound,
  validation,
} from './validation';

/** The bus by name or ARN, or AWS's "Event bus X does not exist." */
export function requireBus(state: EventsState, nameOrArn: string | undefined): EventBus {
  const name = busNameFrom(nameOrArn);
  const bus = state.buses.get(name);
  if (!bus) throw notFound(`Event bus ${name} does not exist.`);
  return bus;
}

function describe(bus: EventBus) {
  return {
    Name: bus.name,
    Arn: bus.arn,
    ...(bus.description !== undefined ? { Description: bus.description } : {}),
    CreationTime: epochSeconds(bus.creationTime),
    LastModifiedTime: epochSeconds(bus.lastModifiedTime),
  };
}

function checkBusName(v: Violations, value: unknown, required = true): void {
  v.string(value, 'name', { required, min: 1, max: 256, pattern: BUS_NAME_PATTERN, patternText: BUS_NAME_PATTERN_TEXT });
}

export function busOperations(rt: EventsRuntime): Operations {
  return {
    CreateEventBus(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkBusName(v, input.Name);
      v.string(input.Description, 'description', { max: 512 });
      checkTags(v, input.Tags);
      v.throwIfAny();
      const state = stateOf(rt, ctx);
      if (state.buses.has(input.Name)) throw alreadyExists(`Event bus ${input.Name} already exists.`);
      const bus = newBus(ctx.accountId, ctx.region, input.Name, input.Description);
      state.buses.set(bus.name, bus);
      applyTags(state, bus.arn, input.Tags);
      return { EventBusArn: bus.arn, ...(bus.description !== undefined ? { Description: bus.description } : {}) };
    },

    DescribeEventBus(input: any, ctx: RequestContext) {
      const v = new Violations();
      v.string(input.Name, 'name', { min: 1, max: 1600, pattern: BUS_NAME_OR_ARN_PATTERN, patternText: BUS_NAME_OR_ARN_PATTERN_TEXT });
      v.throwIfAny();
      return describe(requireBus(stateOf(rt, ctx), input.Name));
    },

    ListEventBuses(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkBusName(v, input.NamePrefix, false);
      checkNextToken(v, input.NextToken);
      checkLimit(v, input.Limit);
      v.throwIfAny();
      const buses = byName(stateOf(rt, ctx).buses.values(), input.NamePrefix);
      const { page, nextToken } = paginate(buses, (b) => b.name, input.NextToken, input.Limit);
      return { EventBuses: page.map(describe), ...(nextToken ? { NextToken: nextToken } : {}) };
    },

    // Deleting a bus that does not exist succeeds, as on AWS; its rules go with it.
    DeleteEventBus(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkBusName(v, input.Name);
      v.throwIfAny();
      if (input.Name === DEFAULT_BUS) throw validation('Cannot delete event bus default.');
      const state = stateOf(rt, ctx);
      const bus = state.buses.get(input.Name);
      if (!bus) return {};
      state.buses.delete(bus.name);
      state.tags.delete(bus.arn);
      for (const rule of bus.rules.values()) state.tags.delete(rule.arn);
      return {};
    },
  };
}
