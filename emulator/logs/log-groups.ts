import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { LogGroup, stateOf, type LogsState, type LogsStore } from './store';
import { DESCRIBE_LIMIT, LOG_GROUP_IDENTIFIER, LOG_GROUP_NAME, NEXT_TOKEN, decodeToken, encodeToken, invalidParameter, validate } from './validate';

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

const isOffsetToken = (v: any): v is { g: string } => typeof v === 'object' && v !== null && typeof v.g === 'string';

export function logGroupOperations(store: LogsStore) {
  return {
    CreateLogGroup(input: any, ctx: RequestContext) {
      // A name over 512 characters gets its own message on AWS, ahead of the model's checks.
      if (typeof input.logGroupName === 'string' && input.logGroupName.length > 512) {
        throw invalidParameter('Invalid LogGroup or LogStream, both must have length less than or equal to 512.');
      }
      validate(input, {
        logGroupName: { ...LOG_GROUP_NAME, required: true },
        kmsKeyId: { type: 'string', max: 256 },
        tags: { type: 'map', min: 1, max: 50 },
        logGroupClass: { type: 'enum', values: LOG_GROUP_CLASSES },
        deletionProtectionEnabled: { type: 'boolean' },
      });
      const name: string = input.logGroupName;
      if (name.toLowerCase().startsWith('aws/')) throw invalidParameter('Log groups starting with AWS/ are reserved for AWS.');
      const state = stateOf(store, ctx);
      if (state.groups.has(name)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
      addGroup(state, name, input);
      return {};
    },

    DeleteLogGroup(input: any, ctx: RequestContext) {
      validate(input, { logGroupName: { ...LOG_GROUP_NAME, required: true } });
      const state = stateOf(store, ctx);
      const group = state.group(input.logGroupName);
      if (group.deletionProtectionEnabled) {
        throw new AwsError('ValidationException', `Log group ${group.name} has deletion protection enabled and cannot be deleted.`);
      }
      state.groups.delete(group.name);
      return {};
    },

    DescribeLogGroups(input: any, ctx: RequestContext) {
      validate(input, {
        logGroupNamePrefix: LOG_GROUP_NAME,
        logGroupNamePattern: { type: 'string', min: 0, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]*' },
        nextToken: NEXT_TOKEN,
        limit: DESCRIBE_LIMIT,
        logGroupClass: { type: 'enum', values: LOG_GROUP_CLASSES },
        logGroupIdentifiers: { type: 'list', min: 1, max: 50, item: LOG_GROUP_IDENTIFIER },
        includeLinkedAccounts: { type: 'boolean' },
      });
      const prefix: string | undefined = input.logGroupNamePrefix;
      const pattern: string | undefined = input.logGroupNamePattern;
      if (prefix !== undefined && pattern !== undefined) {
        throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
      }
      const state = stateOf(store, ctx);
      const identifiers: string[] | undefined = input.logGroupIdentifiers;
      const wanted = identifiers && new Set(identifiers.map((id) => id.replace(/^arn:.*?:log-group:/, '').replace(/:\*$/, '')));
      const after = input.nextToken !== undefined ? decodeToken(input.nextToken, isOffsetToken).g : undefined;
      const limit: number = input.limit ?? 50;

      // AWS answers in ASCII order of the name; the token is the last name returned.
      const names = [...state.groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const page: LogGroup[] = [];
      let more = false;
      for (const name of names) {
        if (after !== undefined && name <= after) continue;
        if (prefix !== undefined && !name.startsWith(prefix)) continue;
        if (pattern !== undefined && !name.includes(pattern)) continue;
        if (wanted && !wanted.has(name)) continue;
        const group = state.groups.get(name)!;
        if (input.logGroupClass !== undefined && group.logGroupClass !== input.logGroupClass) continue;
        if (page.length === limit) {
          more = true;
          break;
        }
        page.push(group);
      }
      return {
        logGroups: page.map((g) => describe(g, pattern !== undefined)),
        ...(more ? { nextToken: encodeToken({ g: page[page.length - 1]!.name }) } : {}),
      };
    },

    PutRetentionPolicy(input: any, ctx: RequestContext) {
      validate(input, {
        logGroupName: { ...LOG_GROUP_NAME, required: true },
        retentionInDays: { type: 'number', required: true, values: RETENTION_DAYS },
      });
      stateOf(store, ctx).group(input.logGroupName).retentionInDays = input.retentionInDays;
      return {};
    },

    DeleteRetentionPolicy(input: any, ctx: RequestContext) {
      validate(input, { logGroupName: { ...LOG_GROUP_NAME, required: true } });
      stateOf(store, ctx).group(input.logGroupName).retentionInDays = undefined;
      return {};
    },
  };
}
