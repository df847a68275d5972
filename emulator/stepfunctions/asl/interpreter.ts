import { randomUUID } from 'node:crypto';
import { ExecutionHistory } from '../history';
import { evaluateRule } from './choice-rules';
import { runtimeError, StatesError, toStatesError } from './errors';
import { evaluateTemplate, type JsonataScope } from './jsonata-expressions';
import { applyResultPath, queryPath, requirePath, resolveTemplate, type Json, type PathScope } from './jsonpath';

/**
 * The Amazon States Language interpreter: runs a definition state by state, in JSONPath or
 * JSONata (top-level `QueryLanguage`, overridable per state), and writes the state-level history
 * events AWS writes. Task states call out through the host, which records the Task events.
 */

export type State = Record<string, unknown> & { Type: string };
export interface Machine {
  StartAt: string;
  States: Record<string, State>;
  QueryLanguage?: string;
  TimeoutSeconds?: number;
}

export interface TaskCall {
  stateName: string;
  state: State;
  input: Json;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  /** Rejects when the interpreter gives up on the attempt (stop, or a sibling branch failed): its late result is not recorded. */
  abandoned?: Promise<never>;
}

export interface InterpreterHost {
  history: ExecutionHistory;
  /** The Context Object's Execution and StateMachine members. */
  context: { Execution: Record<string, Json>; StateMachine: Record<string, Json> };
  timeScale: number;
  runTask(call: TaskCall): Promise<Json>;
  /** Resolves when the execution is stopped; every wait races it. */
  stopped: Promise<void>;
  isStopped(): boolean;
}

const DATA = { truncated: false };
const json = (v: unknown) => JSON.stringify(v ?? null);

/** Where a state runs: its variables (a Map iteration or Parallel branch has its own copy) and Map item. */
interface Frame {
  variables: Record<string, Json>;
  mapItem?: { Index: number; Value: Json };
  queryLanguage: string;
  /** The Map iteration or Parallel branch this runs in, which a failing sibling aborts. */
  branch?: Branch;
}

/** StopExecution ended the run. */
class Stopped extends Error {}
/** A sibling iteration or branch failed, so this one was aborted. */
class Aborted extends Error {}

/** A Map iteration or Parallel branch; aborting it aborts the branches nested in it. */
class Branch {
  aborted = false;
  private resolveAbort!: () => void;
  readonly aborting = new Promise<void>((resolve) => {
    this.resolveAbort = resolve;
  });

  constructor(parent?: Branch) {
    void parent?.aborting.then(() => this.abort());
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.resolveAbort();
  }
}

export class Interpreter {
  constructor(private readonly host: InterpreterHost) {}

  /** Runs the machine; resolves with its output, rejects with the StatesError that ended it. */
  run(machine: Machine, input: Json): Promise<Json> {
    return this.runMachine(machine, input, { variables: {}, queryLanguage: machine.QueryLanguage ?? 'JSONPath' });
  }

  private async runMachine(machine: Machine, input: Json, frame: Frame): Promise<Json> {
    let name: string | undefined = machine.StartAt;
    let data = input;
    while (name !== undefined) {
      if (this.host.isStopped()) throw new Stopped();
      if (frame.branch?.aborted) throw new Aborted();
      const state = machine.States[name];
      if (!state) throw runtimeError(`The state '${name}' does not exist.`);
      const next = await this.runState(name, state, data, { ...frame, queryLanguage: (state.QueryLanguage as string | undefined) ?? frame.queryLanguage });
      data = next.output;
      name = next.next;
    }
    return data;
  }

  private contextFor(name: string, enteredTime: string, frame: Frame): Json {
    const ctx: Record<string, Json> = {
      Execution: this.host.context.Execution,
      StateMachine: this.host.context.StateMachine,
      State: { Name: name, EnteredTime: enteredTime },
    };
    if (frame.mapItem) ctx.Map = { Item: frame.mapItem };
    return ctx;
  }

