import { randomUUID } from 'node:crypto';
import { invalidParameter, validationException } from './errors';
import type { LambdaFunction } from './model';
import type { LambdaState } from './state';

const TAGGABLE_PATTERN = String.raw`arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:\d{12}:(function:[a-zA-Z0-9-_]+(:(\$LATEST|[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(capacity-provider|network-connector):[a-zA-Z0-9-_]{1,64})`;
const FUNCTION_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9-_]+)(?::(.+))?$/;

/** TagResource: tags on a function (the only taggable resource the emulator has), named by its ARN. */
export function tagResource(state: LambdaState, resource: string, input: { Tags?: Record<string, string> }): void {
  const fn = taggedFunction(state, resource);
  if (!input.Tags || Object.keys(input.Tags).length === 0) throw invalidParameter('An error occurred and the request cannot be processed.');
  Object.assign(fn.tags, input.Tags);
  fn.revisionId = randomUUID();
}

/** UntagResource: `?tagKeys=a&tagKeys=b`. */
export function untagResource(state: LambdaState, resource: string, query: URLSearchParams): void {
  const fn = taggedFunction(state, resource);
  const keys = query.getAll('tagKeys');
  if (keys.length === 0) throw validationException([`Value null at 'tagKeys' failed to satisfy constraint: Member must not be null`]);
  for (const key of keys) delete fn.tags[key];
  fn.revisionId = randomUUID();
}

export function listTags(state: LambdaState, resource: string): Record<string, unknown> {
  return { Tags: { ...taggedFunction(state, resource).tags } };
}

function taggedFunction(state: LambdaState, resource: string): LambdaFunction {
  const m = FUNCTION_ARN.exec(resource);
  if (!m || !new RegExp(`^${TAGGABLE_PATTERN}$`).test(resource)) {
    throw validationException([`Value '${resource}' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: ${TAGGABLE_PATTERN}`]);
  }
  const [, region, accountId, name, qualifier] = m as unknown as [string, string, string, string, string | undefined];
  if (qualifier) throw invalidParameter('Tags on function aliases and versions are not supported. Please specify a function ARN.');
  return state.functions.get({ accountId, region, name });
}
