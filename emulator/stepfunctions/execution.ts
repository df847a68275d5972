import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine, type JsonValue, type TaskHandlers } from './asl-runtime';
import { ExecutionHistory } from './history';
import { resolveIntegration, type TaskContext, type TaskIntegration } from './integrations';
import { InterpreterEventTranslator, type ExecutionFailure, type TaskAttempt } from './interpreter-events';
import { prepareDefinition } from './runtime-definition';
import type { StateMachineRecord } from './store';
import { RuntimeFailure } from './task-failure';
import type { AslState } from './validate-definition';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** The state machine as it was when the execution started (updates do not reach running executions). */
export type StateMachineSnapshot = Readonly<Omit<StateMachineRecord, 'tags'>>;

/** What an execution needs from outside: where tasks run and the emulator's time scale. */
export interface ExecutionEnvironment {
  taskContext: Omit<TaskContext, 'executionArn' | 'stateMachineArn'>;
  timeScale: number;
}

/**
 * One execution: runs the definition on the interpreter, records AWS-shaped history and ends in
 * SUCCEEDED, FAILED, TIMED_OUT or ABORTED.
 */
export class Execution {
  readonly startDate = new Date();
  readonly history = new ExecutionHistory();
  status: ExecutionStatus = 'RUNNING';
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  /** Settles when the execution has ended and its history is complete. */
  readonly finished: Promise<void>;

