import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../core/aws-error';
import type { Hub } from '../core/hub';
import { parseTraceHeader } from '../core/trace';
import { sendJsonError } from '../protocol/json';

declare module '../core/hub' {
  interface Hub {
    /** Present when the emulator keeps its state in a folder: what a graceful stop lets finish. */
    drain?: Drain;
  }
  interface LambdaInternal {
    /** Starts no further asynchronous invocation: queued ones and those waiting to retry stay on disk. */
    drain?(): void;
  }
}

/** How long a graceful stop waits for the work under way: AWS's longest function timeout here is the stack's 10 s. */
export const DEFAULT_DRAIN_MS = 30_000;

/**
 * A graceful stop with a state folder. Stopping the work under way would repeat it after the
 * restart (a function stopped between its two writes runs again from the start), so the
 * emulator first stops taking new work, lets what runs finish, and only then stops:
 *
 * - new requests are answered 503 `ServiceUnavailable`, except those made by the work under way
 *   (a running function's SDK calls, a running execution's DynamoDB tasks), which carry the X-Ray
 *   trace header of their invocation or execution;
 * - queued asynchronous invocations and retries waiting for their back-off are not started: they
 *   stay in the state folder and run after the next start;
 * - running invocations, deliveries and executions finish, up to `DEFAULT_DRAIN_MS`; what is
 *   still running then is stopped, and resumed from the state folder after the next start.
 */
export class Drain {
  private draining = false;
  /**
   * Trace ids of the Lambda invocations under way (synchronous ones included), with how many of
   * each. Executions, deliveries and asynchronous invocations are pending work that carries its
   * trace id already (`hub.pending`).
   */
  private readonly running = new Map<string, number>();

  constructor(private readonly hub: Hub) {}

  /** Marks work of the trace named by `header` as under way; call the result when it ends. */
  enter(header: string | undefined): () => void {
    const traceId = parseTraceHeader(header)?.traceId;
    if (!traceId) return () => undefined;
    this.running.set(traceId, (this.running.get(traceId) ?? 0) + 1);
    return () => {
      const left = (this.running.get(traceId) ?? 1) - 1;
      if (left > 0) this.running.set(traceId, left);
      else this.running.delete(traceId);
    };
  }

  /** While draining, answers a request that is not part of the work under way with 503; true if it did. */
  refuse(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.draining) return false;
    const header = req.headers['x-amzn-trace-id'];
    const traceId = parseTraceHeader(typeof header === 'string' ? header : undefined)?.traceId;
    if (traceId && (this.running.has(traceId) || this.hub.pending.hasTrace(traceId))) return false;
    res.setHeader('connection', 'close');
    sendJsonError(res, new AwsError('ServiceUnavailable', 'The emulator is stopping; try again once it has started.', 503), 'stopping');
    return true;
  }

  /** Stops taking new work and waits, at most `boundMs`, for the work under way to finish. Returns whether it did. */
  async run(boundMs = DEFAULT_DRAIN_MS): Promise<boolean> {
    this.draining = true;
    this.hub.lambda.drain?.();
    const deadline = Date.now() + boundMs;
    for (;;) {
      const left = deadline - Date.now();
      // Horizon 0: a retry waiting for its back-off is not waited for (it is kept on disk).
      const answer = await this.hub.pending.settled(Math.max(0, left), 0);
      if (answer.settled && this.running.size === 0) return true;
      if (Date.now() >= deadline) {
        const what = [...answer.pending.map((p) => `${p.kind} ${p.detail}`), ...[...this.running.keys()].map((t) => `trace ${t}`)];
        console.warn(`Stopping after ${boundMs / 1000} s with work still under way (kept in the state folder, resumed at the next start): ${what.slice(0, 10).join('; ')}${what.length > 10 ? `; and ${what.length - 10} more` : ''}`);
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
