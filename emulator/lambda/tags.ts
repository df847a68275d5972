import { randomUUID } from 'node:crypto';
import { list, map, required, string, type InputOf } from '../protocol/validation';
import { invalidParameter, lambdaError } from './errors';
import type { LambdaFunction } from './model';
import type { LambdaState } from './state';

const TAGGABLE_PATTERN = String.raw`arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:\d{12}:(function:[a-zA-Z0-9-_]+(:(\$LATEST|[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(capacity-provider|network-connector):[a-zA-Z0-9-_]{1,64})`;
const FUNCTION_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9-_]+)(?::(.+))?$/;

const RESOURCE = required(string({ pattern: TAGGABLE_PATTERN }));
export const TagResourceInput = { Resource: RESOURCE, Tags: required(map()) };
export const UntagResourceInput = { Resource: RESOURCE, TagKeys: required(list(string())) };
export const ListTagsInput = { Resource: RESOURCE };

/** TagResource: tags on a function (the only taggable resource the emulator has), named by its ARN. */
export function tagResource(state: LambdaState, input: InputOf<typeof TagResourceInput>): void {
  const fn = taggedFunction(state, input.Resource);
  if (!input.Tags || Object.keys(input.Tags).length === 0) throw invalidParameter('An error occurred and the request cannot be processed.');
  Object.assign(fn.tags, input.Tags);
  fn.revisionId = randomUUID();
}

/** UntagResource: `?tagKeys=a&tagKeys=b`. */
export function untagResource(state: LambdaState, input: InputOf<typeof UntagResourceInput>): void {
  const fn = taggedFunction(state, input.Resource);
  for (const key of input.TagKeys) delete fn.tags[key];
  fn.revisionId = randomUUID();
}

export function listTags(state: LambdaState, input: InputOf<typeof ListTagsInput>): Record<string, unknown> {
  return { Tags: { ...taggedFunction(state, input.Resource).tags } };
}

function taggedFunction(state: LambdaState, resource: string): LambdaFunction {
  // The shape has checked AWS's pattern; of its taggable resources the emulator has functions only.
  const m = FUNCTION_ARN.exec(resource);
  if (!m) throw lambdaError('ResourceNotFoundException', 'The resource you requested does not exist.');
  const [, region, accountId, name, qualifier] = m as unknown as [string, string, string, string, string | undefined];
  if (qualifier) throw invalidParameter('Tags on function aliases and versions are not supported. Please specify a function ARN.');
  return state.functions.get({ accountId, region, name });
}
