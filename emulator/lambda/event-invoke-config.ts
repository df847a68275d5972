import type { RequestContext } from '../core/request-context';
import { invalidParameter, lambdaError, validationException } from './errors';
import { parseFunctionRef, refArn, withQualifier, type FunctionRef } from './function-name';
import type { EventInvokeConfig, LambdaFunction } from './model';
import type { LambdaState } from './state';

export interface EventInvokeConfigInput {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
  DestinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
}

const ARN = /^arn:aws[a-zA-Z0-9-]*:[a-zA-Z0-9-]+:[a-z0-9-]*:\d{12}:.+$/;

/** PutFunctionEventInvokeConfig: replaces the asynchronous invocation settings. */
export function putFunctionEventInvokeConfig(state: LambdaState, ctx: RequestContext, name: string, qualifier: string | null, input: EventInvokeConfigInput): Record<string, unknown> {
  if (input.MaximumRetryAttempts === undefined && input.MaximumEventAgeInSeconds === undefined && input.DestinationConfig === undefined) {
    throw invalidParameter('You must specify at least one of error handling or destination setting.');
  }
  const { fn, ref } = target(state, ctx, name, qualifier);
  fn.eventInvokeConfig = validated(fn, input);
  return shape(ref, fn.eventInvokeConfig);
}

/** UpdateFunctionEventInvokeConfig: changes only the settings given. */
export function updateFunctionEventInvokeConfig(state: LambdaState, ctx: RequestContext, name: string, qualifier: string | null, input: EventInvokeConfigInput): Record<string, unknown> {
  const { fn, ref } = target(state, ctx, name, qualifier);
  const current = existing(fn, ref);
  const merged: EventInvokeConfigInput = {
    MaximumRetryAttempts: input.MaximumRetryAttempts ?? current.maximumRetryAttempts,
    MaximumEventAgeInSeconds: input.MaximumEventAgeInSeconds ?? current.maximumEventAgeInSeconds,
    DestinationConfig: input.DestinationConfig ?? { OnSuccess: { Destination: current.onSuccess }, OnFailure: { Destination: current.onFailure } },
  };
  fn.eventInvokeConfig = validated(fn, merged);
  return shape(ref, fn.eventInvokeConfig);
}

export function getFunctionEventInvokeConfig(state: LambdaState, ctx: RequestContext, name: string, qualifier: string | null): Record<string, unknown> {
  const ref = withQualifier(parseFunctionRef(name, ctx, 'read'), qualifier);
  const fn = state.functions.find(ref);
  if (!fn) throw missingConfig(ref);
  return shape(ref, existing(fn, ref));
}

export function deleteFunctionEventInvokeConfig(state: LambdaState, ctx: RequestContext, name: string, qualifier: string | null): void {
  const ref = withQualifier(parseFunctionRef(name, ctx, 'read'), qualifier);
  const fn = state.functions.find(ref);
  if (!fn) throw missingConfig(ref);
  existing(fn, ref);
  fn.eventInvokeConfig = undefined;
}

function target(state: LambdaState, ctx: RequestContext, name: string, qualifier: string | null): { fn: LambdaFunction; ref: FunctionRef } {
  const ref = withQualifier(parseFunctionRef(name, ctx, 'read'), qualifier);
  const fn = state.functions.find(ref);
  if (!fn || (ref.qualifier !== undefined && ref.qualifier !== '$LATEST')) {
    throw lambdaError('ResourceNotFoundException', "The function doesn't exist.");
  }
  return { fn, ref };
}

function existing(fn: LambdaFunction, ref: FunctionRef): EventInvokeConfig {
  if (!fn.eventInvokeConfig || (ref.qualifier !== undefined && ref.qualifier !== '$LATEST')) throw missingConfig(ref);
  return fn.eventInvokeConfig;
}

function missingConfig(ref: FunctionRef) {
  return lambdaError('ResourceNotFoundException', `The function ${refArn(ref, ref.qualifier ?? '$LATEST')} doesn't have an EventInvokeConfig`);
}

function validated(fn: LambdaFunction, input: EventInvokeConfigInput): EventInvokeConfig {
  const violations: string[] = [];
  const retries = input.MaximumRetryAttempts;
  if (retries !== undefined && (retries < 0 || retries > 2)) {
    violations.push(`Value '${retries}' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value ${retries < 0 ? 'greater than or equal to 0' : 'less than or equal to 2'}`);
  }
  const age = input.MaximumEventAgeInSeconds;
  if (age !== undefined && (age < 60 || age > 21600)) {
    violations.push(`Value '${age}' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value ${age < 60 ? 'greater than or equal to 60' : 'less than or equal to 21600'}`);
  }
  if (violations.length > 0) throw validationException(violations);
  const onSuccess = input.DestinationConfig?.OnSuccess?.Destination || undefined;
  const onFailure = input.DestinationConfig?.OnFailure?.Destination || undefined;
  for (const destination of [onSuccess, onFailure]) {
    if (destination === undefined) continue;
    if (!ARN.test(destination)) throw invalidParameter(`The destination ARN ${destination} is invalid.`);
    if (destination === fn.arn || destination === `${fn.arn}:$LATEST`) throw invalidParameter("You can't specify the function as a destination for itself.");
  }
  return { maximumRetryAttempts: retries, maximumEventAgeInSeconds: age, onSuccess, onFailure, lastModified: new Date() };
}

function shape(ref: FunctionRef, config: EventInvokeConfig): Record<string, unknown> {
  return {
    // A timestamp member: epoch seconds on the REST-JSON wire.
    LastModified: config.lastModified.getTime() / 1000,
    FunctionArn: refArn(ref, ref.qualifier ?? '$LATEST'),
    MaximumRetryAttempts: config.maximumRetryAttempts,
    MaximumEventAgeInSeconds: config.maximumEventAgeInSeconds,
    DestinationConfig: {
      OnSuccess: config.onSuccess ? { Destination: config.onSuccess } : {},
      OnFailure: config.onFailure ? { Destination: config.onFailure } : {},
    },
  };
}
