import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../core/request-context';
import { required, string, type InputOf } from '../protocol/validation';
import { invalidParameter, lambdaError } from './errors';
import { FUNCTION_NAME, QUALIFIER, REVISION_ID } from './shapes';
import { parseFunctionRef, refArn, withQualifier } from './function-name';
import type { PolicyStatement } from './model';
import type { LambdaState } from './state';
import { checkRevision } from './update-function-code';

/** AddPermission's members, in the model's order, with its patterns. */
export const AddPermissionInput = {
  FunctionName: required(FUNCTION_NAME),
  StatementId: required(string({ pattern: '([a-zA-Z0-9-_]+)' })),
  Action: required(string({ pattern: '(lambda:[*]|lambda:[a-zA-Z]+|[*])' })),
  Principal: required(string()),
  SourceArn: string(),
  SourceAccount: string(),
  EventSourceToken: string(),
  Qualifier: QUALIFIER,
  RevisionId: REVISION_ID,
  PrincipalOrgID: string(),
  FunctionUrlAuthType: string(),
};
export const GetPolicyInput = { FunctionName: required(FUNCTION_NAME), Qualifier: QUALIFIER };
export const RemovePermissionInput = { FunctionName: required(FUNCTION_NAME), StatementId: required(string()), Qualifier: QUALIFIER, RevisionId: REVISION_ID };

/**
 * AddPermission: a statement in the function's resource policy. The emulator records policies
 * (GetPolicy shows them as AWS shapes them) but does not enforce them.
 */
export function addPermission(state: LambdaState, input: InputOf<typeof AddPermissionInput>, ctx: RequestContext): Record<string, unknown> {
  const ref = withQualifier(parseFunctionRef(input.FunctionName, ctx, 'read'), input.Qualifier);
  if (ref.qualifier === '$LATEST') throw invalidParameter('We currently do not support adding policies for $LATEST.');
  const fn = state.functions.get(ref);
  if (input.RevisionId !== undefined && input.RevisionId !== fn.revisionId) {
    throw lambdaError('PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id');
  }
  if (fn.policy.some((s) => s.Sid === input.StatementId)) {
    throw lambdaError('ResourceConflictException', `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
  }
  const statement: PolicyStatement = {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principal(input.Principal),
    Action: input.Action,
    Resource: fn.arn,
  };
  const condition: Record<string, Record<string, string>> = {};
  const add = (op: string, key: string, value: string | undefined) => {
    if (value) condition[op] = { ...condition[op], [key]: value };
  };
  add('StringEquals', 'lambda:FunctionUrlAuthType', input.FunctionUrlAuthType);
  add('StringEquals', 'aws:PrincipalOrgID', input.PrincipalOrgID);
  add('StringEquals', 'AWS:SourceAccount', input.SourceAccount);
  add('StringEquals', 'lambda:EventSourceToken', input.EventSourceToken);
  add('ArnLike', 'AWS:SourceArn', input.SourceArn);
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  fn.policy.push(statement);
  fn.revisionId = randomUUID();
  return { Statement: JSON.stringify(statement) };
}

/** GetPolicy: the resource policy as a JSON string, with the function's revision id. */
export function getPolicy(state: LambdaState, input: InputOf<typeof GetPolicyInput>, ctx: RequestContext): Record<string, unknown> {
  const fn = state.functions.get(withQualifier(parseFunctionRef(input.FunctionName, ctx, 'read'), input.Qualifier));
  if (fn.policy.length === 0) throw lambdaError('ResourceNotFoundException', 'The resource you requested does not exist.');
  return { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: fn.policy }), RevisionId: fn.revisionId };
}

/** RemovePermission. */
export function removePermission(state: LambdaState, input: InputOf<typeof RemovePermissionInput>, ctx: RequestContext): void {
  const { StatementId: statementId } = input;
  const ref = withQualifier(parseFunctionRef(input.FunctionName, ctx, 'read'), input.Qualifier);
  const fn = state.functions.find(ref);
  if (!fn) throw lambdaError('ResourceNotFoundException', `No policy found for: ${refArn(ref, undefined)}`);
  const found = state.functions.get(ref);
  if (found.policy.length === 0) throw lambdaError('ResourceNotFoundException', 'No policy is associated with the given resource.');
  const index = found.policy.findIndex((s) => s.Sid === statementId);
  if (index < 0) throw lambdaError('ResourceNotFoundException', `Statement ${statementId} is not found in resource policy.`);
  checkRevision(found, input.RevisionId);
  found.policy.splice(index, 1);
  found.revisionId = randomUUID();
}

/** The principal as IAM writes it: a service, an account root, an IAM ARN or everyone. */
function principal(value: string): PolicyStatement['Principal'] {
  if (value.endsWith('.amazonaws.com')) return { Service: value };
  if (/^\d{12}$/.test(value)) return { AWS: `arn:aws:iam::${value}:root` };
  if (/^arn:aws[a-zA-Z-]*:iam:/.test(value)) return { AWS: value };
  if (value === '*') return '*';
  throw invalidParameter('The provided principal was invalid. Please check the principal and try again.');
}
