import type { UpdateAccountRequest } from '@aws-sdk/client-api-gateway';
import type { RequestContext } from '../core/request-context';
import { badRequest } from './errors';
import type { Account } from './model';
import type { ApiGatewayStore } from './store';

export function getAccount(store: ApiGatewayStore, _input: unknown, ctx: RequestContext): Account {
  return structuredClone(store.state(ctx).account);
}

/**
 * Sets or clears the CloudWatch role, the setting a stack changes (`AWS::ApiGateway::Account`).
 * AWS checks that the role exists and trusts API Gateway; the emulator has no IAM and takes the
 * ARN as given.
 */
export function updateAccount(store: ApiGatewayStore, input: UpdateAccountRequest, ctx: RequestContext): Account {
  const account = store.state(ctx).account;
  for (const { op, path, value } of input.patchOperations ?? []) {
    if (path !== '/cloudwatchRoleArn') throw badRequest(`Invalid patch path ${path ?? null}`);
    if (op !== 'replace') throw badRequest('Invalid patch operation specified. Must be one of: [replace]');
    if (value) account.cloudwatchRoleArn = value;
    else delete account.cloudwatchRoleArn;
  }
  return structuredClone(account);
}
