import type { CreateAuthorizerRequest, DeleteAuthorizerRequest, GetAuthorizerRequest, GetAuthorizersRequest } from '@aws-sdk/client-api-gateway';
import type { RequestContext } from '../core/request-context';
import { conflict, notFound } from './errors';
import { newId } from './ids';
import type { Authorizer } from './model';
import { page } from './paging';
import type { ApiGatewayStore } from './store';

export const AUTHORIZER_TYPES = ['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS'] as const;

export const authorizerNotFound = () => notFound('Invalid Authorizer identifier specified');

/**
 * CreateAuthorizer: the authorizer is recorded with the members given, as AWS describes it back.
 * The emulator does not run authorizers when an API is invoked (see docs/apigateway.md).
 */
export function createAuthorizer(store: ApiGatewayStore, input: CreateAuthorizerRequest, ctx: RequestContext): Authorizer {
  const record = store.state(ctx).apis.get(input.restApiId!);
  // AWS answers an unknown API here with this ConflictException, not NotFoundException.
  if (!record) throw conflict('Unable to complete operation due to concurrent modification. Please try again later.');
  const { restApiId: _, ...members } = input;
  const authorizer = { id: newId(6, (id) => record.authorizers.has(id)), ...structuredClone(members) } as Authorizer;
  record.authorizers.set(authorizer.id, authorizer);
  return structuredClone(authorizer);
}

export function getAuthorizers(store: ApiGatewayStore, input: GetAuthorizersRequest, ctx: RequestContext): { items: Authorizer[]; position?: string } {
  const record = store.api(ctx, input.restApiId);
  return page([...record.authorizers.values()].map((a) => structuredClone(a)), input.position, input.limit);
}

export function getAuthorizer(store: ApiGatewayStore, input: GetAuthorizerRequest, ctx: RequestContext): Authorizer {
  const authorizer = store.api(ctx, input.restApiId).authorizers.get(input.authorizerId!);
  if (!authorizer) throw authorizerNotFound();
  return structuredClone(authorizer);
}

export function deleteAuthorizer(store: ApiGatewayStore, input: DeleteAuthorizerRequest, ctx: RequestContext): void {
  const record = store.api(ctx, input.restApiId);
  if (!record.authorizers.delete(input.authorizerId!)) throw authorizerNotFound();
}