  private async runState(name: string, state: State, input: Json, frame: Frame): Promise<{ output: Json; next?: string }> {
    const h = this.host.history;
    const entered = h.add(`${state.Type}StateEntered`, { stateEnteredEventDetails: { name, input: json(input), inputDetails: DATA } });
    const enteredTime = entered.timestamp.toISOString();
    const jsonata = frame.queryLanguage === 'JSONata';
    const retriesUsed = new Map<number, number>();
    const retryDelays = new Map<number, number>();
    for (;;) {
      const context = this.contextFor(name, enteredTime, frame);
      try {
        const result = jsonata ? await this.jsonataState(name, state, input, context, frame) : await this.jsonPathState(name, state, input, context, frame);
        checkOutputSize(name, result.output);
        this.assign(frame, result.assigned);
        if (state.Type === 'Map') h.add('MapStateSucceeded');
        h.add(`${state.Type}StateExited`, { stateExitedEventDetails: { name, output: json(result.output), outputDetails: DATA } });
        return { output: result.output, next: result.next };
      } catch (thrown) {
        if (thrown instanceof Stopped) throw thrown;
        if (thrown instanceof Aborted) {
          h.add(`${state.Type}StateAborted`);
          throw thrown;
        }
        const err = toStatesError(thrown);
        if (state.Type === 'Map') h.add('MapStateFailed');
        // In a Map iteration or Parallel branch, a state the error leaves is recorded as aborted;
        // a Parallel state records its failure only when no Retry or Catch takes it.
        const escapes = (e: StatesError) => {
          if (frame.branch && state.Type !== 'Fail') h.add(`${state.Type}StateAborted`);
          if (state.Type === 'Parallel') h.add('ParallelStateFailed');
          return e;
        };
        if (err.name === 'States.Runtime' || (err.name === 'States.QueryEvaluationError' && !this.catchable(state, err))) {
          if (state.Type === 'Parallel') h.add('ParallelStateFailed');
          // The innermost state names itself; Map and Parallel pass their branch's failure on as it is.
          if (err.cause?.startsWith('An error occurred while executing the state')) throw err;
          const cause = `An error occurred while executing the state '${name}' (entered at the event id #${entered.id}). ${err.cause ?? ''}`;
          if (err.name === 'States.QueryEvaluationError') h.add('EvaluationFailed', { evaluationFailedEventDetails: { error: err.name, cause, state: name } });
          throw new StatesError(err.name, cause);
        }
        if (state.Type === 'Fail') throw err;
        const retriers = (state.Retry as Array<Record<string, unknown>> | undefined) ?? [];
        const retrierIndex = retriers.findIndex((r) => matchesError(r.ErrorEquals as string[], err.name));
        if (retrierIndex >= 0) {
          const retrier = retriers[retrierIndex]!;
          const used = retriesUsed.get(retrierIndex) ?? 0;
          const maxAttempts = (retrier.MaxAttempts as number | undefined) ?? 3;
          if (used < maxAttempts) {
            const interval = (retrier.IntervalSeconds as number | undefined) ?? 1;
            const backoff = (retrier.BackoffRate as number | undefined) ?? 2;
            let delay = retryDelays.get(retrierIndex) ?? interval;
            if (typeof retrier.MaxDelaySeconds === 'number') delay = Math.min(delay, retrier.MaxDelaySeconds);
            retryDelays.set(retrierIndex, delay * backoff);
            retriesUsed.set(retrierIndex, used + 1);
            const wait = retrier.JitterStrategy === 'FULL' ? Math.random() * delay : delay;
            await this.sleep(wait * this.host.timeScale * 1000, frame);
            continue;
          }
        }
        const catcher = ((state.Catch as Array<Record<string, unknown>> | undefined) ?? []).find((c) => matchesError(c.ErrorEquals as string[], err.name));
        if (!catcher) throw escapes(err);
        const errorOutput: Json = { Error: err.name, ...(err.cause !== undefined ? { Cause: err.cause } : {}) };
        let output: Json;
        let assigned: Record<string, Json> | undefined;
        if (jsonata) {
          const scope = this.jsonataScope(input, context, frame, { errorOutput });
          output = catcher.Output !== undefined ? ((await evaluateTemplate(catcher.Output, scope, 'Output')) ?? null) : errorOutput;
          if (catcher.Assign !== undefined) assigned = (await evaluateTemplate(catcher.Assign, scope, 'Assign')) as Record<string, Json>;
        } else {
          if (catcher.Assign !== undefined) assigned = resolveTemplate(catcher.Assign as Json, errorOutput, { context, variables: frame.variables }) as Record<string, Json>;
          output = applyResultPath(catcher.ResultPath as string | null | undefined, input, errorOutput);
        }
        this.assign(frame, assigned);
        h.add(`${state.Type}StateExited`, { stateExitedEventDetails: { name, output: json(output), outputDetails: DATA } });
        return { output, next: catcher.Next as string };
      }
    }
  }

