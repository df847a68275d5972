import { randomInt } from 'node:crypto';
import { keptId } from '../persistence/captured-ids';
import { AwsError } from '../core/aws-error';
import { RegionalStore } from '../core/regional-store';
import type { RequestContext } from '../core/request-context';

export interface Role {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  CreateDate: Date;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  PermissionsBoundary?: string;
  Tags: Array<{ Key: string; Value: string }>;
  /** Inline policies by name. */
  inline: Map<string, string>;
  /** Attached managed policies by ARN. */
  attached: Set<string>;
}

export interface ManagedPolicy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  CreateDate: Date;
  UpdateDate: Date;
  document: string;
}

/** IAM is global: one store per account (the region of the request does not matter). */
export interface IamState {
  roles: Map<string, Role>;
  policies: Map<string, ManagedPolicy>;
}
export type IamStore = RegionalStore<IamState>;
export const createIamStore = (): IamStore => new RegionalStore(() => ({ roles: new Map(), policies: new Map() }));
export const stateOf = (store: IamStore, ctx: RequestContext) => store.get(ctx.accountId, 'global');

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** IAM's unique ids: a type prefix (`AROA` roles, `ANPA` policies) and 17 characters. */
// A request replayed from the state folder gets the unique id it was given the first time.
export const uniqueId = (prefix: string) => keptId(() => prefix + Array.from({ length: 17 }, () => ID_CHARS[randomInt(ID_CHARS.length)]).join(''));

export function roleOrError(store: IamStore, ctx: RequestContext, name: string): Role {
  const role = stateOf(store, ctx).roles.get(name);
  if (!role) throw new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
  return role;
}

/** Policy documents travel URL-encoded in IAM's answers, as AWS sends them. */
export const encodedDocument = (document: string) => encodeURIComponent(document);

/** A policy document must be JSON, as IAM's `MalformedPolicyDocument` says. */
export function checkDocument(document: string): void {
  try {
    const parsed = JSON.parse(document);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
  } catch {
    throw new AwsError('MalformedPolicyDocument', 'Syntax errors in policy.');
  }
}
