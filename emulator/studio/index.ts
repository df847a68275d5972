import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Hub } from '../core/hub';
import { readBody, sendJson } from '../protocol/http';
import { BadInput, EXPLAIN_PATH, explainRequest } from './explain-route';
import { TRACE_PATH, traceAnswer } from './trace-route';
import { STUDIO_PATH, studioAsset } from './assets';
import { liveStream } from './live-stream';
import { ordersPage } from './orders-route';
import { sandbox } from './sandbox-route';

const ORDERS_PATH = `${STUDIO_PATH}/orders`;
const STREAM_PATH = `${STUDIO_PATH}/stream`;
const SANDBOX_PATH = `${STUDIO_PATH}/sandbox`;

/** The largest body the testbed's own routes read. */
const MAX_TESTBED_BODY = 1024 * 1024;

/**
 * The testbed's debugging routes: `POST /_testbed/explain` (why an event does or does not match
 * a pattern), `GET /_testbed/trace` (an order's tree of steps) and the Event Studio page at
 * `GET /_testbed/studio` with its list, live stream and pattern sandbox. Bad input is a 400
 * `{ message }` naming the problem.
 */
export interface TestbedRoutes {
  /** Answers the request and returns true when the route is its own. */
  handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

export function createStudioService(hub: Hub): TestbedRoutes {
  return {
    async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      try {
        if (url.pathname === EXPLAIN_PATH && req.method === 'POST') {
          sendJson(res, 200, explainRequest((await readBody(req, MAX_TESTBED_BODY)).toString('utf8')));
          return true;
        }
        if (url.pathname === TRACE_PATH && req.method === 'GET') {
          const answer = traceAnswer(hub.trace, url.searchParams);
          sendJson(res, answer.traces.length > 0 ? 200 : 404, answer.traces.length > 0 ? answer : { ...answer, message: notFound(url.searchParams, hub.trace.evicted) });
          return true;
        }
        if (url.pathname === ORDERS_PATH && req.method === 'GET') {
          sendJson(res, 200, ordersPage(hub.trace, url.searchParams));
          return true;
        }
        if (url.pathname === STREAM_PATH && req.method === 'GET') {
          liveStream(hub.trace, req, res);
          return true;
        }
        if (url.pathname === SANDBOX_PATH && req.method === 'POST') {
          sendJson(res, 200, sandbox(hub.trace, (await readBody(req, MAX_TESTBED_BODY)).toString('utf8')));
          return true;
        }
        const asset = req.method === 'GET' ? await studioAsset(url.pathname) : undefined;
        if (asset) {
          res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' }).end(asset.body);
          return true;
        }
        return false;
      } catch (err) {
        if (err instanceof BadInput) {
          sendJson(res, 400, { message: err.message });
          return true;
        }
        throw err;
      }
    },
  };
}

function notFound(params: URLSearchParams, evicted: number): string {
  const [[name, value] = ['', '']] = [...params];
  return `No trace holds ${name} ${value}${evicted > 0 ? ` (${evicted} records have been evicted; --trace-limit keeps more)` : ''}.`;
}
