import type { RequestContext } from '../core/request-context';
import { required, type InputOf } from '../protocol/validation';
import { DEFAULT_BUS, busNameFrom } from './arns';
import { byName, paginate } from './pagination';
import { stateOf, type EventsRuntime } from './runtime';
import { BUS_NAME, BUS_NAME_OR_ARN, DESCRIPTION, LIMIT, NEXT_TOKEN, TAGS, alreadyExists, notFound, validation } from './shapes';
import { epochSeconds, newBus, type EventBus, type EventsState } from './store';
import { applyTags } from './tags';

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

export const CreateEventBusInput = { Name: required(BUS_NAME), Description: DESCRIPTION, Tags: TAGS };
export function createEventBus(rt: EventsRuntime, input: InputOf<typeof CreateEventBusInput>, ctx: RequestContext) {
  const state = stateOf(rt, ctx);
  if (state.buses.has(input.Name)) throw alreadyExists(`Event bus ${input.Name} already exists.`);
  const bus = newBus(ctx.accountId, ctx.region, input.Name, input.Description);
  state.buses.set(bus.name, bus);
  applyTags(state, bus.arn, input.Tags);
  return { EventBusArn: bus.arn, ...(bus.description !== undefined ? { Description: bus.description } : {}) };
}

export const DescribeEventBusInput = { Name: BUS_NAME_OR_ARN };
export function describeEventBus(rt: EventsRuntime, input: InputOf<typeof DescribeEventBusInput>, ctx: RequestContext) {
  return describe(requireBus(stateOf(rt, ctx), input.Name));
}

export const ListEventBusesInput = { NamePrefix: BUS_NAME, NextToken: NEXT_TOKEN, Limit: LIMIT };
export function listEventBuses(rt: EventsRuntime, input: InputOf<typeof ListEventBusesInput>, ctx: RequestContext) {
  const buses = byName(stateOf(rt, ctx).buses.values(), input.NamePrefix);
  const { page, nextToken } = paginate(buses, (b) => b.name, input.NextToken, input.Limit);
  return { EventBuses: page.map(describe), ...(nextToken ? { NextToken: nextToken } : {}) };
}

export const DeleteEventBusInput = { Name: required(BUS_NAME) };
/** Deleting a bus that does not exist succeeds, as on AWS; its rules go with it. */
export function deleteEventBus(rt: EventsRuntime, input: InputOf<typeof DeleteEventBusInput>, ctx: RequestContext) {
  if (input.Name === DEFAULT_BUS) throw validation('Cannot delete event bus default.');
  const state = stateOf(rt, ctx);
  const bus = state.buses.get(input.Name);
  if (!bus) return {};
  state.buses.delete(bus.name);
  state.tags.delete(bus.arn);
  for (const rule of bus.rules.values()) state.tags.delete(rule.arn);
  return {};
}
