import type { Hub } from '../core/hub';
import type { Span } from '../core/trace';
import type { Execution } from './execution';
import { historyEventToWire } from './history';

/**
 * An execution as a step of the trace, recorded when it ends: its status, the states it went
 * through, its output (the workflow's decision) and its history, as GetExecutionHistory shows it.
 */
export async function traceExecution(hub: Hub, span: Span, execution: Execution): Promise<void> {
  if (!hub.trace.enabled) return;
  await execution.finished;
  const states: Array<{ name: string; enteredAt: string; output?: unknown }> = [];
  for (const event of execution.history.events) {
    const entered = event.details?.stateEnteredEventDetails;
    const exited = event.details?.stateExitedEventDetails;
    if (entered) states.push({ name: String(entered.name), enteredAt: event.timestamp.toISOString() });
    else if (exited) {
      const state = states.findLast((s) => s.name === exited.name);
      if (state) state.output = parse(exited.output);
    }
  }
  hub.trace.add({
    id: span.id,
    traceId: span.traceId,
    parentId: span.parentId,
    kind: 'execution',
    service: 'stepfunctions',
    name: execution.name,
    start: execution.startDate.getTime(),
    durationMs: (execution.stopDate ?? new Date()).getTime() - execution.startDate.getTime(),
    status: execution.status === 'SUCCEEDED' ? 'ok' : 'error',
    data: {
      executionArn: execution.arn,
      executionStatus: execution.status,
      input: parse(execution.input),
      output: parse(execution.output),
      ...(execution.error ? { error: execution.error, cause: execution.cause } : {}),
      states,
      history: execution.history.events.map((e) => historyEventToWire(e, true)),
    },
  });
}

function parse(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
