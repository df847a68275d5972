import { FilterLogEventsCommand, ResourceNotFoundException, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

export interface TailedEvent {
  eventId: string;
  message: string;
  timestamp: number;
  ingestionTime: number;
}

/**
 * Follows one log group from a start time, reading each event once. Probes for many orders share
 * one tail, so a check costs one FilterLogEvents page walk per refresh, not one per order.
 * No filterPattern is sent: LocalStack ignores it, so the callers filter what they read.
 */
export class LogTail {
  private readonly seen = new Set<string>();
  private from: number;
  private inFlight: Promise<void> | undefined;
  private lastRefresh = 0;

  constructor(
    private readonly logs: CloudWatchLogsClient,
    readonly groupName: string,
    since: number,
    private readonly onEvent: (event: TailedEvent) => void,
    /** How far before the newest event each refresh reads again: ingestion is not in order on AWS. */
    private readonly overlapMs = 5_000,
  ) {
    this.from = since;
  }

  /** Reads what arrived since the last refresh; concurrent callers share one walk. */
  refresh(minIntervalMs = 0): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (Date.now() - this.lastRefresh < minIntervalMs) return Promise.resolve();
    this.inFlight = this.walk().finally(() => {
      this.inFlight = undefined;
      this.lastRefresh = Date.now();
    });
    return this.inFlight;
  }

  private async walk(): Promise<void> {
    let nextToken: string | undefined;
    let newest = this.from;
    do {
      let page;
      try {
        page = await this.logs.send(
          new FilterLogEventsCommand({ logGroupName: this.groupName, startTime: this.from, nextToken }),
        );
      } catch (err) {
        // A function's log group appears with its first invocation.
        if (err instanceof ResourceNotFoundException) return;
        throw err;
      }
      for (const e of page.events ?? []) {
        if (!e.eventId || this.seen.has(e.eventId)) continue;
        this.seen.add(e.eventId);
        newest = Math.max(newest, e.timestamp ?? 0);
        this.onEvent({
          eventId: e.eventId,
          message: e.message ?? '',
          timestamp: e.timestamp ?? 0,
          ingestionTime: e.ingestionTime ?? e.timestamp ?? 0,
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    this.from = Math.max(this.from, newest - this.overlapMs);
  }
}