  private catchable(state: State, err: StatesError): boolean {
    return ((state.Catch as Array<Record<string, unknown>> | undefined) ?? []).some((c) => matchesError(c.ErrorEquals as string[], err.name));
  }

  private assign(frame: Frame, assigned: Record<string, Json> | undefined): void {
    if (!assigned) return;
    for (const [k, v] of Object.entries(assigned)) frame.variables[k] = v;
  }

  private next(state: State): string | undefined {
    return state.End === true ? undefined : (state.Next as string | undefined);
  }

  // ---------- JSONPath ----------

  private async jsonPathState(name: string, state: State, rawInput: Json, context: Json, frame: Frame): Promise<{ output: Json; next?: string; assigned?: Record<string, Json> }> {
    const scope: PathScope = { context, variables: frame.variables };
    const inputPath = state.InputPath as string | null | undefined;
    const input = inputPath === null ? {} : inputPath === undefined ? rawInput : requirePath(inputPath, rawInput, scope);
    const finish = (result: Json, assignFrom: Json) => {
      const assigned = state.Assign !== undefined ? (resolveTemplate(state.Assign as Json, assignFrom, scope) as Record<string, Json>) : undefined;
      const placed = applyResultPath(state.ResultPath as string | null | undefined, rawInput, result);
      const output = this.outputPath(state, placed, scope);
      return { output, next: this.next(state), assigned };
    };
    switch (state.Type) {
      case 'Pass': {
        const result = state.Parameters !== undefined ? resolveTemplate(state.Parameters as Json, input, scope) : state.Result !== undefined ? (state.Result as Json) : input;
        return finish(result, result);
      }
      case 'Succeed':
        return { output: this.outputPath(state, input, scope), next: undefined };
      case 'Fail': {
        const error = state.ErrorPath !== undefined ? this.failField('ErrorPath', state.ErrorPath as string, rawInput, scope) : (state.Error as string | undefined);
        const cause = state.CausePath !== undefined ? this.failField('CausePath', state.CausePath as string, rawInput, scope) : (state.Cause as string | undefined);
        throw new FailStateError(error, cause);
      }
      case 'Wait': {
        await this.waitFor(this.waitSeconds(state, input, scope), frame);
        const assigned = state.Assign !== undefined ? (resolveTemplate(state.Assign as Json, input, scope) as Record<string, Json>) : undefined;
        return { output: this.outputPath(state, input, scope), next: this.next(state), assigned };
      }
      case 'Choice': {
        for (const rule of (state.Choices as Array<Record<string, unknown>>) ?? []) {
          if (evaluateRule(rule, input, scope)) {
            const assigned = rule.Assign !== undefined ? (resolveTemplate(rule.Assign as Json, input, scope) as Record<string, Json>) : undefined;
            return { output: this.outputPath(state, input, scope), next: rule.Next as string, assigned };
          }
        }
        if (state.Default === undefined) throw new StatesError('States.NoChoiceMatched', `No Choice Rules matched and no default was specified`);
        const assigned = state.Assign !== undefined ? (resolveTemplate(state.Assign as Json, input, scope) as Record<string, Json>) : undefined;
        return { output: this.outputPath(state, input, scope), next: state.Default as string, assigned };
      }
      case 'Task': {
        const args = state.Parameters !== undefined ? resolveTemplate(state.Parameters as Json, input, scope) : input;
        const timeoutSeconds = state.TimeoutSecondsPath !== undefined ? this.positiveInt(requirePath(state.TimeoutSecondsPath as string, input, scope)) : (state.TimeoutSeconds as number | undefined);
        const heartbeatSeconds = state.HeartbeatSecondsPath !== undefined ? this.positiveInt(requirePath(state.HeartbeatSecondsPath as string, input, scope)) : (state.HeartbeatSeconds as number | undefined);
        let result = await this.task({ stateName: name, state, input: args, timeoutSeconds, heartbeatSeconds }, frame);
        if (state.ResultSelector !== undefined) result = resolveTemplate(state.ResultSelector as Json, result, scope);
        return finish(result, result);
      }
      case 'Parallel': {
        const args = state.Parameters !== undefined ? resolveTemplate(state.Parameters as Json, input, scope) : input;
        let result = await this.parallel(state, args, frame);
        if (state.ResultSelector !== undefined) result = resolveTemplate(state.ResultSelector as Json, result, scope);
        return finish(result, result);
      }
      case 'Map': {
        const items = state.ItemsPath !== undefined ? requirePath(state.ItemsPath as string, input, scope) : input;
        const selector = (state.ItemSelector ?? state.Parameters) as Json | undefined;
        const maxConcurrency = state.MaxConcurrencyPath !== undefined ? this.mapNumber('MaxConcurrencyPath', requirePath(state.MaxConcurrencyPath as string, input, scope)) : ((state.MaxConcurrency as number | undefined) ?? 0);
        const tolerated = this.toleratedFailures(state, (field) => requirePath(state[field] as string, input, scope));
        let result = await this.map(name, state, items, frame, maxConcurrency, tolerated, (item, index) =>
          selector !== undefined ? resolveTemplate(selector, input, { context: { ...(context as object), Map: { Item: { Index: index, Value: item } } } as Json, variables: frame.variables }) : item,
        );
        if (state.ResultSelector !== undefined) result = resolveTemplate(state.ResultSelector as Json, result, scope);
        return finish(result, result);
      }
      default:
        throw runtimeError(`Unsupported state type '${state.Type}'.`);
    }
  }

