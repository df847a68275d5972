import { Worker } from 'node:worker_threads';
import type { LogEventInput } from '../../core/hub';

const WORKER_SCRIPT = new URL('./worker-runtime.mjs', import.meta.url);
/**
 * AWS gives the init phase (runtime start and the handler's module scope) ten seconds. An
 * on-demand function whose init takes longer is not failed: Lambda runs the init again as part of
 * the first invocation, under the function's own timeout ("suppressed init").
 */
export const INIT_TIMEOUT_MS = 10_000;

export interface EnvironmentSpec {
  taskRoot: string;
  handler: string;
  memorySize: number;
  /** The complete environment of the worker: it never sees the emulator's own `process.env`. */
  env: Record<string, string>;
  logStreamName: string;
  /** Set when ES-module imports of `@aws-sdk/*` need the resolution hook (code outside our tree). */
  sdkFallbackParent?: string;
  /** The function's generation the environment was built from. */
  generation: number;
}

export interface InvocationInput {
  requestId: string;
  payload: Buffer;
  invokedArn: string;
  clientContext?: string;
  traceHeader?: string;
  timeoutMs: number;
  /** Part of the timeout already used (by an init that ran past its ten seconds). */
  usedMs?: number;
}

/** What one invocation in one environment produced. */
export interface RawOutcome {
  /** The handler failed (or the environment did): the body is an error payload. */
  error: boolean;
  body: Buffer;
  /** The invocation's own output lines, for `LogType: Tail`. */
  lines: LogEventInput[];
  heapBytes?: number;
  /** Why the environment ended during the invocation: REPORT's `Status`. */
  status?: 'timeout' | 'error';
  errorType?: string;
}

type WorkerMessage =
  | { t: 'ready' }
  | { t: 'init-error'; body: Uint8Array; times: number[]; lines: string[] }
  | { t: 'logs'; times: number[]; lines: string[] }
  | { t: 'done'; id: string; error: boolean; body: Uint8Array; times: number[]; lines: string[]; heap: number };

interface Pending {
  id: string;
  lines: LogEventInput[];
  timer: NodeJS.Timeout;
  resolve(outcome: RawOutcome): void;
}

/**
 * One execution environment: a worker thread that loaded the handler once and serves one
 * invocation at a time, reused while it lives (module scope survives between invocations).
 * A timeout or a crash ends it; the next invocation gets a fresh one, as on AWS.
 */
export class ExecutionEnvironment {
  readonly logStreamName: string;
  readonly generation: number;
  initDurationMs = 0;
  /** Init time past the 10-second init phase: it counts against the first invocation's timeout. */
  initOverrunMs = 0;
  lastUsed = Date.now();
  /** Whether the first invocation (which reports the init duration) has been served. */
  served = false;
  private alive = true;
  private pending?: Pending;
  private exitReason?: { errorType: string; message: string };

  private constructor(
    private readonly worker: Worker,
    spec: EnvironmentSpec,
    private readonly output: (lines: LogEventInput[]) => void,
  ) {
    this.logStreamName = spec.logStreamName;
    this.generation = spec.generation;
  }

  get usable(): boolean {
    return this.alive;
  }

