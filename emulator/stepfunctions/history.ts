/** One event of an execution's history, as GetExecutionHistory returns it (details under their AWS key). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  /** The details member, e.g. `{ stateEnteredEventDetails: {...} }`; absent for events without details. */
  details?: Record<string, Record<string, unknown>>;
}

/**
 * The execution's history. Ids count from 1; `previousEventId` names the event that led to this one.
 * Executions here run one state at a time per branch, so that is the previous event, except where AWS
 * records 0: the first state entered (ExecutionStarted does not lead it) and ExecutionAborted.
 */
export class ExecutionHistory {
  readonly events: HistoryEvent[] = [];
  private source = 0;

  add(type: string, details?: Record<string, Record<string, unknown>>, options: { leads?: boolean; previousEventId?: number } = {}): HistoryEvent {
    const event: HistoryEvent = {
      id: this.events.length + 1,
      previousEventId: options.previousEventId ?? this.source,
      timestamp: new Date(),
      type,
    };
    if (details) event.details = details;
    if (options.leads !== false) this.source = event.id;
    this.events.push(event);
    return event;
  }
}

const DATA_MEMBERS = ['input', 'inputDetails', 'output', 'outputDetails'];

/** The wire shape; without execution data (`includeExecutionData: false`) inputs and outputs are left out. */
export function historyEventToWire(event: HistoryEvent, includeExecutionData: boolean): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    timestamp: event.timestamp.getTime() / 1000,
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
  };
  for (const [key, value] of Object.entries(event.details ?? {})) {
    wire[key] = includeExecutionData ? value : Object.fromEntries(Object.entries(value).filter(([member]) => !DATA_MEMBERS.includes(member)));
  }
  return wire;
}
