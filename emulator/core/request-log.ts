import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a request was, worked out while it is dispatched: `events` / `PutEvents`. */
export interface RequestLabel {
  service: string;
  operation: string;
}

/**
 * One line per request once it is answered, as LocalStack logs them:
 * `2026-12-03T16:50:00.123Z events.PutEvents 200 3 ms`. A request no JSON target names (REST
 * services, invoke URLs, the testbed's routes) is shown by its method and path.
 */
export function requestLogger(req: IncomingMessage, res: ServerResponse, write: (line: string) => void): RequestLabel {
  const started = performance.now();
  const label: RequestLabel = { service: '', operation: '' };
  res.once('finish', () => {
    const path = (req.url ?? '/').split('?')[0];
    const operation = label.operation || `${req.method} ${path}`;
    const service = label.service || (path.startsWith('/_') ? 'testbed' : 'http');
    write(`${new Date().toISOString()} ${service}.${operation} ${res.statusCode} ${Math.round(performance.now() - started)} ms`);
  });
  return label;
}