  private outputPath(state: State, data: Json, scope: PathScope): Json {
    const outputPath = state.OutputPath as string | null | undefined;
    if (outputPath === null) return {};
    if (outputPath === undefined) return data;
    return requirePath(outputPath, data, scope);
  }

  private failField(field: string, path: string, input: Json, scope: PathScope): string {
    const value = queryPath(path, input, scope);
    if (value === undefined) throw runtimeError(`The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`);
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  private waitSeconds(state: State, input: Json, scope: PathScope): number {
    if (typeof state.Seconds === 'number') return state.Seconds * this.host.timeScale;
    if (state.SecondsPath !== undefined) return this.positiveInt(requirePath(state.SecondsPath as string, input, scope)) * this.host.timeScale;
    const timestamp = state.Timestamp !== undefined ? (state.Timestamp as string) : state.TimestampPath !== undefined ? requirePath(state.TimestampPath as string, input, scope) : undefined;
    if (typeof timestamp === 'string') return Math.max(0, (Date.parse(timestamp) - Date.now()) / 1000);
    return 0;
  }

  private positiveInt(value: Json): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw runtimeError(`Expected a non-negative integer, got ${JSON.stringify(value)}`);
    return value;
  }

  /** MaxConcurrency(Path): a non-negative integer, which AWS also takes written as a string ("1"). */
  private mapNumber(field: string, value: Json): number {
    const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw runtimeError(`The ${field} field's value must be a non-negative integer: ${JSON.stringify(value)}`);
    return n;
  }

  // ---------- JSONata ----------

  private jsonataScope(input: Json, context: Json, frame: Frame, extra: { result?: Json; errorOutput?: Json } = {}): JsonataScope {
    return { states: { input, context, ...extra }, variables: frame.variables };
  }

