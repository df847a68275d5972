import type { Hub } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import type { RegionalStore } from '../core/regional-store';
import type { Delivery } from './delivery';
import type { Recorder } from './recorder';
import type { EventsState } from './store';

/** What every EventBridge operation module shares: the state, the hub, delivery and the record. */
export interface EventsRuntime {
  hub: Hub;
  store: RegionalStore<EventsState>;
  recorder: Recorder;
  delivery: Delivery;
}

export function stateOf(rt: EventsRuntime, ctx: RequestContext): EventsState {
  return rt.store.get(ctx.accountId, ctx.region);
}
