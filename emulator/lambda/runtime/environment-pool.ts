import { availableParallelism } from 'node:os';
import type { LogEventInput } from '../../core/hub';
import { lambdaError } from '../errors';
import type { LambdaFunction } from '../model';
import { ExecutionEnvironment, type EnvironmentSpec, type RawOutcome } from './execution-environment';
import { endLine, reportLine, startLine } from './invocation-report';

/**
 * Without reserved concurrency AWS scales a function up to the account's 1,000 concurrent
 * executions. Each environment here is a thread with its own heap, its own copy of the handler's
 * modules and its own JIT warm-up, and they all share this machine's cores: beyond two per core
 * they only add cold starts and garbage collection. So the emulator stops growing at that many
 * (at least 4, at most 10; `TESTBED_LAMBDA_ENVIRONMENTS` sets it) and lets further invocations
 * wait for a free environment instead.
 */
export const UNRESERVED_ENVIRONMENT_LIMIT = environmentLimit();

function environmentLimit(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TESTBED_LAMBDA_ENVIRONMENTS;
  if (raw !== undefined && raw !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`TESTBED_LAMBDA_ENVIRONMENTS must be a whole number of 1 or more, got "${raw}".`);
    return n;
  }
  return Math.min(10, Math.max(4, 2 * availableParallelism()));
}
/** Idle environments are reclaimed after this long, as AWS recycles idle sandboxes. */
export const IDLE_LIFETIME_MS = 5 * 60_000;

export interface PoolInvocation {
  requestId: string;
  payload: Buffer;
  invokedArn: string;
  clientContext?: string;
  /** `_X_AMZN_TRACE_ID` for the handler: the AWS SDK puts it on every call the handler makes. */
  traceHeader?: string;
}

export interface PoolOutcome {
  error: boolean;
  body: Buffer;
  /** START, the function's output, END and REPORT of this invocation. */
  logLines: string[];
}

export interface PoolDeps {
  /** The spec of a new environment (fresh log stream, environment variables). */
  spec(fn: LambdaFunction): EnvironmentSpec;
  /** Writes an environment's output to the function's log stream. */
  output(fn: LambdaFunction, stream: string, events: LogEventInput[]): void;
}

type Lease = { env: ExecutionEnvironment; cold: boolean } | { initError: RawOutcome; stream: string; initMs: number };

/**
 * The execution environments of one function. An invocation takes an idle environment (warm) or
 * starts one (cold) while fewer than the function's concurrency are busy; beyond that a
 * synchronous invocation of a function with reserved concurrency is throttled
 * (TooManyRequestsException), anything else waits for the next free environment.
 */
