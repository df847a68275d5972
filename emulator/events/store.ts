import { RegionalStore } from '../core/regional-store';
import { DEFAULT_BUS, eventBusArn } from './arns';
import { PatternIndex, type CompiledPattern } from './pattern';

/** A target as PutTargets received it; stored whole so ListTargetsByRule answers it back. */
export interface Target {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
  HttpParameters?: {
    PathParameterValues?: string[];
    HeaderParameters?: Record<string, string>;
    QueryStringParameters?: Record<string, string>;
  };
  [member: string]: unknown;
}

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

export interface Rule {
  name: string;
  arn: string;
  busName: string;
  eventPattern?: string;
  /** Compiled once at PutRule; matching never re-parses the pattern. */
  compiled?: CompiledPattern;
  scheduleExpression?: string;
  state: RuleState;
  description?: string;
  roleArn?: string;
  createdBy: string;
  /** Insertion order is the order ListTargetsByRule answers in. */
  targets: Map<string, Target>;
}

export interface EventBus {
  name: string;
  arn: string;
  description?: string;
  creationTime: Date;
  lastModifiedTime: Date;
  rules: Map<string, Rule>;
  /** The enabled rules with a pattern, keyed by rule name. */
  index: PatternIndex<string>;
}

export type AuthorizationType = 'BASIC' | 'OAUTH_CLIENT_CREDENTIALS' | 'API_KEY';
export type ConnectionState = 'CREATING' | 'UPDATING' | 'DELETING' | 'AUTHORIZED' | 'DEAUTHORIZED' | 'AUTHORIZING' | 'DEAUTHORIZING';

/** One key/value of a connection's HTTP parameters; secret values are never described back. */
export interface HttpParameter {
  Key?: string;
  Value?: string;
  IsValueSecret?: boolean;
}

export interface ConnectionHttpParameters {
  HeaderParameters?: HttpParameter[];
  QueryStringParameters?: HttpParameter[];
  BodyParameters?: HttpParameter[];
}

export interface ConnectionAuth {
  BasicAuthParameters?: { Username: string; Password: string };
  ApiKeyAuthParameters?: { ApiKeyName: string; ApiKeyValue: string };
  OAuthParameters?: {
    ClientParameters: { ClientID: string; ClientSecret: string };
    AuthorizationEndpoint: string;
    /** GET, POST or PUT in any case, as sent (AWS accepts `put`). */
    HttpMethod: string;
    OAuthHttpParameters?: ConnectionHttpParameters;
  };
  InvocationHttpParameters?: ConnectionHttpParameters;
}

export interface Connection {
  name: string;
  arn: string;
  secretArn: string;
  description?: string;
  authorizationType: AuthorizationType;
  auth: ConnectionAuth;
  state: ConnectionState;
  stateReason?: string;
  creationTime: Date;
  lastModifiedTime: Date;
  lastAuthorizedTime: Date;
  /** Bumped on every change so a cached OAuth token of an older version is not reused. */
  version: number;
}

export type HttpMethod = 'POST' | 'GET' | 'HEAD' | 'OPTIONS' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiDestination {
  name: string;
  arn: string;
  description?: string;
  connectionArn: string;
  invocationEndpoint: string;
  httpMethod: HttpMethod;
  invocationRateLimitPerSecond: number;
  creationTime: Date;
  lastModifiedTime: Date;
}

export interface EventsState {
  accountId: string;
  region: string;
  buses: Map<string, EventBus>;
  connections: Map<string, Connection>;
  apiDestinations: Map<string, ApiDestination>;
  tags: Map<string, Map<string, string>>;
}

export function newBus(accountId: string, region: string, name: string, description?: string): EventBus {
  const now = new Date();
  return { name, arn: eventBusArn(region, accountId, name), description, creationTime: now, lastModifiedTime: now, rules: new Map(), index: new PatternIndex<string>() };
}

/** Every account and region starts with its `default` bus, as on AWS. */
export function createEventsStore(): RegionalStore<EventsState> {
  return new RegionalStore<EventsState>((accountId, region) => ({
    accountId,
    region,
    buses: new Map([[DEFAULT_BUS, newBus(accountId, region, DEFAULT_BUS)]]),
    connections: new Map(),
    apiDestinations: new Map(),
    tags: new Map(),
  }));
}

/** A rule takes part in matching when it is enabled and has a pattern. */
export function indexRule(bus: EventBus, rule: Rule): void {
  bus.index.remove(rule.name);
  if (rule.compiled && rule.state !== 'DISABLED') bus.index.add(rule.name, rule.compiled);
}

export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
