import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { list, required, string, type InputOf } from '../protocol/validation';
import { tagsOf } from './create-state-machine';
import { TAGS } from './shapes';
import type { StateMachineRecord, StepFunctionsBackend } from './store';

export const TagResourceInput = { resourceArn: required(string()), tags: required(TAGS) };
export const UntagResourceInput = { resourceArn: required(string()), tagKeys: required(list(string())) };
export const ListTagsForResourceInput = { resourceArn: required(string()) };

function taggedStateMachine(backend: StepFunctionsBackend, arn: string, ctx: RequestContext): StateMachineRecord {
  const machine = backend.regions.get(ctx.accountId, ctx.region).stateMachines.get(arn);
  if (!machine) throw new AwsError('ResourceNotFound', `Resource not found: '${arn}'`);
  return machine;
}

export function tagResource(backend: StepFunctionsBackend, input: InputOf<typeof TagResourceInput>, ctx: RequestContext) {
  const machine = taggedStateMachine(backend, input.resourceArn, ctx);
  for (const [key, value] of tagsOf(input.tags)) machine.tags.set(key, value);
  return {};
}

export function untagResource(backend: StepFunctionsBackend, input: InputOf<typeof UntagResourceInput>, ctx: RequestContext) {
  const machine = taggedStateMachine(backend, input.resourceArn, ctx);
  for (const key of input.tagKeys) machine.tags.delete(key);
  return {};
}

export function listTagsForResource(backend: StepFunctionsBackend, input: InputOf<typeof ListTagsForResourceInput>, ctx: RequestContext) {
  const machine = taggedStateMachine(backend, input.resourceArn, ctx);
  return { tags: [...machine.tags].map(([key, value]) => ({ key, value })) };
}
