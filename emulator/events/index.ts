import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventsInternal, Hub, PutEventsEntry, PutEventsResult } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { frontDoorLimit, sendJson } from '../protocol/http';
import { jsonCeiling, jsonService } from '../protocol/json';
import { VALIDATION_EXCEPTION } from '../protocol/validation';
import { Delivery } from './delivery';
import { eventsOperations } from './operations';
import { MAX_ENTRIES_BYTES } from './put-events';
import { RECORD_PATH, Recorder } from './recorder';
import { recordFilter } from './record-filter';
import type { EventsRuntime } from './runtime';
import { createEventsStore } from './store';

/**
 * EventBridge: buses, rules, targets, PutEvents with asynchronous delivery, TestEventPattern,
 * connections and API destinations, spoken as AWS JSON 1.1 (`X-Amz-Target: AWSEvents.*`), plus
 * `GET /_testbed/events` (the delivery record) and `DELETE /_testbed/events` (clears it).
 */
export function createEventsService(hub: Hub): EventsInternal {
  const store = createEventsStore();
  const recorder = new Recorder(hub.trace.limit);
  const rt: EventsRuntime = { hub, store, recorder, delivery: new Delivery(hub, store, recorder) };

  // PutEvents' entries hold at most 1 MB.
  const json = jsonService('AWSEvents', eventsOperations, rt, VALIDATION_EXCEPTION, frontDoorLimit(jsonCeiling(MAX_ENTRIES_BYTES)));

  return {
    healthName: 'events',
    json,

    // The in-process callers go through the same table entry as the wire, checks included.
    async putEvents(ctx: RequestContext, entries: PutEventsEntry[]) {
      return json.operations.PutEvents!({ Entries: entries }, ctx) as Promise<PutEventsResult>;
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

    resumeDelivery: (events) => rt.delivery.resume(events),

    stop: () => rt.delivery.stop(),
  };
}