  private async jsonataState(name: string, state: State, input: Json, context: Json, frame: Frame): Promise<{ output: Json; next?: string; assigned?: Record<string, Json> }> {
    const base = this.jsonataScope(input, context, frame);
    const eval_ = async (value: unknown, field: string, scope: JsonataScope = base) => evaluateTemplate(value, scope, field);
    const finish = async (result: Json, next: string | undefined, carrier: Record<string, unknown> = state) => {
      const scope = this.jsonataScope(input, context, frame, state.Type === 'Task' || state.Type === 'Map' || state.Type === 'Parallel' ? { result } : {});
      const assigned = carrier.Assign !== undefined ? ((await eval_(carrier.Assign, 'Assign', scope)) as Record<string, Json>) : undefined;
      const output = carrier.Output !== undefined ? ((await eval_(carrier.Output, 'Output', scope)) ?? null) : result;
      return { output, next, assigned };
    };
    switch (state.Type) {
      case 'Pass':
        return finish(input, this.next(state));
      case 'Succeed':
        return finish(input, undefined);
      case 'Fail': {
        const error = state.Error !== undefined ? await eval_(state.Error, 'Error') : undefined;
        const cause = state.Cause !== undefined ? await eval_(state.Cause, 'Cause') : undefined;
        throw new FailStateError(error === undefined ? undefined : String(error), cause === undefined ? undefined : typeof cause === 'string' ? cause : JSON.stringify(cause));
      }
      case 'Wait': {
        let seconds = 0;
        if (state.Seconds !== undefined) seconds = this.positiveInt((await eval_(state.Seconds, 'Seconds')) ?? null) * this.host.timeScale;
        else if (state.Timestamp !== undefined) seconds = Math.max(0, (Date.parse(String(await eval_(state.Timestamp, 'Timestamp'))) - Date.now()) / 1000);
        await this.waitFor(seconds, frame);
        return finish(input, this.next(state));
      }
      case 'Choice': {
        for (const rule of (state.Choices as Array<Record<string, unknown>>) ?? []) {
          const condition = await eval_(rule.Condition, 'Condition');
          if (typeof condition !== 'boolean') throw new StatesError('States.QueryEvaluationError', `The Condition of a Choice rule must evaluate to a boolean, got ${JSON.stringify(condition)}`);
          if (condition) return finish(input, rule.Next as string, rule);
        }
        if (state.Default === undefined) throw new StatesError('States.NoChoiceMatched', `No Choice Rules matched and no default was specified`);
        return finish(input, state.Default as string);
      }
      case 'Task': {
        const args = state.Arguments !== undefined ? ((await eval_(state.Arguments, 'Arguments')) ?? null) : input;
        const timeoutSeconds = state.TimeoutSeconds !== undefined ? this.positiveInt((await eval_(state.TimeoutSeconds, 'TimeoutSeconds')) ?? null) : undefined;
        const heartbeatSeconds = state.HeartbeatSeconds !== undefined ? this.positiveInt((await eval_(state.HeartbeatSeconds, 'HeartbeatSeconds')) ?? null) : undefined;
        const result = await this.task({ stateName: name, state, input: args, timeoutSeconds, heartbeatSeconds }, frame);
        return finish(result, this.next(state));
      }
      case 'Parallel': {
        const args = state.Arguments !== undefined ? ((await eval_(state.Arguments, 'Arguments')) ?? null) : input;
        return finish(await this.parallel(state, args, frame), this.next(state));
      }
      case 'Map': {
        const items = state.Items !== undefined ? ((await eval_(state.Items, 'Items')) ?? null) : input;
        const maxConcurrency = state.MaxConcurrency !== undefined ? this.mapNumber('MaxConcurrency', (await eval_(state.MaxConcurrency, 'MaxConcurrency')) ?? null) : 0;
        const tolerated = await this.toleratedFailuresJsonata(state, eval_);
        const result = await this.map(name, state, items, frame, maxConcurrency, tolerated, async (item, index) => {
          if (state.ItemSelector === undefined) return item;
          const ctx = { ...(context as object), Map: { Item: { Index: index, Value: item } } } as Json;
          return (await evaluateTemplate(state.ItemSelector, this.jsonataScope(input, ctx, frame), 'ItemSelector')) ?? null;
        });
        return finish(result, this.next(state));
      }
      default:
        throw runtimeError(`Unsupported state type '${state.Type}'.`);
    }
  }

  // ---------- Task, Parallel, Map ----------

  /** Rejects when the execution is stopped (Stopped) or the branch this runs in is aborted (Aborted). */
  private interrupted(frame: Frame): Promise<never> {
    const stopped = this.host.stopped.then(() => Promise.reject(new Stopped()));
    const aborted = frame.branch ? frame.branch.aborting.then(() => Promise.reject(new Aborted())) : new Promise<never>(() => {});
    const either = Promise.race([stopped, aborted]);
    either.catch(() => {});
    return either;
  }

  private async task(call: TaskCall, frame: Frame): Promise<Json> {
    const interrupted = this.interrupted(frame);
    const attempt = this.host.runTask({ ...call, abandoned: interrupted });
    attempt.catch(() => {});
    return Promise.race([attempt, interrupted]);
  }

