import type { RequestContext } from '../core/request-context';
import { list, required, string, type InputOf } from '../protocol/validation';
import { DEFAULT_BUS, parseArn } from './arns';
import { stateOf, type EventsRuntime } from './runtime';
import { TAGS, notFound, validation } from './shapes';
import type { EventsState } from './store';

interface Tag {
  Key: string;
  Value: string;
}

export function applyTags(state: EventsState, arn: string, tags: Tag[] | undefined): void {
  if (!tags?.length) return;
  const keys = new Set(tags.map((t) => t.Key));
  if (keys.size < tags.length) throw validation('Invalid parameter: Duplicated keys are not allowed.');
  let map = state.tags.get(arn);
  if (!map) state.tags.set(arn, (map = new Map()));
  for (const tag of tags) map.set(tag.Key, tag.Value);
}

/** Tags belong to buses and rules; the resource must exist. */
function requireTaggable(state: EventsState, arn: string): void {
  const parsed = parseArn(arn);
  const [type, ...rest] = (parsed?.resource ?? '').split('/');
  if (type === 'event-bus') {
    const name = rest.join('/');
    if (!state.buses.has(name)) throw notFound(`Event bus ${name} does not exist.`);
    return;
  }
  if (type === 'rule') {
    const [busName, ruleName] = rest.length === 1 ? [DEFAULT_BUS, rest[0]!] : [rest[0]!, rest[1]!];
    const bus = state.buses.get(busName);
    if (!bus) throw notFound(`Event bus ${busName} does not exist.`);
    if (!bus.rules.has(ruleName)) throw notFound(`Rule ${ruleName} does not exist on EventBus ${busName}.`);
    return;
  }
  throw validation(`Parameter ${arn} is not valid. Reason: Provided Arn is not in correct format.`);
}

const RESOURCE_ARN = required(string({ min: 1, max: 1600 }));

export const TagResourceInput = { ResourceARN: RESOURCE_ARN, Tags: required(TAGS) };
export function tagResource(rt: EventsRuntime, input: InputOf<typeof TagResourceInput>, ctx: RequestContext) {
  const state = stateOf(rt, ctx);
  requireTaggable(state, input.ResourceARN);
  applyTags(state, input.ResourceARN, input.Tags);
  return {};
}

export const UntagResourceInput = { ResourceARN: RESOURCE_ARN, TagKeys: required(list(undefined)) };
export function untagResource(rt: EventsRuntime, input: InputOf<typeof UntagResourceInput>, ctx: RequestContext) {
  const state = stateOf(rt, ctx);
  requireTaggable(state, input.ResourceARN);
  const map = state.tags.get(input.ResourceARN);
  for (const key of input.TagKeys as string[]) map?.delete(key);
  return {};
}

export const ListTagsForResourceInput = { ResourceARN: RESOURCE_ARN };
export function listTagsForResource(rt: EventsRuntime, input: InputOf<typeof ListTagsForResourceInput>, ctx: RequestContext) {
  const state = stateOf(rt, ctx);
  requireTaggable(state, input.ResourceARN);
  const map = state.tags.get(input.ResourceARN) ?? new Map<string, string>();
  return { Tags: [...map].map(([Key, Value]) => ({ Key, Value })) };
}
