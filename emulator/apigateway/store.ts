import type { Hub } from '../core/hub';
import { RegionalStore } from '../core/regional-store';
import type { RequestContext } from '../core/request-context';
import { apiNotFound, methodNotFound, resourceNotFound } from './errors';
import { createState, type ApiGatewayState, type ApiRecord, type Method, type Resource } from './model';

/** Every account's and region's APIs, plus the look-ups that cross them (API ids are global). */
export class ApiGatewayStore {
  private readonly regions = new RegionalStore<ApiGatewayState>(() => createState());

  /** The hub, for the `iam:PassRole` checks an integration's credentials make. */
  constructor(readonly hub: Hub) {}

  state(ctx: RequestContext): ApiGatewayState {
    return this.regions.get(ctx.accountId, ctx.region);
  }

  /** The API or AWS's NotFoundException naming the account and id. */
  api(ctx: RequestContext, apiId: string | undefined): ApiRecord {
    const record = this.state(ctx).apis.get(apiId ?? '');
    if (!record) throw apiNotFound(ctx.accountId, apiId ?? '');
    return record;
  }

  /**
   * The resource or `Invalid Resource identifier specified`. Operations below a resource answer
   * that even when it is the API that is missing, as AWS does.
   */
  resource(ctx: RequestContext, apiId: string | undefined, resourceId: string | undefined): { record: ApiRecord; resource: Resource } {
    const record = this.state(ctx).apis.get(apiId ?? '');
    const resource = record?.resources.get(resourceId ?? '');
    if (!record || !resource) throw resourceNotFound();
    return { record, resource };
  }

  /** The method of a resource, or `Invalid Method identifier specified`. */
  method(ctx: RequestContext, apiId: string | undefined, resourceId: string | undefined, httpMethod: string | undefined): { resource: Resource; method: Method } {
    const { resource } = this.resource(ctx, apiId, resourceId);
    const method = resource.resourceMethods?.[httpMethod ?? ''];
    if (!method) throw methodNotFound();
    return { resource, method };
  }

  /** Where an API lives, wherever it is: invocation URLs carry only the id. */
  locate(apiId: string): { accountId: string; region: string; record: ApiRecord } | undefined {
    for (const [accountId, region, state] of this.regions.entries()) {
      const record = state.apis.get(apiId);
      if (record) return { accountId, region, record };
    }
    return undefined;
  }

  isApiIdTaken(apiId: string): boolean {
    return this.locate(apiId) !== undefined;
  }
}
