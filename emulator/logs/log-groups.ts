import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { LogGroup, stateOf, type LogsState, type LogsStore } from './store';
import { encodeToken, pageAfter, sortByKey } from '../core/paging';
import { boolean, enumOf, integer, list, map, required, string, type InputOf } from '../protocol/validation';
import { DESCRIBE_LIMIT, LOG_GROUP_IDENTIFIER, LOG_GROUP_NAME, NEXT_TOKEN, decodeToken, invalidParameter } from './shapes';

/** The retention periods PutRetentionPolicy accepts (the `Days` values AWS documents). */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const LOG_GROUP_CLASSES = ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'] as const;

/** Creates a group with AWS's defaults; shared by CreateLogGroup and the in-process callers. */
export function addGroup(state: LogsState, name: string, options: { kmsKeyId?: string; logGroupClass?: string; deletionProtectionEnabled?: boolean; tags?: Record<string, string> } = {}): LogGroup {
  const group = new LogGroup(name, state.arnPrefix, Date.now(), options.kmsKeyId, options.logGroupClass ?? 'STANDARD', options.deletionProtectionEnabled ?? false);
  for (const [k, v] of Object.entries(options.tags ?? {})) group.tags.set(k, v);
  state.groups.set(name, group);
  return group;
}

/**
 * Resolves `logGroupName` or `logGroupIdentifier` (name or ARN) as DescribeLogStreams,
 * GetLogEvents and FilterLogEvents take them: exactly one of the two.
 */
