import type { RequestContext } from '../core/request-context';
import { DEFAULT_BUS, parseArn } from './arns';
import { stateOf, type EventsRuntime, type Operations } from './runtime';
import type { EventsState } from './store';
import { Violations, notFound, objectOrUndefined, validation } from './validation';

interface Tag {
  Key: string;
  Value: string;
}

export function checkTags(v: Violations, tags: unknown, path = 'tags'): void {
  if (!v.list(tags, path)) return;
  (tags as unknown[]).forEach((raw, i) => {
    const tag = objectOrUndefined(raw, `${path}.${i + 1}.member`) ?? {};
    v.string(tag.Key, `${path}.${i + 1}.member.key`, { required: true, min: 1, max: 128 });
    v.string(tag.Value, `${path}.${i + 1}.member.value`, { required: true, min: 0, max: 256 });
  });
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

export function tagOperations(rt: EventsRuntime): Operations {
  return {
    TagResource(input: any, ctx: RequestContext) {
      const v = new Violations();
      v.string(input.ResourceARN, 'resourceARN', { required: true, min: 1, max: 1600 });
      if (v.required(input.Tags, 'tags')) checkTags(v, input.Tags);
      v.throwIfAny();
      const state = stateOf(rt, ctx);
      requireTaggable(state, input.ResourceARN);
      applyTags(state, input.ResourceARN, input.Tags);
      return {};
    },

    UntagResource(input: any, ctx: RequestContext) {
      const v = new Violations();
      v.string(input.ResourceARN, 'resourceARN', { required: true, min: 1, max: 1600 });
      v.list(input.TagKeys, 'tagKeys', { required: true });
      v.throwIfAny();
      const state = stateOf(rt, ctx);
      requireTaggable(state, input.ResourceARN);
      const map = state.tags.get(input.ResourceARN);
      for (const key of input.TagKeys as string[]) map?.delete(key);
      return {};
    },

    ListTagsForResource(input: any, ctx: RequestContext) {
      const v = new Violations();
      v.string(input.ResourceARN, 'resourceARN', { required: true, min: 1, max: 1600 });
      v.throwIfAny();
      const state = stateOf(rt, ctx);
      requireTaggable(state, input.ResourceARN);
      const map = state.tags.get(input.ResourceARN) ?? new Map<string, string>();
      return { Tags: [...map].map(([Key, Value]) => ({ Key, Value })) };
    },
  };
}
