import { AwsError, validationError, nullViolation } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { tagsOf } from './create-state-machine';
import { requireString } from './request';
import type { StateMachineRecord, StepFunctionsBackend } from './store';

function taggedStateMachine(backend: StepFunctionsBackend, input: Record<string, unknown>, ctx: RequestContext): StateMachineRecord {
  const arn = requireString(input, 'resourceArn');
  const machine = backend.regions.get(ctx.accountId, ctx.region).stateMachines.get(arn);
  if (!machine) throw new AwsError('ResourceNotFound', `Resource not found: '${arn}'`);
  return machine;
}

export function tagResource(backend: StepFunctionsBackend, input: Record<string, unknown>, ctx: RequestContext) {
  const machine = taggedStateMachine(backend, input, ctx);
  if (!Array.isArray(input.tags)) throw validationError([nullViolation('tags')]);
  for (const [key, value] of tagsOf(input.tags)) machine.tags.set(key, value);
  return {};
}

export function untagResource(backend: StepFunctionsBackend, input: Record<string, unknown>, ctx: RequestContext) {
  const machine = taggedStateMachine(backend, input, ctx);
  if (!Array.isArray(input.tagKeys)) throw validationError([nullViolation('tagKeys')]);
  for (const key of input.tagKeys) machine.tags.delete(String(key));
  return {};
}

export function listTagsForResource(backend: StepFunctionsBackend, input: Record<string, unknown>, ctx: RequestContext) {
  const machine = taggedStateMachine(backend, input, ctx);
  return { tags: [...machine.tags].map(([key, value]) => ({ key, value })) };
}