  /** Runs every branch on the same input; the first to fail aborts the others. */
  private async parallel(state: State, input: Json, frame: Frame): Promise<Json> {
    this.host.history.add('ParallelStateStarted');
    const branches = ((state.Branches as Machine[]) ?? []).map((machine) => ({ machine, branch: new Branch(frame.branch) }));
    let failure: unknown;
    const runs = branches.map(({ machine, branch }) =>
      this.runMachine(machine, input, { variables: { ...frame.variables }, queryLanguage: machine.QueryLanguage ?? frame.queryLanguage, branch }).catch((err: unknown) => {
        if (!(err instanceof Aborted) && failure === undefined) {
          failure = err;
          for (const other of branches) other.branch.abort();
        }
        throw err;
      }),
    );
    const settled = await Promise.allSettled(runs);
    if (failure !== undefined) throw failure;
    const aborted = settled.find((r) => r.status === 'rejected');
    if (aborted) throw (aborted as PromiseRejectedResult).reason;
    return settled.map((r) => (r as PromiseFulfilledResult<Json>).value);
  }

  private toleratedFailures(state: State, read: (field: string) => Json): { count?: number; percentage?: number } {
    const count = state.ToleratedFailureCountPath !== undefined ? read('ToleratedFailureCountPath') : (state.ToleratedFailureCount as Json | undefined);
    const percentage = state.ToleratedFailurePercentagePath !== undefined ? read('ToleratedFailurePercentagePath') : (state.ToleratedFailurePercentage as Json | undefined);
    return this.checkTolerated(count, percentage);
  }

  private async toleratedFailuresJsonata(state: State, eval_: (v: unknown, f: string) => Promise<Json | undefined>) {
    const count = state.ToleratedFailureCount !== undefined ? await eval_(state.ToleratedFailureCount, 'ToleratedFailureCount') : undefined;
    const percentage = state.ToleratedFailurePercentage !== undefined ? await eval_(state.ToleratedFailurePercentage, 'ToleratedFailurePercentage') : undefined;
    return this.checkTolerated(count, percentage);
  }

