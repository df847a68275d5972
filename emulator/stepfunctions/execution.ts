import { StatesError } from './asl/errors';
import { FailStateError, Interpreter, Stopped, type Machine, type TaskCall } from './asl/interpreter';
import type { Json } from './asl/jsonpath';
import { ExecutionHistory, type HistoryEvent } from './history';
import { resolveIntegration, type TaskContext, type TaskIntegration } from './integrations';
import type { StateMachineRecord } from './store';
import { RuntimeFailure } from './task-failure';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** The state machine as it was when the execution started (updates do not reach running executions). */
export type StateMachineSnapshot = Readonly<Omit<StateMachineRecord, 'tags'>>;

/** What an execution needs from outside: where tasks run and the emulator's time scale. */
export interface ExecutionEnvironment {
  taskContext: Omit<TaskContext, 'executionArn' | 'stateMachineArn'>;
  timeScale: number;
}

const DATA = { truncated: false };

/** An execution as the state folder keeps it (kept-executions.ts). */
export interface KeptExecution {
  arn: string;
  name: string;
  stateMachine: StateMachineSnapshot;
  input: string;
  startDate: Date;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
}

/**
 * One execution: runs the definition on the ASL interpreter (asl/), records AWS-shaped history and
 * ends in SUCCEEDED, FAILED, TIMED_OUT or ABORTED.
 */
export class Execution {
  readonly startDate: Date;
  readonly history = new ExecutionHistory();
  status: ExecutionStatus = 'RUNNING';
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  /** Settles when the execution has ended and its history is complete. */
  readonly finished: Promise<void>;

