import type { RequestContext } from '../core/request-context';
import { integer, required, string, structure, type InputOf } from '../protocol/validation';
import { invalidParameter, lambdaError } from './errors';
import { FUNCTION_NAME, QUALIFIER } from './shapes';
import { parseFunctionRef, refArn, withQualifier, type FunctionRef } from './function-name';
import type { EventInvokeConfig, LambdaFunction } from './model';
import type { LambdaState } from './state';

const DESTINATION = structure({ Destination: string() });

/** Put/UpdateFunctionEventInvokeConfig's members, with the model's ranges. */
export const EventInvokeConfigInput = {
  FunctionName: required(FUNCTION_NAME),
  Qualifier: QUALIFIER,
  MaximumRetryAttempts: integer({ min: 0, max: 2 }),
  MaximumEventAgeInSeconds: integer({ min: 60, max: 21600 }),
  DestinationConfig: structure({ OnSuccess: DESTINATION, OnFailure: DESTINATION }),
};
export const FunctionEventInvokeConfigInput = { FunctionName: required(FUNCTION_NAME), Qualifier: QUALIFIER };
type EventInvokeConfigInput = InputOf<typeof EventInvokeConfigInput>;
type Settings = Omit<EventInvokeConfigInput, 'FunctionName' | 'Qualifier'>;

const ARN = /^arn:aws[a-zA-Z0-9-]*:[a-zA-Z0-9-]+:[a-z0-9-]*:\d{12}:.+$/;

/** PutFunctionEventInvokeConfig: replaces the asynchronous invocation settings. */
export function putFunctionEventInvokeConfig(state: LambdaState, input: EventInvokeConfigInput, ctx: RequestContext): Record<string, unknown> {
  if (input.MaximumRetryAttempts === undefined && input.MaximumEventAgeInSeconds === undefined && input.DestinationConfig === undefined) {
    throw invalidParameter('You must specify at least one of error handling or destination setting.');
  }
  const { fn, ref } = target(state, ctx, input.FunctionName, input.Qualifier);
  fn.eventInvokeConfig = validated(fn, input);
  return shape(ref, fn.eventInvokeConfig);
}

/** UpdateFunctionEventInvokeConfig: changes only the settings given. */
export function updateFunctionEventInvokeConfig(state: LambdaState, input: EventInvokeConfigInput, ctx: RequestContext): Record<string, unknown> {
  const { fn, ref } = target(state, ctx, input.FunctionName, input.Qualifier);
  const current = existing(fn, ref);
  const merged: Settings = {
    MaximumRetryAttempts: input.MaximumRetryAttempts ?? current.maximumRetryAttempts,
    MaximumEventAgeInSeconds: input.MaximumEventAgeInSeconds ?? current.maximumEventAgeInSeconds,
    DestinationConfig: input.DestinationConfig ?? { OnSuccess: { Destination: current.onSuccess }, OnFailure: { Destination: current.onFailure } },
  };
  fn.eventInvokeConfig = validated(fn, merged);
  return shape(ref, fn.eventInvokeConfig);
}

export function getFunctionEventInvokeConfig(state: LambdaState, input: InputOf<typeof FunctionEventInvokeConfigInput>, ctx: RequestContext): Record<string, unknown> {
  const ref = withQualifier(parseFunctionRef(input.FunctionName, ctx, 'read'), input.Qualifier);
  const fn = state.functions.find(ref);
  if (!fn) throw missingConfig(ref);
  return shape(ref, existing(fn, ref));
}

export function deleteFunctionEventInvokeConfig(state: LambdaState, input: InputOf<typeof FunctionEventInvokeConfigInput>, ctx: RequestContext): void {
  const ref = withQualifier(parseFunctionRef(input.FunctionName, ctx, 'read'), input.Qualifier);
  const fn = state.functions.find(ref);
  if (!fn) throw missingConfig(ref);
  existing(fn, ref);
  fn.eventInvokeConfig = undefined;
}

function target(state: LambdaState, ctx: RequestContext, name: string, qualifier: string | undefined): { fn: LambdaFunction; ref: FunctionRef } {
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

/** The destinations checked (the ranges are the model's, checked by the front end). */
function validated(fn: LambdaFunction, input: Settings): EventInvokeConfig {
  const retries = input.MaximumRetryAttempts;
  const age = input.MaximumEventAgeInSeconds;
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
