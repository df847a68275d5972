import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TraceStore } from '../core/trace';

/** How often the page hears about traces that changed: often enough to look live, seldom enough to stay cheap under a burst. */
const FLUSH_MS = 250;

/**
 * Server-sent events for the studio's live list: every `FLUSH_MS`, the summaries of the traces
 * that gained records (`event: traces`). The stream ends when the page goes away.
 */
export function liveStream(store: TraceStore, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const changed = new Set<string>();
  const unsubscribe = store.subscribe((record) => changed.add(record.traceId));
  const timer = setInterval(() => {
    if (changed.size === 0) return;
    const summaries = [...changed].map((id) => store.summary(id)).filter((s) => s?.root !== undefined);
    changed.clear();
    if (summaries.length > 0) res.write(`event: traces\ndata: ${JSON.stringify({ evicted: store.evicted, summaries })}\n\n`);
  }, FLUSH_MS);
  const end = () => {
    clearInterval(timer);
    unsubscribe();
  };
  req.once('close', end);
  res.once('close', end);
}
