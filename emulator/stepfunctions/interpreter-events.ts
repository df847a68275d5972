import type { InterpreterEvent } from './asl-runtime';
import type { ExecutionHistory } from './history';
import type { AslState } from './validate-definition';

/** A Task attempt in flight: its result is recorded unless the interpreter gave up on it (timeout, abort). */
export interface TaskAttempt {
  closed: boolean;
  timedOut(): void;
}

export interface ExecutionFailure {
  error?: string;
  cause?: string;
}

const DATA = { truncated: false };

/**
 * Turns the interpreter's event log into AWS history events. State events become
 * `<Type>StateEntered`/`<Type>StateExited`; Task events (TaskScheduled ... TaskSucceeded) are written
 * by the task runner itself, in order, because the interpreter does not see the service call.
 * Retries add nothing (AWS shows the next TaskScheduled), Catch adds nothing (AWS shows the state's
 * exit with the error output).
 */
export class InterpreterEventTranslator {
  /** The event id at which each state was last entered, for AWS's States.Runtime cause text. */
  private readonly enteredAt = new Map<string, number>();
  /** Map and Parallel states that failed since they were entered (their exit then follows a Catch). */
  private readonly failedStates = new Set<string>();
  private lastFailedState?: { name: string; type: string };
  /** The execution's failure as history recorded it. */
  failure?: ExecutionFailure;

  constructor(
    private readonly history: ExecutionHistory,
    private readonly states: Map<string, AslState>,
    private readonly attempts: Map<string, TaskAttempt>,
    private readonly started: { input: string; roleArn: string },
    private readonly stopDetails: () => ExecutionFailure,
  ) {}

  enteredEventId(stateName: string): number | undefined {
    return this.enteredAt.get(stateName);
  }

  translate(event: InterpreterEvent): void {
    const h = this.history;
    switch (event.type) {
      case 'ExecutionStarted':
        h.add('ExecutionStarted', { executionStartedEventDetails: { input: this.started.input, inputDetails: DATA, roleArn: this.started.roleArn } }, { leads: false });
        return;
      case 'StateEntered': {
        const { name, type, input } = event.state;
        const entered = h.add(`${type}StateEntered`, { stateEnteredEventDetails: { name, input: json(input), inputDetails: DATA } });
        this.enteredAt.set(name, entered.id);
        this.failedStates.delete(name);
        if (type === 'Map' || type === 'Parallel') h.add(`${type}StateStarted`);
        return;
      }
      case 'StateExited': {
        const { name, type, output } = event.state;
        if ((type === 'Map' || type === 'Parallel') && !this.failedStates.has(name)) h.add(`${type}StateSucceeded`);
        h.add(`${type}StateExited`, { stateExitedEventDetails: { name, output: json(output), outputDetails: DATA } });
        return;
      }
      case 'StateFailed': {
        const { name, type } = event.state;
        this.lastFailedState = { name, type };
        if (type === 'Map' || type === 'Parallel') {
          this.failedStates.add(name);
          h.add(`${type}StateFailed`);
        }
        // The interpreter's Task timeout: the attempt is abandoned and recorded as timed out.
        if (type === 'Task' && event.Error === 'States.Timeout') {
          const attempt = this.attempts.get(name);
          if (attempt && !attempt.closed) attempt.timedOut();
        }
        return;
      }
      case 'StateRetried':
        // A retried Map or Parallel state starts its iterations or branches again.
        if (event.state.type === 'Map' || event.state.type === 'Parallel') h.add(`${event.state.type}StateStarted`);
        return;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const key = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
        h.add(event.type, { [key]: { name: event.parentState.name, index: event.index } });
        return;
      }
      case 'ExecutionSucceeded':
        h.add('ExecutionSucceeded', { executionSucceededEventDetails: { output: json(event.output), outputDetails: DATA } });
        return;
      case 'ExecutionFailed':
        this.failure = this.describeFailure(event.Error, event.Cause);
        h.add('ExecutionFailed', { executionFailedEventDetails: { ...this.failure } });
        return;
      case 'ExecutionAborted':
        h.add('ExecutionAborted', { executionAbortedEventDetails: { ...this.stopDetails() } }, { previousEventId: 0 });
        return;
      case 'ExecutionTimeout':
        this.failure = { error: 'States.Timeout' };
        h.add('ExecutionTimedOut', { executionTimedOutEventDetails: { ...this.failure } });
        return;
      default:
        // Parallel branch start/end: AWS records the Parallel state's own events only.
        return;
    }
  }

  /** AWS's error and cause for a failed execution, from what the interpreter reported. */
  private describeFailure(error: string, rawCause: unknown): ExecutionFailure {
    let cause = typeof rawCause === 'string' ? rawCause : rawCause === undefined ? undefined : JSON.stringify(rawCause);
    const failed = this.lastFailedState;
    if (failed?.type === 'Fail') {
      // A Fail state without Error or Cause leaves them out; the interpreter fills in placeholders.
      const state = this.states.get(failed.name);
      return {
        ...(state?.Error !== undefined || state?.ErrorPath !== undefined ? { error } : {}),
        ...(state?.Cause !== undefined || state?.CausePath !== undefined ? { cause } : {}),
      };
    }
    // The interpreter's timeout error carries its name as its message; AWS's cause is empty.
    if (error === 'States.Timeout' && cause === 'States.Timeout') cause = '';
    if (error === 'States.Runtime' && failed && cause !== undefined && !cause.startsWith('An error occurred while executing the state')) {
      cause = `An error occurred while executing the state '${failed.name}' (entered at the event id #${this.enteredAt.get(failed.name) ?? 0}). ${cause}`;
    }
    return { error, ...(cause !== undefined ? { cause } : {}) };
  }
}

function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}
