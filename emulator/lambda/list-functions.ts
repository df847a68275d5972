import { pageAfter, sortByKey } from '../core/paging';
import type { RequestContext } from '../core/request-context';
import { enumOf, integer, string, type InputOf } from '../protocol/validation';
import { functionConfiguration } from './function-configuration';
import type { LambdaState } from './state';

const DEFAULT_PAGE = 50;

export const ListFunctionsInput = {
  MasterRegion: string(),
  FunctionVersion: enumOf(['ALL']),
  Marker: string(),
  MaxItems: integer({ min: 1, max: 10000 }),
};

/** ListFunctions: configurations in name order, paged by `Marker`/`MaxItems` (`NextMarker`, naming the last function returned). */
export function listFunctions(state: LambdaState, input: InputOf<typeof ListFunctionsInput>, ctx: RequestContext): Record<string, unknown> {
  const all = sortByKey(state.functions.list(ctx.accountId, ctx.region), (fn) => fn.name);
  const after = input.Marker ? Buffer.from(input.Marker, 'base64url').toString('utf8') : undefined;
  const { page, last } = pageAfter(all, (fn) => fn.name, after, input.MaxItems ?? DEFAULT_PAGE)!;
  const out: Record<string, unknown> = { Functions: page.map((fn) => functionConfiguration(fn, 'list')) };
  if (last !== undefined) out.NextMarker = Buffer.from(last).toString('base64url');
  return out;
}
