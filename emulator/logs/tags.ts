import type { RequestContext } from '../core/request-context';
import { groupNotFound, stateOf, type LogGroup, type LogsStore } from './store';
import { list, map, required, string, type InputOf } from '../protocol/validation';
import { LOG_GROUP_NAME } from './shapes';

const RESOURCE_ARN = required(string({ min: 1, max: 1011, pattern: '[\\w+=/:,.@-]*' }));
const TAGS = required(map({ min: 1, max: 50 }));

/** Tagging takes the log group ARN without the trailing `:*`, as AWS documents. */
function groupByArn(store: LogsStore, ctx: RequestContext, arn: string): LogGroup {
  const state = stateOf(store, ctx);
  const name = arn.startsWith(`${state.arnPrefix}:log-group:`) ? arn.slice(`${state.arnPrefix}:log-group:`.length) : undefined;
  const group = name !== undefined ? state.groups.get(name) : undefined;
  if (!group) throw groupNotFound();
  return group;
}

function setTags(group: LogGroup, tags: Record<string, string>): void {
  for (const [k, v] of Object.entries(tags)) group.tags.set(k, v);
}

export const TagResourceInput = { resourceArn: RESOURCE_ARN, tags: TAGS };
export function tagResource(store: LogsStore, input: InputOf<typeof TagResourceInput>, ctx: RequestContext) {
  setTags(groupByArn(store, ctx, input.resourceArn), input.tags);
  return {};
}

export const UntagResourceInput = { resourceArn: RESOURCE_ARN, tagKeys: required(list(undefined, { min: 0, max: 50 })) };
export function untagResource(store: LogsStore, input: InputOf<typeof UntagResourceInput>, ctx: RequestContext) {
  const group = groupByArn(store, ctx, input.resourceArn);
  for (const k of input.tagKeys as string[]) group.tags.delete(k);
  return {};
}

export const ListTagsForResourceInput = { resourceArn: RESOURCE_ARN };
export function listTagsForResource(store: LogsStore, input: InputOf<typeof ListTagsForResourceInput>, ctx: RequestContext) {
  return { tags: Object.fromEntries(groupByArn(store, ctx, input.resourceArn).tags) };
}

// The older, name-based tagging operations, still used by some tools.
export const TagLogGroupInput = { logGroupName: required(LOG_GROUP_NAME), tags: TAGS };
export function tagLogGroup(store: LogsStore, input: InputOf<typeof TagLogGroupInput>, ctx: RequestContext) {
  setTags(stateOf(store, ctx).group(input.logGroupName), input.tags);
  return {};
}

export const UntagLogGroupInput = { logGroupName: required(LOG_GROUP_NAME), tags: required(list(undefined, { min: 1 })) };
export function untagLogGroup(store: LogsStore, input: InputOf<typeof UntagLogGroupInput>, ctx: RequestContext) {
  const group = stateOf(store, ctx).group(input.logGroupName);
  for (const k of input.tags as string[]) group.tags.delete(k);
  return {};
}

export const ListTagsLogGroupInput = { logGroupName: required(LOG_GROUP_NAME) };
export function listTagsLogGroup(store: LogsStore, input: InputOf<typeof ListTagsLogGroupInput>, ctx: RequestContext) {
  return { tags: Object.fromEntries(stateOf(store, ctx).group(input.logGroupName).tags) };
}
