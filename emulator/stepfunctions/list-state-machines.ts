import type { RequestContext } from '../core/request-context';
import type { InputOf } from '../protocol/validation';
import { epochSeconds } from './request';
import { MAX_RESULTS, nextToken, pageOf } from './shapes';
import type { StepFunctionsBackend } from './store';

export const ListStateMachinesInput = { maxResults: MAX_RESULTS, nextToken: nextToken(1024) };

/** ListStateMachines: ordered by name, paged (at most 1000 a page, 100 by default). */
export function listStateMachines(backend: StepFunctionsBackend, input: InputOf<typeof ListStateMachinesInput>, ctx: RequestContext) {
  const machines = [...backend.regions.get(ctx.accountId, ctx.region).stateMachines.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const { page, nextToken } = pageOf(machines, (m) => m.arn, input);
  return {
    stateMachines: page.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: epochSeconds(m.creationDate) })),
    ...(nextToken ? { nextToken } : {}),
  };
}