  private readonly attempts = new Map<string, TaskAttempt>();
  private stopRequest?: ExecutionFailure;
  private abortRun: () => void = () => {};
  private readonly translator: InterpreterEventTranslator;

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly stateMachine: StateMachineSnapshot,
    readonly input: string,
    private readonly env: ExecutionEnvironment,
  ) {
    const prepared = prepareDefinition(stateMachine.parsed, env.timeScale);
    const translator = new InterpreterEventTranslator(
      this.history,
      prepared.states,
      this.attempts,
      { input, roleArn: stateMachine.roleArn },
      () => this.stopRequest ?? {},
    );
    this.translator = translator;
    if (prepared.unsupported) {
      this.finished = Promise.resolve().then(() => this.failBeforeStart(prepared.unsupported!));
      return;
    }
    const machine = new StateMachine(prepared.definition, { validationOptions: { noValidate: true } });
    const handlers: TaskHandlers = {};
    for (const [stateName, state] of prepared.states) {
      if (state.Type === 'Task') handlers[stateName] = (taskInput) => this.runTask(stateName, state, taskInput);
    }
    const run = machine.run(JSON.parse(input) as JsonValue, {
      overrides: { taskResourceLocalHandlers: handlers },
      context: this.contextObject(),
    });
    this.abortRun = run.abort;
    const recorded = (async () => {
      for await (const event of run.eventLogs) translator.translate(event);
    })();
    this.finished = Promise.allSettled([run.result, recorded]).then(([result, history]) => {
      this.settle(history.status === 'rejected' ? history : result);
    });
  }

  get isRunning(): boolean {
    return this.status === 'RUNNING';
  }

  /** StopExecution: ABORTED at once; the interpreter stops at its next step. */
  stop(error?: string, cause?: string): Date {
    if (!this.isRunning) return this.stopDate!;
    this.stopRequest = { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
    this.status = 'ABORTED';
    this.stopDate = new Date();
    this.error = error;
    this.cause = cause;
    for (const attempt of this.attempts.values()) attempt.closed = true;
    this.abortRun();
    return this.stopDate;
  }

  private settle(result: PromiseSettledResult<unknown>): void {
    if (this.status === 'ABORTED') return;
    this.stopDate = new Date();
    if (result.status === 'fulfilled') {
      this.status = 'SUCCEEDED';
      this.output = JSON.stringify(result.value ?? null);
      return;
    }
    const reason = result.reason;
    if (reason instanceof ExecutionAbortedError) {
      this.status = 'ABORTED';
    } else if (reason instanceof ExecutionTimeoutError) {
      this.status = 'TIMED_OUT';
      this.error = 'States.Timeout';
    } else if (reason instanceof ExecutionError && this.translator.failure) {
      this.status = 'FAILED';
      this.error = this.translator.failure.error;
      this.cause = this.translator.failure.cause;
    } else {
      // The interpreter (or the history translation) itself broke: report it as the runtime failure it is.
      this.status = 'FAILED';
      this.error = 'States.Runtime';
      this.cause = reason instanceof Error ? reason.message : String(reason);
      this.history.add('ExecutionFailed', { executionFailedEventDetails: { error: this.error, cause: this.cause } });
    }
  }

  private failBeforeStart(reason: string): void {
    this.history.add('ExecutionStarted', { executionStartedEventDetails: { input: this.input, inputDetails: { truncated: false }, roleArn: this.stateMachine.roleArn } }, { leads: false });
    this.status = 'FAILED';
    this.stopDate = new Date();
    this.error = 'States.Runtime';
    this.cause = reason;
    this.history.add('ExecutionFailed', { executionFailedEventDetails: { error: this.error, cause: this.cause } });
  }

  /** The Context Object (`$$`). `State.EnteredTime` is read when a path asks for it, i.e. as the state is entered. */
  private contextObject() {
    return {
      Execution: { Id: this.arn, Name: this.name, RoleArn: this.stateMachine.roleArn, RedriveCount: 0 },
      StateMachine: { Id: this.stateMachine.arn, Name: this.stateMachine.name },
      State: {
        get EnteredTime() {
          return new Date().toISOString();
        },
      },
    };
  }

  /**
   * Runs one Task attempt through the emulator's own integration and writes its history events.
   * The interpreter enters the state before calling here, and its event log reaches the translator
   * through promise callbacks only; waiting for the next macrotask lets every event queued so far
   * be recorded first, so TaskScheduled follows TaskStateEntered as on AWS.
   */
  private async runTask(stateName: string, state: AslState, input: JsonValue): Promise<JsonValue> {
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.isRunning) return null;
    const resource = String(state.Resource);
    const integration = resolveIntegration(resource);
    if ('unsupported' in integration) {
      throw new RuntimeFailure(`An error occurred while executing the state '${stateName}' (entered at the event id #${this.translator.enteredEventId(stateName) ?? 0}). ${integration.unsupported}`);
    }
    const attempt: TaskAttempt = { closed: false, timedOut: () => this.recordTimeout(attempt, integration) };
    this.attempts.set(stateName, attempt);
    const timeout = typeof state.TimeoutSeconds === 'number' ? { timeoutInSeconds: state.TimeoutSeconds } : {};
    const context: TaskContext = { ...this.env.taskContext, stateMachineArn: this.stateMachine.arn, executionArn: this.arn };

    if (integration.kind === 'service') {
      const task = { resourceType: integration.resourceType, resource: integration.resource };
      this.history.add('TaskScheduled', { taskScheduledEventDetails: { ...task, region: this.env.taskContext.region, parameters: JSON.stringify(input ?? null), ...timeout } });
      this.history.add('TaskStarted', { taskStartedEventDetails: task });
      try {
        const output = await integration.invoke(input, context);
        if (!attempt.closed) this.history.add('TaskSucceeded', { taskSucceededEventDetails: { ...task, output: JSON.stringify(output ?? null), outputDetails: { truncated: false } } });
        return output;
      } catch (err) {
        const { error, cause } = describeError(err);
        if (!attempt.closed) this.history.add('TaskFailed', { taskFailedEventDetails: { ...task, error, cause } });
        throw err;
      } finally {
        attempt.closed = true;
      }
    }

    this.history.add('LambdaFunctionScheduled', {
      lambdaFunctionScheduledEventDetails: { resource: integration.functionArn, input: JSON.stringify(input ?? null), inputDetails: { truncated: false }, ...timeout },
    });
    this.history.add('LambdaFunctionStarted');
    try {
      const output = await integration.invoke(input, context);
      if (!attempt.closed) this.history.add('LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output: JSON.stringify(output ?? null), outputDetails: { truncated: false } } });
      return output;
    } catch (err) {
      const { error, cause } = describeError(err);
      if (!attempt.closed) this.history.add('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error, cause } });
      throw err;
    } finally {
      attempt.closed = true;
    }
  }

  private recordTimeout(attempt: TaskAttempt, integration: TaskIntegration): void {
    attempt.closed = true;
    if (integration.kind === 'service') {
      this.history.add('TaskTimedOut', { taskTimedOutEventDetails: { resourceType: integration.resourceType, resource: integration.resource, error: 'States.Timeout' } });
    } else {
      this.history.add('LambdaFunctionTimedOut', { lambdaFunctionTimedOutEventDetails: { error: 'States.Timeout' } });
    }
  }
}

function describeError(err: unknown): { error: string; cause: string } {
  if (err instanceof Error) return { error: err.name, cause: err.message };
  return { error: 'States.TaskFailed', cause: String(err) };
}
