import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../core/request-context';
import { boolean, required, string, type InputOf } from '../protocol/validation';
import { lambdaError } from './errors';
import { parseFunctionRef } from './function-name';
import { functionConfiguration } from './function-configuration';
import { lambdaDate, type LambdaFunction } from './model';
import type { LambdaState } from './state';
import { ARCHITECTURES, FUNCTION_NAME, REVISION_ID } from './shapes';

export const UpdateFunctionCodeInput = {
  FunctionName: required(FUNCTION_NAME),
  ZipFile: string(),
  S3Bucket: string(),
  S3Key: string(),
  DryRun: boolean(),
  RevisionId: REVISION_ID,
  Architectures: ARCHITECTURES,
};

/** UpdateFunctionCode: new code for `$LATEST`; environments running the old code retire. */
export function updateFunctionCode(state: LambdaState, input: InputOf<typeof UpdateFunctionCodeInput>, ctx: RequestContext): Record<string, unknown> {
  const fn = state.functions.get(parseFunctionRef(input.FunctionName, ctx, 'read'));
  checkRevision(fn, input.RevisionId);
  const architectures = input.Architectures ?? fn.settings.architectures;
  const code = state.code.fromInput({ ZipFile: input.ZipFile, S3Bucket: input.S3Bucket, S3Key: input.S3Key }, fn.name);
  if (input.DryRun) return functionConfiguration({ ...fn, code }, 'update');
  fn.code = code;
  fn.settings.architectures = architectures;
  touch(fn);
  state.hotReload.follow(fn);
  state.runtime.changed(fn);
  return functionConfiguration(fn, 'update');
}

export function checkRevision(fn: LambdaFunction, revisionId: string | undefined): void {
  if (revisionId !== undefined && revisionId !== fn.revisionId) {
    throw lambdaError('PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id');
  }
}

/** A change to code or configuration: new revision, new generation of environments. */
export function touch(fn: LambdaFunction): void {
  fn.lastModified = lambdaDate();
  fn.revisionId = randomUUID();
  fn.generation++;
}
