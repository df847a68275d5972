import type { RequestContext } from '../core/request-context';
import { groupNotFound, stateOf, type LogGroup, type LogsStore } from './store';
import { LOG_GROUP_NAME, validate, type Rule } from './validate';

const RESOURCE_ARN: Rule = { type: 'string', required: true, min: 1, max: 1011, pattern: '[\\w+=/:,.@-]*' };
const TAGS: Rule = { type: 'map', required: true, min: 1, max: 50 };

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

export function tagOperations(store: LogsStore) {
  return {
    TagResource(input: any, ctx: RequestContext) {
      validate(input, { resourceArn: RESOURCE_ARN, tags: TAGS });
      setTags(groupByArn(store, ctx, input.resourceArn), input.tags);
      return {};
    },
    UntagResource(input: any, ctx: RequestContext) {
      validate(input, { resourceArn: RESOURCE_ARN, tagKeys: { type: 'list', required: true, min: 0, max: 50 } });
      const group = groupByArn(store, ctx, input.resourceArn);
      for (const k of input.tagKeys as string[]) group.tags.delete(k);
      return {};
    },
    ListTagsForResource(input: any, ctx: RequestContext) {
      validate(input, { resourceArn: RESOURCE_ARN });
      return { tags: Object.fromEntries(groupByArn(store, ctx, input.resourceArn).tags) };
    },
    // The older, name-based tagging operations, still used by some tools.
    TagLogGroup(input: any, ctx: RequestContext) {
      validate(input, { logGroupName: { ...LOG_GROUP_NAME, required: true }, tags: TAGS });
      setTags(stateOf(store, ctx).group(input.logGroupName), input.tags);
      return {};
    },
    UntagLogGroup(input: any, ctx: RequestContext) {
      validate(input, { logGroupName: { ...LOG_GROUP_NAME, required: true }, tags: { type: 'list', required: true, min: 1 } });
      const group = stateOf(store, ctx).group(input.logGroupName);
      for (const k of input.tags as string[]) group.tags.delete(k);
      return {};
    },
    ListTagsLogGroup(input: any, ctx: RequestContext) {
      validate(input, { logGroupName: { ...LOG_GROUP_NAME, required: true } });
      return { tags: Object.fromEntries(stateOf(store, ctx).group(input.logGroupName).tags) };
    },
  };
}