  private readonly stopSignal: Promise<void>;
  private signalStop: () => void = () => {};
  private ended = false;

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly stateMachine: StateMachineSnapshot,
    readonly input: string,
    private readonly env: ExecutionEnvironment,
    kept?: KeptExecution,
  ) {
    this.startDate = kept?.startDate ?? new Date();
    this.stopSignal = new Promise<void>((resolve) => {
      this.signalStop = resolve;
    });
    if (kept && kept.status !== 'RUNNING') {
      // An execution that had ended before a restart: as it ended, with its history.
      Object.assign(this, { status: kept.status, stopDate: kept.stopDate, output: kept.output, error: kept.error, cause: kept.cause });
      this.history.events.push(...kept.events);
      this.ended = true;
      this.finished = Promise.resolve();
      return;
    }
    // A new execution, or one that was running when the emulator stopped: it runs from its first state.
    this.finished = Promise.resolve().then(() => this.run());
  }

  /** What the state folder keeps of the execution. */
  toKept(): KeptExecution {
    const { arn, name, stateMachine, input, startDate, status, stopDate, output, error, cause } = this;
    return { arn, name, stateMachine, input, startDate, status, stopDate, output, error, cause, events: this.history.events };
  }

  get isRunning(): boolean {
    return this.status === 'RUNNING';
  }

  /** StopExecution: ABORTED at once; the interpreter stops at its next step. */
  stop(error?: string, cause?: string): Date {
    if (!this.isRunning) return this.stopDate!;
    this.status = 'ABORTED';
    this.stopDate = new Date();
    this.error = error;
    this.cause = cause;
    this.ended = true;
    this.history.add('ExecutionAborted', { executionAbortedEventDetails: { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) } }, { previousEventId: 0 });
    this.signalStop();
    return this.stopDate;
  }

  private async run(): Promise<void> {
    const machine = this.stateMachine.parsed as unknown as Machine;
    this.history.add('ExecutionStarted', { executionStartedEventDetails: { input: this.input, inputDetails: DATA, roleArn: this.stateMachine.roleArn } }, { leads: false });
    const interpreter = new Interpreter({
      history: this.history,
      context: {
        Execution: { Id: this.arn, Input: JSON.parse(this.input) as Json, StartTime: this.startDate.toISOString(), Name: this.name, RoleArn: this.stateMachine.roleArn, RedriveCount: 0 },
        StateMachine: { Id: this.stateMachine.arn, Name: this.stateMachine.name },
      },
      timeScale: this.env.timeScale,
      runTask: (call) => this.runTask(call),
      stopped: this.stopSignal,
      isStopped: () => this.ended,
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      if (typeof machine.TimeoutSeconds === 'number') timer = setTimeout(() => resolve('timeout'), machine.TimeoutSeconds * 1000);
    });
    try {
      const outcome = await Promise.race([interpreter.run(machine, JSON.parse(this.input) as Json), timedOut]);
      if (this.ended) return;
      if (outcome === 'timeout') {
        this.finish('TIMED_OUT', { error: 'States.Timeout' });
        this.history.add('ExecutionTimedOut', { executionTimedOutEventDetails: { error: 'States.Timeout' } });
        this.signalStop();
        return;
      }
      this.output = JSON.stringify(outcome ?? null);
      this.finish('SUCCEEDED', {});
      this.history.add('ExecutionSucceeded', { executionSucceededEventDetails: { output: this.output, outputDetails: DATA } });
    } catch (err) {
      if (this.ended || err instanceof Stopped) return;
      let failure: { error?: string; cause?: string };
      if (err instanceof FailStateError) failure = { error: err.error, cause: err.failCause };
      // An uncaught timeout has no cause on AWS; a Catch sees an empty one.
      else if (err instanceof StatesError) failure = { error: err.name, cause: err.name === 'States.Timeout' && !err.cause ? undefined : err.cause };
      else failure = { error: 'States.Runtime', cause: err instanceof Error ? err.message : String(err) };
      this.finish('FAILED', failure);
      this.history.add('ExecutionFailed', { executionFailedEventDetails: { ...(failure.error !== undefined ? { error: failure.error } : {}), ...(failure.cause !== undefined ? { cause: failure.cause } : {}) } });
    } finally {
      clearTimeout(timer);
    }
  }

  private finish(status: ExecutionStatus, failure: { error?: string; cause?: string }): void {
    this.ended = true;
    this.status = status;
    this.stopDate = new Date();
    this.error = failure.error;
    this.cause = failure.cause;
  }

  /**
   * Runs one Task attempt through the emulator's own integration and writes its history events:
   * scheduled, started, then succeeded, failed or timed out (`TimeoutSeconds`, not scaled: it is a
   * limit, not a delay). A late result of a timed-out attempt is dropped.
   */
  private async runTask(call: TaskCall): Promise<Json> {
    const { state, input, timeoutSeconds } = call;
    const resource = String(state.Resource);
    const integration = resolveIntegration(resource);
    if ('unsupported' in integration) throw new RuntimeFailure(integration.unsupported);
    const timeout = timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {};
    const context: TaskContext = { ...this.env.taskContext, stateMachineArn: this.stateMachine.arn, executionArn: this.arn };
    const service = integration.kind === 'service' ? { resourceType: integration.resourceType, resource: integration.resource } : undefined;
    if (service) {
      this.history.add('TaskScheduled', { taskScheduledEventDetails: { ...service, region: this.env.taskContext.region, parameters: JSON.stringify(input ?? null), ...timeout } });
      this.history.add('TaskStarted', { taskStartedEventDetails: service });
    } else {
      this.history.add('LambdaFunctionScheduled', {
        lambdaFunctionScheduledEventDetails: { resource: (integration as { functionArn: string }).functionArn, input: JSON.stringify(input ?? null), inputDetails: DATA, ...timeout },
      });
      this.history.add('LambdaFunctionStarted');
    }
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      if (timeoutSeconds === undefined) return;
      timer = setTimeout(() => {
        if (closed || !this.isRunning) return;
        closed = true;
        this.recordTimeout(integration);
        reject(new StatesError('States.Timeout', ''));
      }, timeoutSeconds * 1000);
    });
    const attempt = (async () => {
      try {
        const output = (await integration.invoke(input as never, context)) as Json;
        checkResultSize(output, service ? service.resourceType : resource);
        if (!closed && this.isRunning) {
          if (service) this.history.add('TaskSucceeded', { taskSucceededEventDetails: { ...service, output: JSON.stringify(output ?? null), outputDetails: DATA } });
          else this.history.add('LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output: JSON.stringify(output ?? null), outputDetails: DATA } });
        }
        return output;
      } catch (err) {
        const { error, cause } = describeError(err);
        if (!closed && this.isRunning) {
          if (service) this.history.add('TaskFailed', { taskFailedEventDetails: { ...service, error, cause } });
          else this.history.add('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error, cause } });
        }
        throw new StatesError(error, cause);
      } finally {
        closed = true;
        clearTimeout(timer);
      }
    })();
    timedOut.catch(() => {});
    call.abandoned?.catch(() => {
      closed = true;
      clearTimeout(timer);
    });
    return Promise.race([attempt, timedOut]);
  }

  private recordTimeout(integration: TaskIntegration): void {
    if (integration.kind === 'service') {
      this.history.add('TaskTimedOut', { taskTimedOutEventDetails: { resourceType: integration.resourceType, resource: integration.resource, error: 'States.Timeout' } });
    } else {
      this.history.add('LambdaFunctionTimedOut', { lambdaFunctionTimedOutEventDetails: { error: 'States.Timeout' } });
    }
  }
}

/** AWS's limit on a state's result: 256 KiB of UTF-8. */
const MAX_RESULT_BYTES = 256 * 1024;

/** AWS names the function ARN for a Lambda Resource, the service (`lambda`) for an integration. */
function checkResultSize(output: Json, task: string): void {
  if (Buffer.byteLength(JSON.stringify(output ?? null), 'utf8') > MAX_RESULT_BYTES) {
    throw new StatesError('States.DataLimitExceeded', `The state/task '${task}' returned a result with a size exceeding the maximum number of bytes service limit.`);
  }
}

function describeError(err: unknown): { error: string; cause?: string } {
  if (err instanceof StatesError) return { error: err.name, cause: err.cause };
  if (err instanceof Error) return { error: err.name, cause: err.message };
  return { error: 'States.TaskFailed', cause: String(err) };
}
