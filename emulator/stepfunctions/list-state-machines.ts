import type { RequestContext } from '../core/request-context';
import { pageSize, paginate } from './pagination';
import { epochSeconds } from './request';
import type { StepFunctionsBackend } from './store';

/** ListStateMachines: ordered by name, paged (at most 1000 a page, 100 by default). */
export function listStateMachines(backend: StepFunctionsBackend, input: Record<string, unknown>, ctx: RequestContext) {
  const size = pageSize(input, 1024);
  const machines = [...backend.regions.get(ctx.accountId, ctx.region).stateMachines.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const { page, nextToken } = paginate(machines, (m) => m.arn, size, input.nextToken);
  return {
    stateMachines: page.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: epochSeconds(m.creationDate) })),
    ...(nextToken ? { nextToken } : {}),
  };
}
