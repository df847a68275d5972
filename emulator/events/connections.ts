import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestContext } from '../core/request-context';
import { enumOf, required, string, structure, type InputOf } from '../protocol/validation';
import { connectionArn, connectionSecretArn } from './arns';
import { byName, paginate } from './pagination';
import { stateOf, type EventsRuntime } from './runtime';
import { DESCRIPTION, LIMIT, NAME, NEXT_TOKEN, alreadyExists, notFound, validation } from './shapes';
import { epochSeconds, type AuthorizationType, type Connection, type ConnectionAuth, type ConnectionHttpParameters, type ConnectionState, type EventsState } from './store';

export const AUTHORIZATION_TYPES = ['BASIC', 'OAUTH_CLIENT_CREDENTIALS', 'API_KEY'] as const satisfies readonly AuthorizationType[];
const CONNECTION_STATES = ['CREATING', 'UPDATING', 'DELETING', 'AUTHORIZED', 'DEAUTHORIZED', 'AUTHORIZING', 'DEAUTHORIZING', 'ACTIVE', 'FAILED_CONNECTIVITY'] as const;
/**
 * AWS accepts the OAuth token request's method in any case (`put`), unlike the model's other
 * enums, and keeps it as sent; the token request itself is made with the upper-case method.
 */
const OAUTH_METHOD = enumOf(['GET', 'POST', 'PUT'], { ignoreCase: true });
const SECRET = string({ min: 1, max: 512, pattern: '^[ \\t]*[^\\x00-\\x1F:\\x7F]+([ \\t]+[^\\x00-\\x1F:\\x7F]+)*[ \\t]*$' });
/** An HTTPS endpoint as the model's pattern has it (connections' OAuth endpoint, API destinations). */
export const HTTPS_ENDPOINT = string({ min: 1, max: 2048, pattern: "^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@\\x26=+$,A-Za-z0-9])+)([).!';/?:,])?$" });

// CreateConnection requires the credentials of each section it is given; UpdateConnection changes
// only what it names.
const CREATE_AUTH = structure({
  BasicAuthParameters: structure({ Username: required(SECRET), Password: required(SECRET) }),
  ApiKeyAuthParameters: structure({ ApiKeyName: required(SECRET), ApiKeyValue: required(SECRET) }),
  OAuthParameters: structure({
    ClientParameters: required(structure({ ClientID: required(SECRET), ClientSecret: required(SECRET) })),
    AuthorizationEndpoint: required(HTTPS_ENDPOINT),
    HttpMethod: required(OAUTH_METHOD),
  }),
});
const UPDATE_AUTH = structure({
  BasicAuthParameters: structure({ Username: SECRET, Password: SECRET }),
  ApiKeyAuthParameters: structure({ ApiKeyName: SECRET, ApiKeyValue: SECRET }),
  OAuthParameters: structure({
    ClientParameters: structure({ ClientID: SECRET, ClientSecret: SECRET }),
    AuthorizationEndpoint: HTTPS_ENDPOINT,
    HttpMethod: OAUTH_METHOD,
  }),
});

export function requireConnection(state: EventsState, name: string): Connection {
  const connection = state.connections.get(name);
  if (!connection) throw notFound(`Failed to describe the connection(s). Connection '${name}' does not exist.`);
  return connection;
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

export const CreateConnectionInput = {
  Name: required(NAME),
  Description: DESCRIPTION,
  AuthorizationType: required(enumOf(AUTHORIZATION_TYPES)),
  AuthParameters: required(CREATE_AUTH),
};
export function createConnection(rt: EventsRuntime, input: InputOf<typeof CreateConnectionInput>, ctx: RequestContext) {
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
}

/** DescribeConnection and DeleteConnection name a connection. */
export const ConnectionNameInput = { Name: required(NAME) };

export function describeConnection(rt: EventsRuntime, input: InputOf<typeof ConnectionNameInput>, ctx: RequestContext) {
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
}

export const ListConnectionsInput = { NamePrefix: NAME, ConnectionState: enumOf(CONNECTION_STATES), NextToken: NEXT_TOKEN, Limit: LIMIT };
export function listConnections(rt: EventsRuntime, input: InputOf<typeof ListConnectionsInput>, ctx: RequestContext) {
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
}

export const UpdateConnectionInput = { Name: required(NAME), Description: DESCRIPTION, AuthorizationType: enumOf(AUTHORIZATION_TYPES), AuthParameters: UPDATE_AUTH };
export function updateConnection(rt: EventsRuntime, input: InputOf<typeof UpdateConnectionInput>, ctx: RequestContext) {
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
}

export function deleteConnection(rt: EventsRuntime, input: InputOf<typeof ConnectionNameInput>, ctx: RequestContext) {
  const state = stateOf(rt, ctx);
  const c = requireConnection(state, input.Name);
  state.connections.delete(c.name);
  c.state = 'DELETING';
  c.lastModifiedTime = new Date();
  return { ...summary(c), LastAuthorizedTime: epochSeconds(c.lastAuthorizedTime) };
}
