import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../core/request-context';
import { enumOf, integer, required, string, type InputOf } from '../protocol/validation';
import { apiDestinationArn, namedResourceFrom } from './arns';
import { HTTPS_ENDPOINT, requireConnection } from './connections';
import { byName, paginate } from './pagination';
import { stateOf, type EventsRuntime } from './runtime';
import { DESCRIPTION, LIMIT, NAME, NEXT_TOKEN, alreadyExists, notFound } from './shapes';
import { epochSeconds, type ApiDestination, type EventsState, type HttpMethod } from './store';

/** AWS's default invocation rate limit for an API destination. */
export const DEFAULT_INVOCATION_RATE_LIMIT = 300;
// The order AWS lists the methods in its validation message.
const HTTP_METHODS = ['HEAD', 'POST', 'PATCH', 'DELETE', 'PUT', 'GET', 'OPTIONS'] as const satisfies readonly HttpMethod[];
const CONNECTION_ARN = string({ min: 1, max: 1600, pattern: '^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection\\/[\\.\\-_A-Za-z0-9]+\\/[\\-A-Za-z0-9]+$' });

function requireDestination(state: EventsState, name: string): ApiDestination {
  const destination = state.apiDestinations.get(name);
  if (!destination) throw notFound(`Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`);
  return destination;
}

/** A destination can be invoked while its connection is authorized. */
function stateOfDestination(state: EventsState, d: ApiDestination): 'ACTIVE' | 'INACTIVE' {
  const connection = state.connections.get(namedResourceFrom(d.connectionArn, 'connection') ?? '');
  return connection?.state === 'AUTHORIZED' ? 'ACTIVE' : 'INACTIVE';
}

function summary(state: EventsState, d: ApiDestination) {
  return {
    ApiDestinationArn: d.arn,
    ApiDestinationState: stateOfDestination(state, d),
    CreationTime: epochSeconds(d.creationTime),
    LastModifiedTime: epochSeconds(d.lastModifiedTime),
  };
}

function listed(state: EventsState, d: ApiDestination) {
  return {
    ApiDestinationArn: d.arn,
    Name: d.name,
    ApiDestinationState: stateOfDestination(state, d),
    ConnectionArn: d.connectionArn,
    InvocationEndpoint: d.invocationEndpoint,
    HttpMethod: d.httpMethod,
    InvocationRateLimitPerSecond: d.invocationRateLimitPerSecond,
    CreationTime: epochSeconds(d.creationTime),
    LastModifiedTime: epochSeconds(d.lastModifiedTime),
  };
}

export const CreateApiDestinationInput = {
  Name: required(NAME),
  Description: DESCRIPTION,
  ConnectionArn: required(CONNECTION_ARN),
  InvocationEndpoint: required(HTTPS_ENDPOINT),
  HttpMethod: required(enumOf(HTTP_METHODS)),
  InvocationRateLimitPerSecond: integer({ min: 1 }),
};
export function createApiDestination(rt: EventsRuntime, input: InputOf<typeof CreateApiDestinationInput>, ctx: RequestContext) {
  const state = stateOf(rt, ctx);
  if (state.apiDestinations.has(input.Name)) throw alreadyExists(`An api-destination '${input.Name}' already exists.`);
  requireConnection(state, namedResourceFrom(input.ConnectionArn, 'connection') ?? '');
  const now = new Date();
  const destination: ApiDestination = {
    name: input.Name,
    arn: apiDestinationArn(ctx.region, ctx.accountId, input.Name, randomUUID()),
    description: input.Description,
    connectionArn: input.ConnectionArn,
    invocationEndpoint: input.InvocationEndpoint,
    httpMethod: input.HttpMethod,
    invocationRateLimitPerSecond: input.InvocationRateLimitPerSecond ?? DEFAULT_INVOCATION_RATE_LIMIT,
    creationTime: now,
    lastModifiedTime: now,
  };
  state.apiDestinations.set(destination.name, destination);
  return summary(state, destination);
}

/** DescribeApiDestination and DeleteApiDestination name a destination. */
export const ApiDestinationNameInput = { Name: required(NAME) };

export function describeApiDestination(rt: EventsRuntime, input: InputOf<typeof ApiDestinationNameInput>, ctx: RequestContext) {
  const state = stateOf(rt, ctx);
  const d = requireDestination(state, input.Name);
  const { ApiDestinationArn, Name, ...rest } = listed(state, d);
  return { ApiDestinationArn, Name, ...(d.description !== undefined ? { Description: d.description } : {}), ...rest };
}

export const ListApiDestinationsInput = { NamePrefix: NAME, ConnectionArn: CONNECTION_ARN, NextToken: NEXT_TOKEN, Limit: LIMIT };
export function listApiDestinations(rt: EventsRuntime, input: InputOf<typeof ListApiDestinationsInput>, ctx: RequestContext) {
  const state = stateOf(rt, ctx);
  const all = byName(state.apiDestinations.values(), input.NamePrefix).filter((d) => !input.ConnectionArn || d.connectionArn === input.ConnectionArn);
  const { page, nextToken } = paginate(all, (d) => d.name, input.NextToken, input.Limit);
  return { ApiDestinations: page.map((d) => listed(state, d)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

export const UpdateApiDestinationInput = {
  Name: required(NAME),
  Description: DESCRIPTION,
  ConnectionArn: CONNECTION_ARN,
  InvocationEndpoint: HTTPS_ENDPOINT,
  HttpMethod: enumOf(HTTP_METHODS),
  InvocationRateLimitPerSecond: integer({ min: 1 }),
};
export function updateApiDestination(rt: EventsRuntime, input: InputOf<typeof UpdateApiDestinationInput>, ctx: RequestContext) {
  const state = stateOf(rt, ctx);
  const d = requireDestination(state, input.Name);
  if (input.ConnectionArn !== undefined) {
    requireConnection(state, namedResourceFrom(input.ConnectionArn, 'connection') ?? '');
    d.connectionArn = input.ConnectionArn;
  }
  if (input.Description !== undefined) d.description = input.Description;
  if (input.InvocationEndpoint !== undefined) d.invocationEndpoint = input.InvocationEndpoint;
  if (input.HttpMethod !== undefined) d.httpMethod = input.HttpMethod;
  if (input.InvocationRateLimitPerSecond !== undefined) d.invocationRateLimitPerSecond = input.InvocationRateLimitPerSecond;
  d.lastModifiedTime = new Date();
  return summary(state, d);
}

export function deleteApiDestination(rt: EventsRuntime, input: InputOf<typeof ApiDestinationNameInput>, ctx: RequestContext) {
  const state = stateOf(rt, ctx);
  requireDestination(state, input.Name);
  state.apiDestinations.delete(input.Name);
  return {};
}
