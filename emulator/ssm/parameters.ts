import { AwsError } from '../core/aws-error';
import { decodeToken, encodeToken, pageAfter, sortByKey } from '../core/paging';
import type { RegionalStore } from '../core/regional-store';
import type { RequestContext } from '../core/request-context';
import { boolean, enumOf, integer, list, required, string, structure, type InputOf } from '../protocol/validation';

/** One parameter of Parameter Store, as the latest version holds it. */
export interface StoredParameter {
  Name: string;
  Type: 'String' | 'StringList' | 'SecureString';
  Value: string;
  Version: number;
  LastModifiedDate: Date;
  DataType: string;
  Description?: string;
  AllowedPattern?: string;
  Tier: string;
}

export type SsmStore = RegionalStore<Map<string, StoredParameter>>;

const NAME = string({ min: 1, max: 2048 });
const TYPES = ['String', 'StringList', 'SecureString'] as const;
const TAG = structure({ Key: required(string({ min: 1, max: 128 })), Value: required(string({ min: 0, max: 256 })) });

export const PutParameterInput = {
  Name: required(NAME),
  Description: string({ min: 0, max: 1024 }),
  Value: required(string()),
  Type: enumOf(TYPES),
  KeyId: string({ min: 1, max: 256 }),
  Overwrite: boolean(),
  AllowedPattern: string({ min: 0, max: 1024 }),
  Tags: list(TAG, { max: 1000 }),
  Tier: enumOf(['Standard', 'Advanced', 'Intelligent-Tiering'] as const),
  Policies: string({ min: 1, max: 4096 }),
  DataType: string({ min: 0, max: 128 }),
};
export const GetParameterInput = { Name: required(NAME), WithDecryption: boolean() };
export const GetParametersInput = { Names: required(list(NAME, { min: 1, max: 10 })), WithDecryption: boolean() };
export const DeleteParameterInput = { Name: required(NAME) };
export const DeleteParametersInput = { Names: required(list(NAME, { min: 1, max: 10 })) };
export const GetParametersByPathInput = {
  Path: required(NAME),
  Recursive: boolean(),
  ParameterFilters: list(structure({ Key: required(string()) })),
  WithDecryption: boolean(),
  MaxResults: integer({ min: 1, max: 10 }),
  NextToken: string(),
};

/** SSM names parameters with or without the leading slash of a path; the ARN has exactly one. */
function arnOf(ctx: RequestContext, name: string): string {
  return `arn:aws:ssm:${ctx.region}:${ctx.accountId}:parameter/${name.replace(/^\//, '')}`;
}

function shown(ctx: RequestContext, p: StoredParameter) {
  return { Name: p.Name, Type: p.Type, Value: p.Value, Version: p.Version, LastModifiedDate: p.LastModifiedDate.getTime() / 1000, ARN: arnOf(ctx, p.Name), DataType: p.DataType };
}

/** AWS's own name rules, checked after the model's: no `aws`/`ssm` prefix, paths start with `/`. */
function checkName(name: string): void {
  if (/^\/?(aws|ssm)/i.test(name)) {
    throw new AwsError('ValidationException', 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
  }
  if (name.includes('/') && !name.startsWith('/')) throw new AwsError('ValidationException', 'Parameter name must be a fully qualified name.');
  if (!/^[a-zA-Z0-9_.\-/]+$/.test(name)) {
    throw new AwsError('ValidationException', 'Parameter name must only contain letters, numbers, and the symbols . - _ /');
  }
}

function notFound(name: string): AwsError {
  return new AwsError('ParameterNotFound', `Parameter ${name} not found.`);
}

export function putParameter(store: SsmStore, input: InputOf<typeof PutParameterInput>, ctx: RequestContext) {
  checkName(input.Name);
  const parameters = store.get(ctx.accountId, ctx.region);
  const existing = parameters.get(input.Name);
  if (existing && !input.Overwrite) {
    throw new AwsError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
  }
  if (!existing && input.Type === undefined) throw new AwsError('ValidationException', 'A parameter type is required when you create a parameter.');
  if (input.AllowedPattern !== undefined && !new RegExp(`^(?:${input.AllowedPattern})$`).test(input.Value)) {
    throw new AwsError('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${input.AllowedPattern}`);
  }
  const version = (existing?.Version ?? 0) + 1;
  parameters.set(input.Name, {
    Name: input.Name,
    Type: input.Type ?? existing!.Type,
    Value: input.Value,
    Version: version,
    LastModifiedDate: new Date(),
    DataType: input.DataType ?? existing?.DataType ?? 'text',
    Description: input.Description ?? existing?.Description,
    AllowedPattern: input.AllowedPattern ?? existing?.AllowedPattern,
    Tier: input.Tier ?? existing?.Tier ?? 'Standard',
  });
  return { Version: version, Tier: input.Tier ?? 'Standard' };
}

export function getParameter(store: SsmStore, input: InputOf<typeof GetParameterInput>, ctx: RequestContext) {
  const p = store.get(ctx.accountId, ctx.region).get(input.Name);
  if (!p) throw notFound(input.Name);
  return { Parameter: shown(ctx, p) };
}

export function getParameters(store: SsmStore, input: InputOf<typeof GetParametersInput>, ctx: RequestContext) {
  const parameters = store.get(ctx.accountId, ctx.region);
  const found = input.Names.filter((n) => parameters.has(n));
  return { Parameters: found.map((n) => shown(ctx, parameters.get(n)!)), InvalidParameters: input.Names.filter((n) => !parameters.has(n)) };
}

export function deleteParameter(store: SsmStore, input: InputOf<typeof DeleteParameterInput>, ctx: RequestContext) {
  if (!store.get(ctx.accountId, ctx.region).delete(input.Name)) throw notFound(input.Name);
  return {};
}

export function deleteParameters(store: SsmStore, input: InputOf<typeof DeleteParametersInput>, ctx: RequestContext) {
  const parameters = store.get(ctx.accountId, ctx.region);
  const deleted = input.Names.filter((n) => parameters.delete(n));
  return { DeletedParameters: deleted, InvalidParameters: input.Names.filter((n) => !deleted.includes(n)) };
}

const isName = (v: unknown): v is string => typeof v === 'string';

/** Parameters under a path: its direct children, or every descendant with `Recursive`. */
export function getParametersByPath(store: SsmStore, input: InputOf<typeof GetParametersByPathInput>, ctx: RequestContext) {
  const path = input.Path.endsWith('/') ? input.Path : `${input.Path}/`;
  if (!path.startsWith('/')) throw new AwsError('ValidationException', 'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".');
  const under = [...store.get(ctx.accountId, ctx.region).values()].filter((p) => {
    if (path !== '/' && !p.Name.startsWith(path)) return false;
    const rest = path === '/' ? p.Name.replace(/^\//, '') : p.Name.slice(path.length);
    return input.Recursive || !rest.includes('/');
  });
  let after: string | undefined;
  if (input.NextToken !== undefined) {
    after = decodeToken(input.NextToken, isName);
    if (after === undefined) throw new AwsError('ValidationException', 'The specified token is invalid.');
  }
  const page = pageAfter(sortByKey(under, (p) => p.Name), (p) => p.Name, after, input.MaxResults ?? 10)!;
  return { Parameters: page.page.map((p) => shown(ctx, p)), NextToken: page.last === undefined ? undefined : encodeToken(page.last) };
}
