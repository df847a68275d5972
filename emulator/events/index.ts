import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventsInternal, Hub, PutEventsEntry } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { sendJson } from '../protocol/http';
import { apiDestinationOperations } from './api-destinations';
import { busOperations } from './buses';
import { connectionOperations } from './connections';
import { Delivery } from './delivery';
import { putEvents } from './put-events';
import { RECORD_PATH, Recorder } from './recorder';
import { recordFilter } from './record-filter';
import { ruleOperations } from './rules';
import type { EventsRuntime } from './runtime';
import { createEventsStore } from './store';
import { tagOperations } from './tags';
import { targetOperations } from './targets';
import { testEventPatternOperations } from './test-event-pattern';

/**
 * EventBridge: buses, rules, targets, PutEvents with asynchronous delivery, TestEventPattern,
 * connections and API destinations, spoken as AWS JSON 1.1 (`X-Amz-Target: AWSEvents.*`), plus
 * `GET /_testbed/events` (the delivery record) and `DELETE /_testbed/events` (clears it).
 */
export function createEventsService(hub: Hub): EventsInternal {
  const store = createEventsStore();
  const recorder = new Recorder(hub.trace.limit);
  const rt: EventsRuntime = { hub, store, recorder, delivery: new Delivery(hub, store, recorder) };

  return {
    healthName: 'events',
    json: {
      targetPrefix: 'AWSEvents',
      operations: {
        ...busOperations(rt),
        ...ruleOperations(rt),
        ...targetOperations(rt),
        ...connectionOperations(rt),
        ...apiDestinationOperations(rt),
        ...tagOperations(rt),
        ...testEventPatternOperations(),
        PutEvents: (input: any, ctx: RequestContext) => putEvents(rt, ctx, input.Entries),
      },
    },

    async putEvents(ctx: RequestContext, entries: PutEventsEntry[]) {
      return putEvents(rt, ctx, entries);
    },

    async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      if (url.pathname !== RECORD_PATH) return false;
      if (req.method === 'DELETE') {
        recorder.clear();
        res.writeHead(204).end();
        return true;
      }
      if (req.method !== 'GET') return false;
      const filter = recordFilter(url.searchParams);
      if (typeof filter === 'string') {
        sendJson(res, 400, { message: filter });
        return true;
      }
      const records = recorder.list(filter);
      sendJson(res, 200, { total: recorder.total, capacity: recorder.capacity, evicted: recorder.evicted, counts: recorder.counts, records });
      return true;
    },

    stop: () => rt.delivery.stop(),
  };
}