  /**
   * Starts a worker and loads the handler (the init phase), for the invocation `requestId`. An
   * init failure is that invocation's answer: the runtime's error payload, or an exit error.
   * An init longer than ten seconds goes on under the function's timeout (`timeoutMs`), as
   * Lambda's init retried within the first invocation does; past it, the invocation times out.
   * AWS starts that second init afresh; here the first one simply continues, which ends the same
   * way without loading the handler twice on a machine that is already slow.
   */
  static start(
    spec: EnvironmentSpec,
    requestId: string,
    output: (lines: LogEventInput[]) => void,
    timeoutMs: number,
  ): Promise<{ env: ExecutionEnvironment } | { initError: RawOutcome }> {
    const started = performance.now();
    const worker = new Worker(WORKER_SCRIPT, {
      workerData: { taskRoot: spec.taskRoot, handler: spec.handler, sdkFallbackParent: spec.sdkFallbackParent },
      env: spec.env,
      // No loader flags of the host (tsx, vitest): the handler runs on bare Node as on AWS.
      // TESTBED_LAMBDA_CPU_PROF=<dir> writes a CPU profile per execution environment there.
      execArgv: process.env.TESTBED_LAMBDA_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.TESTBED_LAMBDA_CPU_PROF] : [],
      resourceLimits: { maxOldGenerationSizeMb: spec.memorySize },
      stdout: true,
      stderr: true,
      name: `lambda ${spec.env.AWS_LAMBDA_FUNCTION_NAME ?? ''}`,
    });
    const env = new ExecutionEnvironment(worker, spec, output);
    env.captureStreams();
    worker.on('error', (err: Error & { code?: string }) => {
      env.exitReason = err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? { errorType: 'Runtime.OutOfMemory', message: 'Runtime exited with error: signal: killed' }
        : { errorType: 'Runtime.ExitError', message: `Runtime exited with error: ${err.message}` };
    });
    return new Promise((resolve) => {
      const fail = (body: Buffer, errorType: string, status: 'error' | 'timeout' = 'error') => {
        clearTimeout(timer);
        worker.off('message', onFirst);
        worker.off('exit', onEarlyExit);
        env.terminate();
        resolve({ initError: { error: true, body, lines: [], status, errorType } });
      };
      const failWith = (errorType: string, message: string, status?: 'timeout') =>
        fail(Buffer.from(JSON.stringify({ errorType, errorMessage: `RequestId: ${requestId} Error: ${message}` })), errorType, status);
      // Ten seconds of init, then the function's timeout for the init and the handler together.
      let timer = setTimeout(() => {
        timer = setTimeout(() => failWith('Sandbox.Timedout', `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`, 'timeout'), timeoutMs);
      }, INIT_TIMEOUT_MS);
      const onFirst = (msg: WorkerMessage) => {
        if (msg.t === 'logs') {
          output(toEvents(msg.times, msg.lines));
        } else if (msg.t === 'ready') {
          clearTimeout(timer);
          worker.off('message', onFirst);
          worker.off('exit', onEarlyExit);
          env.initDurationMs = performance.now() - started;
          env.initOverrunMs = Math.max(0, env.initDurationMs - INIT_TIMEOUT_MS);
          worker.on('message', (m: WorkerMessage) => env.onMessage(m));
          worker.on('exit', (code) => env.onExit(code));
          worker.unref();
          resolve({ env });
        } else if (msg.t === 'init-error') {
          output(toEvents(msg.times, msg.lines));
          const body = Buffer.from(msg.body.buffer, msg.body.byteOffset, msg.body.byteLength);
          fail(body, (JSON.parse(body.toString('utf8')) as { errorType: string }).errorType);
        }
      };
      const onEarlyExit = (code: number) => {
        const reason = env.exitReason ?? exitError(code);
        failWith(reason.errorType, reason.message);
      };
      worker.on('message', onFirst);
      worker.on('exit', onEarlyExit);
    });
  }

  invoke(input: InvocationInput): Promise<RawOutcome> {
    if (!this.alive || this.pending) throw new Error('execution environment is not available');
    this.served = true;
    // The request body may share Node's pooled buffer: copy into an array we can hand over.
    const event = new Uint8Array(input.payload.byteLength);
    event.set(input.payload);
    this.worker.ref();
    const leftMs = input.timeoutMs - (input.usedMs ?? 0);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.timeOut(input), leftMs);
      this.pending = { id: input.requestId, lines: [], timer, resolve };
      this.worker.postMessage(
        { t: 'invoke', id: input.requestId, event, deadline: Date.now() + leftMs, arn: input.invokedArn, clientContext: input.clientContext, trace: input.traceHeader },
        [event.buffer],
      );
    });
  }

  terminate(): void {
    this.alive = false;
    void this.worker.terminate();
  }

  private onMessage(msg: WorkerMessage): void {
    if (msg.t === 'logs') {
      const events = toEvents(msg.times, msg.lines);
      this.output(events);
      this.pending?.lines.push(...events);
    } else if (msg.t === 'done' && this.pending?.id === msg.id) {
      const events = toEvents(msg.times, msg.lines);
      this.output(events);
      const pending = this.settle();
      pending.lines.push(...events);
      pending.resolve({ error: msg.error, body: Buffer.from(msg.body.buffer, msg.body.byteOffset, msg.body.byteLength), lines: pending.lines, heapBytes: msg.heap });
    }
  }

  private timeOut(input: InvocationInput): void {
    if (!this.pending) return;
    const pending = this.settle();
    this.terminate();
    const seconds = (input.timeoutMs / 1000).toFixed(2);
    const payload = { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${input.requestId} Error: Task timed out after ${seconds} seconds` };
    pending.resolve({ error: true, body: Buffer.from(JSON.stringify(payload)), lines: pending.lines, status: 'timeout', errorType: 'Sandbox.Timedout' });
  }

  private onExit(code: number): void {
    this.alive = false;
    this.worker.unref();
    if (!this.pending) return;
    const pending = this.settle();
    const reason = this.exitReason ?? exitError(code);
    const payload = { errorType: reason.errorType, errorMessage: `RequestId: ${pending.id} Error: ${reason.message}` };
    pending.resolve({ error: true, body: Buffer.from(JSON.stringify(payload)), lines: pending.lines, status: 'error', errorType: reason.errorType });
  }

  private settle(): Pending {
    const pending = this.pending!;
    clearTimeout(pending.timer);
    this.pending = undefined;
    this.lastUsed = Date.now();
    if (this.alive) this.worker.unref();
    return pending;
  }

  /** Raw writes to stdout/stderr (not through console) are log lines too, as on AWS. */
  private captureStreams(): void {
    for (const stream of [this.worker.stdout, this.worker.stderr]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        const now = Date.now();
        const events = parts.map((line) => ({ timestamp: now, message: `${line}\n` }));
        this.output(events);
        this.pending?.lines.push(...events);
      });
    }
  }
}

function exitError(code: number): { errorType: string; message: string } {
  return {
    errorType: 'Runtime.ExitError',
    message: code === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${code}`,
  };
}

function toEvents(times: number[], lines: string[]): LogEventInput[] {
  return lines.map((message, i) => ({ timestamp: times[i]!, message }));
}
