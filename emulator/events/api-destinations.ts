import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../core/request-context';
import { apiDestinationArn, namedResourceFrom } from './arns';
import { HTTPS_ENDPOINT, HTTPS_ENDPOINT_TEXT, requireConnection } from './connections';
import { byName, paginate } from './pagination';
import { stateOf, type EventsRuntime, type Operations } from './runtime';
import { epochSeconds, type ApiDestination, type EventsState, type HttpMethod } from './store';
import { NAME_PATTERN, NAME_PATTERN_TEXT, Violations, alreadyExists, checkLimit, checkNextToken, notFound } from './validation';

/** AWS's default invocation rate limit for an API destination. */
export const DEFAULT_INVOCATION_RATE_LIMIT = 300;
// The order AWS lists the methods in its validation message.
const HTTP_METHODS: readonly HttpMethod[] = ['HEAD', 'POST', 'PATCH', 'DELETE', 'PUT', 'GET', 'OPTIONS'];
const CONNECTION_ARN = /^arn:aws([a-z]|\-)*:events:([a-z]|\d|\-)*:([0-9]{12})?:connection\/[\.\-_A-Za-z0-9]+\/[\-A-Za-z0-9]+$/;
const CONNECTION_ARN_TEXT = '^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection\\/[\\.\\-_A-Za-z0-9]+\\/[\\-A-Za-z0-9]+$';

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

function checkDestination(v: Violations, input: any, creating: boolean): void {
  v.string(input.Name, 'name', { required: true, min: 1, max: 64, pattern: NAME_PATTERN, patternText: NAME_PATTERN_TEXT });
  v.string(input.Description, 'description', { max: 512 });
  v.string(input.ConnectionArn, 'connectionArn', { required: creating, min: 1, max: 1600, pattern: CONNECTION_ARN, patternText: CONNECTION_ARN_TEXT });
  v.string(input.InvocationEndpoint, 'invocationEndpoint', { required: creating, min: 1, max: 2048, pattern: HTTPS_ENDPOINT, patternText: HTTPS_ENDPOINT_TEXT });
  v.enumeration(input.HttpMethod, 'httpMethod', HTTP_METHODS, { required: creating });
  v.integer(input.InvocationRateLimitPerSecond, 'invocationRateLimitPerSecond', { min: 1 });
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

export function apiDestinationOperations(rt: EventsRuntime): Operations {
  return {
    CreateApiDestination(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkDestination(v, input, true);
      v.throwIfAny();
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
    },

    DescribeApiDestination(input: any, ctx: RequestContext) {
      const v = new Violations();
      v.string(input.Name, 'name', { required: true, min: 1, max: 64, pattern: NAME_PATTERN, patternText: NAME_PATTERN_TEXT });
      v.throwIfAny();
      const state = stateOf(rt, ctx);
      const d = requireDestination(state, input.Name);
      const { ApiDestinationArn, Name, ...rest } = listed(state, d);
      return { ApiDestinationArn, Name, ...(d.description !== undefined ? { Description: d.description } : {}), ...rest };
    },

    ListApiDestinations(input: any, ctx: RequestContext) {
      const v = new Violations();
      v.string(input.NamePrefix, 'namePrefix', { min: 1, max: 64, pattern: NAME_PATTERN, patternText: NAME_PATTERN_TEXT });
      v.string(input.ConnectionArn, 'connectionArn', { min: 1, max: 1600, pattern: CONNECTION_ARN, patternText: CONNECTION_ARN_TEXT });
      checkNextToken(v, input.NextToken);
      checkLimit(v, input.Limit);
      v.throwIfAny();
      const state = stateOf(rt, ctx);
      const all = byName(state.apiDestinations.values(), input.NamePrefix).filter((d) => !input.ConnectionArn || d.connectionArn === input.ConnectionArn);
      const { page, nextToken } = paginate(all, (d) => d.name, input.NextToken, input.Limit);
      return { ApiDestinations: page.map((d) => listed(state, d)), ...(nextToken ? { NextToken: nextToken } : {}) };
    },

    UpdateApiDestination(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkDestination(v, input, false);
      v.throwIfAny();
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
    },

    DeleteApiDestination(input: any, ctx: RequestContext) {
      const v = new Violations();
      v.string(input.Name, 'name', { required: true, min: 1, max: 64, pattern: NAME_PATTERN, patternText: NAME_PATTERN_TEXT });
      v.throwIfAny();
      const state = stateOf(rt, ctx);
      requireDestination(state, input.Name);
      state.apiDestinations.delete(input.Name);
      return {};
    },
  };
}
