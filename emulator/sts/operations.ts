import { randomBytes } from 'node:crypto';
import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { op, type OperationTable } from '../protocol/operations';
import { integer, required, string, type InputOf } from '../protocol/validation';

/**
 * STS: who the caller is, and temporary credentials. Any credentials are accepted, as everywhere
 * in the emulator; the account is the one the access key names (`contextFromHeaders`).
 */

const ROLE_ARN = /^arn:[a-z-]+:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;
const SESSION_NAME = string({ min: 2, max: 64, pattern: '[\\w+=,.@-]*' });
const DURATION = integer({ min: 900, max: 43200 });

export const GetCallerIdentityInput = {};
export const AssumeRoleInput = {
  RoleArn: required(string({ min: 20, max: 2048 })),
  RoleSessionName: required(SESSION_NAME),
  Policy: string({ min: 1, max: 2048 }),
  DurationSeconds: DURATION,
  ExternalId: string({ min: 2, max: 1224 }),
};
export const GetSessionTokenInput = { DurationSeconds: integer({ min: 900, max: 129600 }), SerialNumber: string(), TokenCode: string() };

const keyChars = (n: number) => randomBytes(n).toString('hex').toUpperCase().slice(0, n);

/**
 * Temporary credentials. The access key id of assumed-role credentials is the role's account id,
 * so calls made with them are filed under that account, as the emulator files any twelve-digit key
 * (AWS's keys are `ASIA...`; the account is the part that matters here).
 */
function credentials(accessKeyId: string, seconds: number, now: Date) {
  return {
    AccessKeyId: accessKeyId,
    SecretAccessKey: randomBytes(30).toString('base64'),
    SessionToken: randomBytes(96).toString('base64'),
    Expiration: new Date(now.getTime() + seconds * 1000),
  };
}

export function getCallerIdentity(_c: unknown, _input: InputOf<typeof GetCallerIdentityInput>, ctx: RequestContext) {
  // LocalStack answers the root user for its `test` credentials; the CDK CLI reads Account and Arn.
  return { UserId: ctx.accountId, Account: ctx.accountId, Arn: `arn:aws:iam::${ctx.accountId}:root` };
}

export function assumeRole(_c: unknown, input: InputOf<typeof AssumeRoleInput>, _ctx: RequestContext) {
  const arn = ROLE_ARN.exec(input.RoleArn);
  if (!arn) throw new AwsError('ValidationError', `${input.RoleArn} is invalid`);
  const [, account, roleName] = arn;
  const roleId = `AROA${keyChars(17)}`;
  return {
    Credentials: credentials(account!, input.DurationSeconds ?? 3600, new Date()),
    AssumedRoleUser: {
      AssumedRoleId: `${roleId}:${input.RoleSessionName}`,
      Arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${input.RoleSessionName}`,
    },
    PackedPolicySize: 0,
  };
}

export function getSessionToken(_c: unknown, input: InputOf<typeof GetSessionTokenInput>, ctx: RequestContext) {
  return { Credentials: credentials(ctx.accountId, input.DurationSeconds ?? 43200, new Date()) };
}

export const stsOperations: OperationTable<unknown> = {
  GetCallerIdentity: op(GetCallerIdentityInput, getCallerIdentity),
  AssumeRole: op(AssumeRoleInput, assumeRole),
  GetSessionToken: op(GetSessionTokenInput, getSessionToken),
};
