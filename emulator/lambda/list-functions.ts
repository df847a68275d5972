import type { RequestContext } from '../core/request-context';
import { validationException } from './errors';
import { functionConfiguration } from './function-configuration';
import type { LambdaState } from './state';

const DEFAULT_PAGE = 50;

/** ListFunctions: configurations in name order, paged by `Marker`/`MaxItems` (`NextMarker`). */
export function listFunctions(state: LambdaState, ctx: RequestContext, query: URLSearchParams): Record<string, unknown> {
  const version = query.get('FunctionVersion');
  if (version !== null && version !== 'ALL') {
    throw validationException([`Value '${version}' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]`]);
  }
  const maxItems = query.has('MaxItems') ? Number(query.get('MaxItems')) : DEFAULT_PAGE;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 10_000) {
    throw validationException([`Value '${query.get('MaxItems')}' at 'maxItems' failed to satisfy constraint: Member must have value ${maxItems < 1 ? 'greater than or equal to 1' : 'less than or equal to 10000'}`]);
  }
  const all = state.functions.list(ctx.accountId, ctx.region).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const marker = query.get('Marker');
  const after = marker ? Buffer.from(marker, 'base64url').toString('utf8') : undefined;
  const start = after === undefined ? 0 : all.findIndex((fn) => fn.name > after);
  const page = start < 0 ? [] : all.slice(start, start + maxItems);
  const out: Record<string, unknown> = { Functions: page.map((fn) => functionConfiguration(fn, 'list')) };
  if (start >= 0 && start + maxItems < all.length) out.NextMarker = Buffer.from(page[page.length - 1]!.name).toString('base64url');
  return out;
}