export function resolveGroup(state: LogsState, input: { logGroupName?: string; logGroupIdentifier?: string }): LogGroup {
  if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined) {
    throw new AwsError('ValidationException', 'LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  if (input.logGroupName !== undefined) return state.group(input.logGroupName);
  if (input.logGroupIdentifier !== undefined) return state.groupByIdentifier(input.logGroupIdentifier);
  throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
}

function describe(group: LogGroup, namesOnly: boolean): Record<string, unknown> {
  // With logGroupNamePattern AWS answers only arn, creationTime and logGroupName (plus the class
  // and the ARN without `:*`, as its recorded answers show).
  if (namesOnly) {
    return { logGroupName: group.name, creationTime: group.creationTime, metricFilterCount: 0, arn: group.arn, logGroupClass: group.logGroupClass, logGroupArn: group.logGroupArn };
  }
  return {
    logGroupName: group.name,
    creationTime: group.creationTime,
    ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
    metricFilterCount: 0,
    arn: group.arn,
    storedBytes: group.storedBytes,
    ...(group.kmsKeyId !== undefined ? { kmsKeyId: group.kmsKeyId } : {}),
    logGroupClass: group.logGroupClass,
    logGroupArn: group.logGroupArn,
    deletionProtectionEnabled: group.deletionProtectionEnabled,
  };
}

const isAfterToken = (v: any): v is { g: string } => typeof v === 'object' && v !== null && typeof v.g === 'string';

export const CreateLogGroupInput = {
  logGroupName: required(LOG_GROUP_NAME),
  kmsKeyId: string({ max: 256 }),
  tags: map({ min: 1, max: 50 }),
  logGroupClass: enumOf(LOG_GROUP_CLASSES),
  deletionProtectionEnabled: boolean(),
};
export function createLogGroup(store: LogsStore, input: InputOf<typeof CreateLogGroupInput>, ctx: RequestContext) {
  const name = input.logGroupName;
  if (name.toLowerCase().startsWith('aws/')) throw invalidParameter('Log groups starting with AWS/ are reserved for AWS.');
  const state = stateOf(store, ctx);
  if (state.groups.has(name)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
  addGroup(state, name, input);
  return {};
}

/** DeleteLogGroup, DeleteRetentionPolicy and ListTagsLogGroup name a group. */
export const LogGroupNameInput = { logGroupName: required(LOG_GROUP_NAME) };

export function deleteLogGroup(store: LogsStore, input: InputOf<typeof LogGroupNameInput>, ctx: RequestContext) {
  const state = stateOf(store, ctx);
  const group = state.group(input.logGroupName);
  if (group.deletionProtectionEnabled) {
    throw new AwsError('ValidationException', `Log group ${group.name} has deletion protection enabled and cannot be deleted.`);
  }
  state.groups.delete(group.name);
  return {};
}

export const DescribeLogGroupsInput = {
  logGroupNamePrefix: LOG_GROUP_NAME,
  logGroupNamePattern: string({ min: 0, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]*' }),
  nextToken: NEXT_TOKEN,
  limit: DESCRIBE_LIMIT,
  logGroupClass: enumOf(LOG_GROUP_CLASSES),
  logGroupIdentifiers: list(LOG_GROUP_IDENTIFIER, { min: 1, max: 50 }),
  includeLinkedAccounts: boolean(),
};
export function describeLogGroups(store: LogsStore, input: InputOf<typeof DescribeLogGroupsInput>, ctx: RequestContext) {
  const prefix = input.logGroupNamePrefix;
  const pattern = input.logGroupNamePattern;
  if (prefix !== undefined && pattern !== undefined) {
    throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  const state = stateOf(store, ctx);
  const identifiers = input.logGroupIdentifiers;
  const wanted = identifiers && new Set(identifiers.map((id) => id.replace(/^arn:.*?:log-group:/, '').replace(/:\*$/, '')));
  const after = input.nextToken !== undefined ? decodeToken(input.nextToken, isAfterToken).g : undefined;

  // AWS answers in ASCII order of the name; the token is the last name returned.
  const groups = sortByKey(state.groups.values(), (g) => g.name).filter(
    (g) =>
      (prefix === undefined || g.name.startsWith(prefix)) &&
      (pattern === undefined || g.name.includes(pattern)) &&
      (!wanted || wanted.has(g.name)) &&
      (input.logGroupClass === undefined || g.logGroupClass === input.logGroupClass),
  );
  const { page, last } = pageAfter(groups, (g) => g.name, after, input.limit ?? 50)!;
  return {
    logGroups: page.map((g) => describe(g, pattern !== undefined)),
    ...(last !== undefined ? { nextToken: encodeToken({ g: last }) } : {}),
  };
}

export const ListLogGroupsInput = {
  logGroupNamePattern: string({ min: 3, max: 129, pattern: '(\\^?[\\.\\-_\\/#A-Za-z0-9]{3,24})(\\|\\^?[\\.\\-_\\/#A-Za-z0-9]{3,24}){0,4}' }),
  logGroupClass: enumOf(LOG_GROUP_CLASSES),
  includeLinkedAccounts: boolean(),
  accountIdentifiers: list(string(), { min: 0, max: 20 }),
  nextToken: NEXT_TOKEN,
  limit: integer({ min: 1, max: 1000 }),
};

/**
 * The newer ListLogGroups: a summary per group (name, ARN without `:*`, class) in name order.
 * `logGroupNamePattern` holds up to five terms separated by `|`, each a case-sensitive substring,
 * or a prefix when it starts with `^`. The emulator has no linked source accounts, so
 * `includeLinkedAccounts` and `accountIdentifiers` list the caller's own groups.
 */
export function listLogGroups(store: LogsStore, input: InputOf<typeof ListLogGroupsInput>, ctx: RequestContext) {
  const terms = input.logGroupNamePattern?.split('|');
  const matches = (name: string) => !terms || terms.some((t) => (t.startsWith('^') ? name.startsWith(t.slice(1)) : name.includes(t)));
  const after = input.nextToken !== undefined ? decodeToken(input.nextToken, isAfterToken).g : undefined;
  const groups = sortByKey(stateOf(store, ctx).groups.values(), (g) => g.name).filter(
    (g) => matches(g.name) && (input.logGroupClass === undefined || g.logGroupClass === input.logGroupClass),
  );
  const { page, last } = pageAfter(groups, (g) => g.name, after, input.limit ?? 50)!;
  return {
    logGroups: page.map((g) => ({ logGroupName: g.name, logGroupArn: g.logGroupArn, logGroupClass: g.logGroupClass })),
    ...(last !== undefined ? { nextToken: encodeToken({ g: last }) } : {}),
  };
}

export const PutRetentionPolicyInput = { logGroupName: required(LOG_GROUP_NAME), retentionInDays: required(integer({ values: RETENTION_DAYS })) };
export function putRetentionPolicy(store: LogsStore, input: InputOf<typeof PutRetentionPolicyInput>, ctx: RequestContext) {
  stateOf(store, ctx).group(input.logGroupName).retentionInDays = input.retentionInDays;
  return {};
}

export function deleteRetentionPolicy(store: LogsStore, input: InputOf<typeof LogGroupNameInput>, ctx: RequestContext) {
  stateOf(store, ctx).group(input.logGroupName).retentionInDays = undefined;
  return {};
}
