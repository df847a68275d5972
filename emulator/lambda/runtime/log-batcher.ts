import type { LogEventInput, LogsInternal } from '../../core/hub';
import type { RequestContext } from '../../core/request-context';

interface PendingStream {
  ctx: RequestContext;
  group: string;
  stream: string;
  events: LogEventInput[];
}

/**
 * Collects function output and hands it to CloudWatch Logs after the current turn of the event
 * loop, one call per stream, so writing logs never sits on an invocation's path.
 */
export class LogBatcher {
  private readonly pending = new Map<string, PendingStream>();
  private scheduled = false;

  constructor(private readonly logs: () => LogsInternal) {}

  write(ctx: RequestContext, group: string, stream: string, events: LogEventInput[]): void {
    if (events.length === 0) return;
    const key = `${ctx.accountId}/${ctx.region}/${group}/${stream}`;
    const entry = this.pending.get(key);
    if (entry) entry.events.push(...events);
    else this.pending.set(key, { ctx, group, stream, events: [...events] });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    const batches = [...this.pending.values()];
    this.pending.clear();
    for (const { ctx, group, stream, events } of batches) {
      // Raw stdout and console lines reach us by different paths: order them as they happened.
      events.sort((a, b) => a.timestamp - b.timestamp);
      try {
        // Lambda creates its log group on first output (and again if someone deleted it).
        this.logs().ensureLogGroup(ctx, group);
        this.logs().appendEvents(ctx, group, stream, events);
      } catch {
        // Function output must never fail an invocation; lines a logs service cannot take are
        // lost, as AWS drops logs it cannot write.
      }
    }
  }
}
