import type { RequestContext } from '../core/request-context';
import { constraint, validationError, violation } from '../protocol/validation';
import { invalidParameter, lambdaError } from './errors';

/**
 * Function names as Lambda accepts them: a plain name (`my-fn`), a partial ARN
 * (`123456789012:function:my-fn`) or a full ARN, each optionally with a `:qualifier`.
 */

// Lenient extraction of the parts; validation against AWS's own patterns happens separately.
const LOCATOR = /^(?:arn:aws[a-zA-Z-]*:lambda:)?(?:(?<region>[a-z]{2}(?:-gov)?-[a-z]+-\d):)?(?:(?<account>\d{12}):)?(?:function:)?(?<name>[a-zA-Z0-9-_.]+)(?::(?<qualifier>\$LATEST(?:\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$/;

// The patterns AWS quotes in its validation messages: read operations allow dots, CreateFunction not.
const PATTERN_READ = String.raw`(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?`;
const PATTERN_CREATE = String.raw`(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?`;

export interface FunctionRef {
  name: string;
  qualifier?: string;
  accountId: string;
  region: string;
}

export type NameUse = 'create' | 'read' | 'delete' | 'invoke';

/** Parses and validates a function name or ARN against the caller's account and region. */
export function parseFunctionRef(input: string, ctx: RequestContext, use: NameUse): FunctionRef {
  const m = LOCATOR.exec(input);
  const pattern = use === 'create' ? PATTERN_CREATE : PATTERN_READ;
  if (!m?.groups || (use === 'create' && m.groups.name!.includes('.'))) {
    throw validationError([violation(input, 'functionName', constraint.pattern(pattern))]);
  }
  const { name, qualifier, account, region } = m.groups as { name: string; qualifier?: string; account?: string; region?: string };
  const plainName = name === input;
  if (use === 'create' && plainName && input.length > 64) {
    // CreateFunction reports an over-long plain name as InvalidParameterValueException.
    throw invalidParameter(validationError([violation(input, 'functionName', constraint.maxLength(64))]).message);
  }
  const maxLength = use === 'create' || use === 'delete' ? 140 : 170;
  if (input.length > maxLength) {
    throw validationError([violation(input, 'functionName', constraint.maxLength(maxLength))]);
  }
  if (region && region !== ctx.region) {
    throw lambdaError('ResourceNotFoundException', `Functions from '${region}' are not reachable in this region ('${ctx.region}')`);
  }
  return { name, qualifier, accountId: account ?? ctx.accountId, region: ctx.region };
}

/**
 * Resolves the qualifier given in the name and in the `Qualifier` parameter; AWS rejects a
 * mismatch between the two.
 */
export function withQualifier(ref: FunctionRef, qualifierParam: string | null | undefined): FunctionRef {
  if (!qualifierParam) return ref;
  if (ref.qualifier && ref.qualifier !== qualifierParam) {
    throw invalidParameter('The derived qualifier from the function name does not match the specified qualifier.');
  }
  return { ...ref, qualifier: qualifierParam };
}

export function functionArn(accountId: string, region: string, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
}

export function refArn(ref: FunctionRef, qualifier = ref.qualifier): string {
  return functionArn(ref.accountId, ref.region, ref.name, qualifier);
}