export class EnvironmentPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly all = new Set<ExecutionEnvironment>();
  private busy = 0;
  private waiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly deps: PoolDeps) {}

  get size(): number {
    return this.all.size;
  }

  /**
   * Runs one invocation. If `notStarted` is aborted while it waits for an environment, it rejects
   * with the signal's reason instead (the abort must be followed by `wake()`).
   */
  async run(fn: LambdaFunction, call: PoolInvocation, mode: 'sync' | 'async', notStarted?: AbortSignal): Promise<PoolOutcome> {
    const lease = await this.acquire(fn, call.requestId, mode, notStarted);
    const started = performance.now();
    try {
      const stream = 'env' in lease ? lease.env.logStreamName : lease.stream;
      const start: LogEventInput = { timestamp: Date.now(), message: startLine(call.requestId) };
      this.deps.output(fn, stream, [start]);
      if ('initError' in lease) {
        lease.initError.lines.unshift(start);
        return this.report(fn, stream, call.requestId, lease.initError, started, lease.initMs);
      }
      const { env, cold } = lease;
      // An init that ran past its ten seconds used part of the first invocation's timeout.
      const raw = await env.invoke({ ...call, timeoutMs: fn.settings.timeout * 1000, usedMs: cold ? env.initOverrunMs : 0 });
      raw.lines.unshift(start);
      return this.report(fn, stream, call.requestId, raw, started, cold ? env.initDurationMs : undefined);
    } finally {
      this.release(fn, 'env' in lease ? lease.env : undefined);
    }
  }

  /** Ends idle environments of older generations (after a code or configuration update). */
  retire(generation: number): void {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const env = this.idle[i]!;
      if (env.generation < generation || !env.usable) {
        this.idle.splice(i, 1);
        this.drop(env);
      }
    }
  }

  /** Ends environments idle for longer than `maxIdleMs`. */
  reap(maxIdleMs: number): void {
    const cutoff = Date.now() - maxIdleMs;
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const env = this.idle[i]!;
      if (env.lastUsed < cutoff) {
        this.idle.splice(i, 1);
        this.drop(env);
      }
    }
  }

  /** Lets waiting invocations look again (concurrency changed). */
  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /**
   * Ends every environment. Busy ones end when their invocation does, or at once with `now`
   * (the emulator stops: their invocations answer with an exit error).
   */
  close(now = false): void {
    this.closed = true;
    for (const env of this.idle.splice(0)) this.drop(env);
    if (now) for (const env of [...this.all]) this.drop(env);
    this.wake();
  }

  private async acquire(fn: LambdaFunction, requestId: string, mode: 'sync' | 'async', notStarted?: AbortSignal): Promise<Lease> {
    for (;;) {
      if (this.closed) throw lambdaError('ResourceNotFoundException', `Function not found: ${fn.arn}`);
      notStarted?.throwIfAborted();
      this.retire(fn.generation);
      const warm = this.idle.pop();
      if (warm) {
        this.busy++;
        return { env: warm, cold: false };
      }
      const limit = fn.reservedConcurrency ?? UNRESERVED_ENVIRONMENT_LIMIT;
      if (this.busy < limit) {
        this.busy++;
        try {
          return await this.startEnvironment(fn, requestId);
        } catch (err) {
          this.busy--;
          throw err;
        }
      }
      if (mode === 'sync' && fn.reservedConcurrency !== undefined) {
        throw lambdaError('TooManyRequestsException', 'Rate Exceeded.', { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private async startEnvironment(fn: LambdaFunction, requestId: string): Promise<Lease> {
    const spec = this.deps.spec(fn);
    const began = performance.now();
    const started = await ExecutionEnvironment.start(spec, requestId, (events) => this.deps.output(fn, spec.logStreamName, events), fn.settings.timeout * 1000);
    if ('initError' in started) return { initError: started.initError, stream: spec.logStreamName, initMs: performance.now() - began };
    this.all.add(started.env);
    return { env: started.env, cold: true };
  }

  private release(fn: LambdaFunction, env: ExecutionEnvironment | undefined): void {
    this.busy--;
    if (env) {
      if (env.usable && !this.closed && env.generation === fn.generation) this.idle.push(env);
      else this.drop(env);
    }
    this.waiters.shift()?.();
  }

  private drop(env: ExecutionEnvironment): void {
    this.all.delete(env);
    env.terminate();
  }

  private report(fn: LambdaFunction, stream: string, requestId: string, raw: RawOutcome, started: number, initDurationMs?: number): PoolOutcome {
    const durationMs = performance.now() - started;
    const tail: LogEventInput[] = [
      { timestamp: Date.now(), message: endLine(requestId) },
      {
        timestamp: Date.now(),
        message: reportLine(requestId, {
          durationMs,
          memorySize: fn.settings.memorySize,
          maxMemoryUsedMb: Math.ceil((raw.heapBytes ?? 0) / 1_048_576),
          initDurationMs,
          status: raw.status,
          errorType: raw.errorType,
        }),
      },
    ];
    this.deps.output(fn, stream, tail);
    return { error: raw.error, body: raw.body, logLines: [...raw.lines, ...tail].map((l) => l.message) };
  }
}
