import path from 'node:path';
import type { Hub } from '../../core/hub';
import { sdkResolvableFrom, type CodeStore } from '../code-package';
import type { LambdaFunction } from '../model';
import { EnvironmentPool, IDLE_LIFETIME_MS, type PoolInvocation, type PoolOutcome } from './environment-pool';
import { logStreamName, runtimeEnvironment } from './environment-variables';
import { LogBatcher } from './log-batcher';
import { traceInvocation } from './trace-invocation';
import { injectedFailure } from '../../chaos/function-faults';

/** Runs functions: one environment pool per function, output batched to CloudWatch Logs. */
export class FunctionRuntime {
  private readonly pools = new Map<LambdaFunction, EnvironmentPool>();
  private readonly logs: LogBatcher;
  private readonly reaper: NodeJS.Timeout;

  constructor(
    private readonly hub: Hub,
    private readonly code: CodeStore,
  ) {
    this.logs = new LogBatcher(() => hub.logs);
    this.reaper = setInterval(() => {
      for (const pool of this.pools.values()) pool.reap(IDLE_LIFETIME_MS);
    }, 60_000);
    this.reaper.unref();
  }

  /** Runs one invocation; one still waiting for an environment when `notStarted` aborts rejects instead of running. */
  async run(fn: LambdaFunction, call: PoolInvocation, mode: 'sync' | 'async', notStarted?: AbortSignal): Promise<PoolOutcome> {
    // The invocation is a step of its caller's trace (or starts one, as Lambda does).
    const span = this.hub.trace.begin(call.traceHeader);
    const fault = this.hub.chaos?.functionFault(fn.name, fn.region);
    const traced = { ...call, traceHeader: span.header };
    // Under way until it ends: a graceful stop lets it finish, and lets its SDK calls through.
    const leave = this.hub.drain?.enter(span.header);
    try {
      const outcome = await (fault ? injectedFailure(fn, traced, fault) : this.pool(fn).run(fn, traced, mode, notStarted));
      traceInvocation(this.hub, fn, span, call, mode, outcome);
      return outcome;
    } finally {
      leave?.();
    }
  }

  /** Number of live execution environments of a function. */
  environments(fn: LambdaFunction): number {
    return this.pools.get(fn)?.size ?? 0;
  }

  /** The function changed: idle environments of the old generation end now, busy ones after their invocation. */
  changed(fn: LambdaFunction): void {
    const pool = this.pools.get(fn);
    pool?.retire(fn.generation);
    pool?.wake();
  }

  /** Lets every invocation waiting for an environment look again (its `notStarted` signal may have been aborted). */
  wakeAll(): void {
    for (const pool of this.pools.values()) pool.wake();
  }

  removed(fn: LambdaFunction): void {
    this.pools.get(fn)?.close();
    this.pools.delete(fn);
  }

  stop(): void {
    clearInterval(this.reaper);
    for (const pool of this.pools.values()) pool.close(true);
    this.pools.clear();
    this.logs.flush();
  }

  private pool(fn: LambdaFunction): EnvironmentPool {
    let pool = this.pools.get(fn);
    if (!pool) {
      pool = new EnvironmentPool({
        spec: (f) => {
          const stream = logStreamName();
          const taskRoot = f.code.dir;
          const runtimeNodeModules = this.code.runtimeNodeModules;
          return {
            taskRoot,
            handler: f.settings.handler ?? '',
            memorySize: f.settings.memorySize,
            env: runtimeEnvironment(f, { endpoint: this.hub.endpoint, logStreamName: stream, taskRoot, runtimeNodeModules }),
            logStreamName: stream,
            sdkFallbackParent: sdkResolvableFrom(taskRoot) ? undefined : path.join(runtimeNodeModules, '..', 'resolve-from.mjs'),
            generation: f.generation,
          };
        },
        output: (f, stream, events) => this.logs.write({ accountId: f.accountId, region: f.region, requestId: '' }, f.settings.logGroup, stream, events),
      });
      this.pools.set(fn, pool);
    }
    return pool;
  }
}