  /** AWS takes the tolerated failures as numbers or as numeric strings ("1"). */
  private checkTolerated(rawCount: Json | undefined, rawPercentage: Json | undefined): { count?: number; percentage?: number } {
    const numeric = (v: Json | undefined) => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v);
    const count = numeric(rawCount);
    const percentage = numeric(rawPercentage);
    if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 0)) {
      throw runtimeError(`ToleratedFailureCount cannot be negative or non-integer: ${JSON.stringify(count)}`);
    }
    if (percentage !== undefined && (typeof percentage !== 'number' || percentage < 0 || percentage > 100)) {
      throw runtimeError(`ToleratedFailurePercentage must be between 0 and 100: ${JSON.stringify(percentage)}`);
    }
    return { count: count as number | undefined, percentage: percentage as number | undefined };
  }

  private async map(
    name: string,
    state: State,
    items: Json,
    frame: Frame,
    maxConcurrency: number,
    tolerated: { count?: number; percentage?: number },
    select: (item: Json, index: number) => Json | Promise<Json>,
  ): Promise<Json> {
    if (!Array.isArray(items)) throw runtimeError(`Map state input must be an array, got ${JSON.stringify(items)}`);
    this.host.history.add('MapStateStarted', { mapStateStartedEventDetails: { length: items.length } });
    const processor = (state.ItemProcessor ?? state.Iterator) as Machine & { ProcessorConfig?: { Mode?: string } };
    // A distributed Map's iterations are child executions on AWS: the parent's history shows the
    // Map Run only, so the iterations run against a history of their own here.
    if (processor.ProcessorConfig?.Mode === 'DISTRIBUTED') {
      const mapRunArn = `${String(this.host.context.StateMachine.Id).replace(':stateMachine:', ':mapRun:')}/${name}:${randomUUID()}`;
      this.host.history.add('MapRunStarted', { mapRunStartedEventDetails: { mapRunArn } });
      const iterations = new Interpreter({ ...this.host, history: new ExecutionHistory() });
      try {
        const result = await iterations.iterate(name, processor, items, frame, maxConcurrency, tolerated, select);
        this.host.history.add('MapRunSucceeded');
        return result;
      } catch (err) {
        if (!(err instanceof Stopped)) this.host.history.add('MapRunFailed', { mapRunFailedEventDetails: { error: toStatesError(err).name } });
        throw err;
      }
    }
    return this.iterate(name, processor, items, frame, maxConcurrency, tolerated, select);
  }

  private async iterate(
    name: string,
    processor: Machine,
    items: Json[],
    frame: Frame,
    maxConcurrency: number,
    tolerated: { count?: number; percentage?: number },
    select: (item: Json, index: number) => Json | Promise<Json>,
  ): Promise<Json> {
    const h = this.host.history;
    const results: Json[] = new Array(items.length).fill(null);
    let failures = 0;
    let firstError: StatesError | undefined;
    const running = new Set<Branch>();
    let nextIndex = 0;
    const limit = maxConcurrency > 0 ? maxConcurrency : items.length;
    const allowed = () => {
      if (tolerated.count !== undefined && failures <= tolerated.count) return true;
      if (tolerated.percentage !== undefined && (failures / Math.max(items.length, 1)) * 100 <= tolerated.percentage) return true;
      return false;
    };
    const worker = async () => {
      while (nextIndex < items.length && !(firstError && !allowed())) {
        const index = nextIndex++;
        const item = items[index]!;
        h.add('MapIterationStarted', { mapIterationStartedEventDetails: { name, index } });
        const branch = new Branch(frame.branch);
        running.add(branch);
        try {
          const iterFrame: Frame = { variables: { ...frame.variables }, mapItem: { Index: index, Value: item }, queryLanguage: processor.QueryLanguage ?? frame.queryLanguage, branch };
          const selected = await select(item, index);
          results[index] = await this.runMachine(processor, selected, iterFrame);
          h.add('MapIterationSucceeded', { mapIterationSucceededEventDetails: { name, index } });
        } catch (err) {
          if (err instanceof Stopped) throw err;
          if (err instanceof Aborted) {
            h.add('MapIterationAborted', { mapIterationAbortedEventDetails: { name, index } });
            return;
          }
          failures += 1;
          firstError ??= toStatesError(err);
          h.add('MapIterationFailed', { mapIterationFailedEventDetails: { name, index } });
          if (!allowed()) {
            // Past the tolerated failures: the iterations still running are aborted.
            for (const other of running) if (other !== branch) other.abort();
            return;
          }
        } finally {
          running.delete(branch);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    if (firstError && !allowed()) {
      if (tolerated.count !== undefined || tolerated.percentage !== undefined) {
        throw new StatesError('States.ExceedToleratedFailureThreshold', 'The specified tolerated failure threshold was exceeded');
      }
      throw firstError;
    }
    return results;
  }

  private sleep(ms: number, frame: Frame): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    let timer: NodeJS.Timeout;
    return Promise.race([
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
      this.interrupted(frame),
    ]).finally(() => clearTimeout(timer));
  }

  private waitFor(seconds: number, frame: Frame): Promise<void> {
    return this.sleep(seconds * 1000, frame);
  }
}

/** A Fail state: its Error and Cause, either of which may be absent. */
export class FailStateError extends StatesError {
  constructor(
    readonly error: string | undefined,
    readonly failCause: string | undefined,
  ) {
    super(error ?? 'States.Fail', failCause);
  }
}

export { Stopped };

/** AWS's limit on what a state passes on: 256 KiB of UTF-8. */
const MAX_OUTPUT_BYTES = 256 * 1024;

function checkOutputSize(stateName: string, output: Json): void {
  if (Buffer.byteLength(JSON.stringify(output ?? null), 'utf8') > MAX_OUTPUT_BYTES) {
    throw new StatesError('States.DataLimitExceeded', `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`);
  }
}

/**
 * Retry and Catch matching: `States.ALL` matches everything but States.Runtime (which nothing
 * handles); `States.TaskFailed` matches everything but States.Timeout and States.Runtime.
 */
function matchesError(names: string[] | undefined, error: string): boolean {
  if (!names) return false;
  if (names.includes(error)) return true;
  if (names.includes('States.ALL')) return error !== 'States.Runtime';
  if (names.includes('States.TaskFailed')) return error !== 'States.Timeout' && error !== 'States.Runtime';
  return false;
}
