import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestContext } from '../core/request-context';
import { connectionArn, connectionSecretArn } from './arns';
import { byName, paginate } from './pagination';
import { stateOf, type EventsRuntime, type Operations } from './runtime';
import { epochSeconds, type AuthorizationType, type Connection, type ConnectionAuth, type ConnectionHttpParameters, type ConnectionState, type EventsState } from './store';
import { NAME_PATTERN, NAME_PATTERN_TEXT, Violations, alreadyExists, checkLimit, checkNextToken, notFound, objectOrUndefined, validation } from './validation';

export const AUTHORIZATION_TYPES: readonly AuthorizationType[] = ['BASIC', 'OAUTH_CLIENT_CREDENTIALS', 'API_KEY'];
const CONNECTION_STATES: readonly string[] = ['CREATING', 'UPDATING', 'DELETING', 'AUTHORIZED', 'DEAUTHORIZED', 'AUTHORIZING', 'DEAUTHORIZING', 'ACTIVE', 'FAILED_CONNECTIVITY'];
const OAUTH_METHODS = ['GET', 'POST', 'PUT'];
const AUTH_HEADER = /^[ \t]*[^\x00-\x1F:\x7F]+([ \t]+[^\x00-\x1F:\x7F]+)*[ \t]*$/;
const AUTH_HEADER_TEXT = '^[ \\t]*[^\\x00-\\x1F:\\x7F]+([ \\t]+[^\\x00-\\x1F:\\x7F]+)*[ \\t]*$';
export const HTTPS_ENDPOINT = /^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@&=+$,A-Za-z0-9])+)([).!';/?:,])?$/;
export const HTTPS_ENDPOINT_TEXT = "^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@\\x26=+$,A-Za-z0-9])+)([).!';/?:,])?$";

export function requireConnection(state: EventsState, name: string): Connection {
  const connection = state.connections.get(name);
  if (!connection) throw notFound(`Failed to describe the connection(s). Connection '${name}' does not exist.`);
  return connection;
}

function checkName(v: Violations, value: unknown, path = 'name', required = true): void {
  v.string(value, path, { required, min: 1, max: 64, pattern: NAME_PATTERN, patternText: NAME_PATTERN_TEXT });
}

function checkAuthParameters(v: Violations, raw: unknown, creating: boolean): void {
  const auth = objectOrUndefined(raw, 'authParameters');
  if (!auth) return;
  const basic = objectOrUndefined(auth.BasicAuthParameters, 'authParameters.basicAuthParameters');
  if (basic) {
    v.string(basic.Username, 'authParameters.basicAuthParameters.username', { required: creating, min: 1, max: 512, pattern: AUTH_HEADER, patternText: AUTH_HEADER_TEXT });
    v.string(basic.Password, 'authParameters.basicAuthParameters.password', { required: creating, min: 1, max: 512, pattern: AUTH_HEADER, patternText: AUTH_HEADER_TEXT });
  }
  const apiKey = objectOrUndefined(auth.ApiKeyAuthParameters, 'authParameters.apiKeyAuthParameters');
  if (apiKey) {
    v.string(apiKey.ApiKeyName, 'authParameters.apiKeyAuthParameters.apiKeyName', { required: creating, min: 1, max: 512, pattern: AUTH_HEADER, patternText: AUTH_HEADER_TEXT });
    v.string(apiKey.ApiKeyValue, 'authParameters.apiKeyAuthParameters.apiKeyValue', { required: creating, min: 1, max: 512, pattern: AUTH_HEADER, patternText: AUTH_HEADER_TEXT });
  }
  const oauth = objectOrUndefined(auth.OAuthParameters, 'authParameters.oAuthParameters');
  if (oauth) {
    const client = objectOrUndefined(oauth.ClientParameters, 'authParameters.oAuthParameters.clientParameters');
    if (creating) v.required(client, 'authParameters.oAuthParameters.clientParameters');
    if (client) {
      v.string(client.ClientID, 'authParameters.oAuthParameters.clientParameters.clientID', { required: creating, min: 1, max: 512, pattern: AUTH_HEADER, patternText: AUTH_HEADER_TEXT });
      v.string(client.ClientSecret, 'authParameters.oAuthParameters.clientParameters.clientSecret', { required: creating, min: 1, max: 512, pattern: AUTH_HEADER, patternText: AUTH_HEADER_TEXT });
    }
    v.string(oauth.AuthorizationEndpoint, 'authParameters.oAuthParameters.authorizationEndpoint', { required: creating, min: 1, max: 2048, pattern: HTTPS_ENDPOINT, patternText: HTTPS_ENDPOINT_TEXT });
    v.enumeration(oauth.HttpMethod, 'authParameters.oAuthParameters.httpMethod', OAUTH_METHODS, { required: creating });
  }
}

/**
 * The section of AuthParameters that the authorization type needs must be there: without it
 * the connection could never authorize a request.
 */
function requireSection(type: AuthorizationType, auth: ConnectionAuth): void {
  const section = { BASIC: 'BasicAuthParameters', API_KEY: 'ApiKeyAuthParameters', OAUTH_CLIENT_CREDENTIALS: 'OAuthParameters' }[type] as keyof ConnectionAuth;
  if (!auth[section]) throw validation(`Parameter(s) ${section} must be specified for authorization type ${type}.`);
}

/** Secret values (`IsValueSecret`) are kept but never described back. */
function publicHttpParameters(params: ConnectionHttpParameters): ConnectionHttpParameters {
  const strip = (list?: { Key?: string; Value?: string; IsValueSecret?: boolean }[]) => list?.map((p) => (p.IsValueSecret ? { Key: p.Key, IsValueSecret: true } : { ...p }));
  const out: ConnectionHttpParameters = {};
  if (params.HeaderParameters) out.HeaderParameters = strip(params.HeaderParameters);
  if (params.QueryStringParameters) out.QueryStringParameters = strip(params.QueryStringParameters);
  if (params.BodyParameters) out.BodyParameters = strip(params.BodyParameters);
  return out;
}

/** What DescribeConnection shows of the credentials: names, never secrets. */
function publicAuth(connection: Connection): Record<string, unknown> {
  const auth = connection.auth;
  const out: Record<string, unknown> = {};
  if (connection.authorizationType === 'BASIC' && auth.BasicAuthParameters) out.BasicAuthParameters = { Username: auth.BasicAuthParameters.Username };
  if (connection.authorizationType === 'API_KEY' && auth.ApiKeyAuthParameters) out.ApiKeyAuthParameters = { ApiKeyName: auth.ApiKeyAuthParameters.ApiKeyName };
  if (connection.authorizationType === 'OAUTH_CLIENT_CREDENTIALS' && auth.OAuthParameters) {
    const o = auth.OAuthParameters;
    out.OAuthParameters = {
      ClientParameters: { ClientID: o.ClientParameters.ClientID },
      AuthorizationEndpoint: o.AuthorizationEndpoint,
      HttpMethod: o.HttpMethod,
      ...(o.OAuthHttpParameters ? { OAuthHttpParameters: publicHttpParameters(o.OAuthHttpParameters) } : {}),
    };
  }
  if (auth.InvocationHttpParameters) out.InvocationHttpParameters = publicHttpParameters(auth.InvocationHttpParameters);
  return out;
}

/** Basic and API key credentials authorize at once; OAuth once a token has been had. */
function initialState(type: AuthorizationType): ConnectionState {
  return type === 'OAUTH_CLIENT_CREDENTIALS' ? 'AUTHORIZING' : 'AUTHORIZED';
}

function summary(c: Connection) {
  return {
    ConnectionArn: c.arn,
    ConnectionState: c.state,
    CreationTime: epochSeconds(c.creationTime),
    LastModifiedTime: epochSeconds(c.lastModifiedTime),
  };
}

/** UpdateConnection changes only what it names; the rest of each section stays. */
function mergeAuth(current: ConnectionAuth, update: Record<string, any>, typeChanged: boolean): ConnectionAuth {
  const base: ConnectionAuth = typeChanged ? { InvocationHttpParameters: current.InvocationHttpParameters } : structuredClone(current);
  if (update.BasicAuthParameters) base.BasicAuthParameters = { ...base.BasicAuthParameters, ...update.BasicAuthParameters };
  if (update.ApiKeyAuthParameters) base.ApiKeyAuthParameters = { ...base.ApiKeyAuthParameters, ...update.ApiKeyAuthParameters };
  if (update.OAuthParameters) {
    const o = update.OAuthParameters;
    base.OAuthParameters = {
      ...base.OAuthParameters,
      ...o,
      ClientParameters: { ...base.OAuthParameters?.ClientParameters, ...o.ClientParameters },
    };
  }
  if (update.InvocationHttpParameters) base.InvocationHttpParameters = update.InvocationHttpParameters;
  return base;
}

export function connectionOperations(rt: EventsRuntime): Operations {
  return {
    CreateConnection(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkName(v, input.Name);
      v.string(input.Description, 'description', { max: 512 });
      v.enumeration(input.AuthorizationType, 'authorizationType', AUTHORIZATION_TYPES, { required: true });
      v.required(input.AuthParameters, 'authParameters');
      checkAuthParameters(v, input.AuthParameters, true);
      v.throwIfAny();
      const state = stateOf(rt, ctx);
      if (state.connections.has(input.Name)) throw alreadyExists(`Connection ${input.Name} already exists.`);
      const auth = structuredClone(input.AuthParameters) as ConnectionAuth;
      requireSection(input.AuthorizationType, auth);
      const id = randomUUID();
      const now = new Date();
      const connection: Connection = {
        name: input.Name,
        arn: connectionArn(ctx.region, ctx.accountId, input.Name, id),
        secretArn: connectionSecretArn(ctx.region, ctx.accountId, input.Name, randomUUID(), randomBytes(3).toString('hex')),
        description: input.Description,
        authorizationType: input.AuthorizationType,
        auth,
        state: initialState(input.AuthorizationType),
        creationTime: now,
        lastModifiedTime: now,
        lastAuthorizedTime: now,
        version: 1,
      };
      state.connections.set(connection.name, connection);
      return summary(connection);
    },

    DescribeConnection(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkName(v, input.Name);
      v.throwIfAny();
      const c = requireConnection(stateOf(rt, ctx), input.Name);
      return {
        ConnectionArn: c.arn,
        Name: c.name,
        ...(c.description !== undefined ? { Description: c.description } : {}),
        ConnectionState: c.state,
        ...(c.stateReason ? { StateReason: c.stateReason } : {}),
        AuthorizationType: c.authorizationType,
        SecretArn: c.secretArn,
        AuthParameters: publicAuth(c),
        CreationTime: epochSeconds(c.creationTime),
        LastModifiedTime: epochSeconds(c.lastModifiedTime),
        LastAuthorizedTime: epochSeconds(c.lastAuthorizedTime),
      };
    },

    ListConnections(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkName(v, input.NamePrefix, 'namePrefix', false);
      v.enumeration(input.ConnectionState, 'connectionState', CONNECTION_STATES);
      checkNextToken(v, input.NextToken);
      checkLimit(v, input.Limit);
      v.throwIfAny();
      const all = byName(stateOf(rt, ctx).connections.values(), input.NamePrefix).filter((c) => !input.ConnectionState || c.state === input.ConnectionState);
      const { page, nextToken } = paginate(all, (c) => c.name, input.NextToken, input.Limit);
      return {
        Connections: page.map((c) => ({
          ConnectionArn: c.arn,
          Name: c.name,
          ConnectionState: c.state,
          ...(c.stateReason ? { StateReason: c.stateReason } : {}),
          AuthorizationType: c.authorizationType,
          CreationTime: epochSeconds(c.creationTime),
          LastModifiedTime: epochSeconds(c.lastModifiedTime),
          LastAuthorizedTime: epochSeconds(c.lastAuthorizedTime),
        })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },

    UpdateConnection(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkName(v, input.Name);
      v.string(input.Description, 'description', { max: 512 });
      v.enumeration(input.AuthorizationType, 'authorizationType', AUTHORIZATION_TYPES);
      checkAuthParameters(v, input.AuthParameters, false);
      v.throwIfAny();
      const c = requireConnection(stateOf(rt, ctx), input.Name);
      const type: AuthorizationType = input.AuthorizationType ?? c.authorizationType;
      const auth = input.AuthParameters || type !== c.authorizationType ? mergeAuth(c.auth, input.AuthParameters ?? {}, type !== c.authorizationType) : c.auth;
      requireSection(type, auth);
      if (input.Description !== undefined) c.description = input.Description;
      c.authorizationType = type;
      c.auth = auth;
      c.version++;
      c.state = initialState(type);
      c.stateReason = undefined;
      c.lastModifiedTime = new Date();
      if (c.state === 'AUTHORIZED') c.lastAuthorizedTime = c.lastModifiedTime;
      return { ...summary(c), LastAuthorizedTime: epochSeconds(c.lastAuthorizedTime) };
    },

    DeleteConnection(input: any, ctx: RequestContext) {
      const v = new Violations();
      checkName(v, input.Name);
      v.throwIfAny();
      const state = stateOf(rt, ctx);
      const c = requireConnection(state, input.Name);
      state.connections.delete(c.name);
      c.state = 'DELETING';
      c.lastModifiedTime = new Date();
      return { ...summary(c), LastAuthorizedTime: epochSeconds(c.lastAuthorizedTime) };
    },
  };
}
