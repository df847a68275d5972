import type { Hub } from '../core/hub';
import type { PendingHandle } from '../core/settle';
import { internalContext } from '../core/request-context';
import type { FunctionStore } from './function-store';
import type { LambdaFunction } from './model';
import type { PoolOutcome } from './runtime/environment-pool';
import type { FunctionRuntime } from './runtime/function-runtime';
import { parseTraceHeader } from '../core/trace';

/** AWS waits one minute before the first retry and two before the second (emulated time). */
const RETRY_DELAYS_MS = [60_000, 120_000];
const DEFAULT_MAXIMUM_RETRIES = 2;
const DEFAULT_MAXIMUM_EVENT_AGE_S = 21_600;
/** Records kept for `GET /_testbed/lambda/async`; the oldest go first. */
const MAX_RECORDS = 2_000;

export type AsyncCondition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

export interface AsyncAttempt {
  startedAt: string;
  durationMs: number;
  functionError?: 'Unhandled';
  errorType?: string;
}

/** What happened to one asynchronous invocation: every attempt and where its result went. */
export interface AsyncInvocationRecord {
  requestId: string;
  functionArn: string;
  /** Who asked (`events` for EventBridge deliveries, `invoke` for the Invoke API, ...). */
  source: string;
  /** The caller's X-Ray trace header: each attempt continues its trace. */
  traceHeader?: string;
  receivedAt: string;
  status: 'queued' | 'running' | 'waiting-to-retry' | 'succeeded' | 'failed' | 'abandoned';
  attempts: AsyncAttempt[];
  condition?: AsyncCondition;
  destination?: { type: 'OnSuccess' | 'OnFailure' | 'DeadLetterQueue'; arn: string; delivered: boolean; error?: string };
  /** Set when a failed invocation had nowhere to go: AWS discards the event. */
  dropped?: boolean;
  /** Why processing ended early (the function was deleted, the emulator stopped). */
  reason?: string;
  finishedAt?: string;
}

export interface AsyncDeps {
  hub: Hub;
  functions: FunctionStore;
  runtime: FunctionRuntime;
  /** Invokes a function asynchronously (a Lambda destination). */
  invokeAsync(functionArn: string, payload: Buffer, source: string): Promise<unknown>;
}

/**
 * Lambda's asynchronous invocation: events are accepted at once, run in the background, retried
 * on function errors with AWS's back-off (scaled by the emulator's clock), bounded by the
 * function's MaximumRetryAttempts and MaximumEventAgeInSeconds, and their outcome goes to the
 * configured destination (EventBridge bus or Lambda function) or is dropped, with a record.
 */
export class AsyncInvocations {
  private readonly records: AsyncInvocationRecord[] = [];
  private readonly stopping = new AbortController();

  constructor(private readonly deps: AsyncDeps) {}

  /**
   * Accepts an invocation; with a state folder it is written there too (`durable` resolves once it
   * is on disk), unless it comes from there (`kept`: resumed after a restart).
   */
  enqueue(fn: LambdaFunction, payload: Buffer, requestId: string, source: string, traceHeader?: string, kept = false): AsyncInvocationRecord & { durable?: Promise<void> } {
    const record: AsyncInvocationRecord = {
      requestId,
      ...(traceHeader ? { traceHeader } : {}),
      functionArn: fn.arn,
      source,
      receivedAt: new Date().toISOString(),
      status: 'queued',
      attempts: [],
    };
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    // Accepted now, run after the caller has its 202; pending work until its last attempt ends.
    const pending = this.deps.hub.pending.start('async-invocation', `function ${fn.name} (request ${requestId})`, parseTraceHeader(traceHeader)?.traceId);
    setImmediate(() => {
      this.process(fn, payload, record, pending)
        .catch((err: unknown) => this.finish(record, 'abandoned', { reason: String(err) }, this.stopping.signal.aborted))
        .finally(pending.done);
    });
    const durable = kept ? undefined : this.deps.hub.persistence?.asyncAccepted({ requestId, functionArn: fn.arn, payload: payload.toString('base64'), source, ...(traceHeader ? { traceHeader } : {}) });
    return durable ? Object.assign(Object.create(record) as AsyncInvocationRecord, { durable }) : record;
  }

  list(filter: { functionName?: string } = {}): AsyncInvocationRecord[] {
    const name = filter.functionName;
    return name ? this.records.filter((r) => r.functionArn.endsWith(`:function:${name}`) || r.functionArn === name) : [...this.records];
  }

  /**
   * Starts no further attempt: invocations still queued (or waiting for a free execution
   * environment) and those waiting to retry end here (and,
   * with a state folder, stay there to run after the next start); attempts under way finish.
   */
  stop(): void {
    this.stopping.abort(new Error('the emulator stopped'));
    // Those waiting for a free execution environment have not started either.
    this.deps.runtime.wakeAll();
  }

  private async process(fn: LambdaFunction, payload: Buffer, record: AsyncInvocationRecord, pending: PendingHandle): Promise<void> {
    const received = Date.now();
    let last: PoolOutcome | undefined;
    for (let attempt = 0; ; attempt++) {
      if (attempt === 0 && this.stopping.signal.aborted) return this.finish(record, 'abandoned', { reason: 'the emulator stopped' }, true);
      const current = this.deps.functions.find(fn);
      if (current !== fn) return this.finish(record, 'abandoned', { reason: 'the function was deleted' });
      if (attempt > 0) {
        const config = fn.eventInvokeConfig;
        if (attempt > (config?.maximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRIES)) {
          return this.failed(fn, payload, record, 'RetriesExhausted', last!);
        }
        record.status = 'waiting-to-retry';
        const delay = RETRY_DELAYS_MS[attempt - 1]!;
        pending.waitUntil(Date.now() + delay * this.deps.hub.clock.scale);
        try {
          await this.deps.hub.clock.sleep(delay, this.stopping.signal);
        } catch {
          return this.finish(record, 'abandoned', { reason: 'the emulator stopped' }, true);
        }
        pending.running();
        const maxAgeMs = (fn.eventInvokeConfig?.maximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_S) * 1000;
        if (this.emulatedAgeMs(received) > maxAgeMs) return this.failed(fn, payload, record, 'EventAgeExceeded', last!);
        if (this.deps.functions.find(fn) !== fn) return this.finish(record, 'abandoned', { reason: 'the function was deleted' });
      }
      record.status = 'running';
      const startedAt = new Date();
      last = await this.deps.runtime.run(fn, { requestId: record.requestId, payload, invokedArn: fn.arn, traceHeader: record.traceHeader }, 'async', this.stopping.signal);
      record.attempts.push({
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
        ...(last.error ? { functionError: 'Unhandled' as const, errorType: errorTypeOf(last.body) } : {}),
      });
      if (!last.error) {
        record.condition = 'Success';
        const onSuccess = fn.eventInvokeConfig?.onSuccess;
        if (onSuccess) record.destination = await this.deliver(fn, payload, record, 'OnSuccess', onSuccess, last);
        return this.finish(record, 'succeeded');
      }
    }
  }

  private async failed(fn: LambdaFunction, payload: Buffer, record: AsyncInvocationRecord, condition: AsyncCondition, last: PoolOutcome): Promise<void> {
    record.condition = condition;
    const onFailure = fn.eventInvokeConfig?.onFailure;
    if (onFailure) {
      record.destination = await this.deliver(fn, payload, record, 'OnFailure', onFailure, last);
    } else if (fn.settings.deadLetterTargetArn) {
      record.destination = this.deadLetter(fn.settings.deadLetterTargetArn, payload, record, last);
    } else {
      record.dropped = true;
    }
    this.finish(record, 'failed');
  }

  /** Lambda's dead-letter message: the event as the body; the request id and the error as attributes. */
  private deadLetter(arn: string, payload: Buffer, record: AsyncInvocationRecord, last: PoolOutcome): NonNullable<AsyncInvocationRecord['destination']> {
    const parsed = parseOrText(last.body) as { errorMessage?: unknown } | undefined;
    const text = (value: string) => ({ DataType: 'String', StringValue: value });
    try {
      if (arn.split(':')[2] !== 'sqs') throw new Error('the embedded emulator delivers dead letters to SQS queues only');
      this.deps.hub.sqs.sendToArn(arn, payload.toString('utf8'), {
        RequestID: text(record.requestId),
        ErrorCode: text('200'),
        ErrorMessage: text(typeof parsed?.errorMessage === 'string' ? parsed.errorMessage : 'Unhandled'),
      });
      return { type: 'DeadLetterQueue', arn, delivered: true };
    } catch (err) {
      return { type: 'DeadLetterQueue', arn, delivered: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  private async deliver(
    fn: LambdaFunction,
    payload: Buffer,
    record: AsyncInvocationRecord,
    type: 'OnSuccess' | 'OnFailure',
    arn: string,
    last: PoolOutcome,
  ): Promise<NonNullable<AsyncInvocationRecord['destination']>> {
    const body = invocationRecord(fn, payload, record, last);
    const service = arn.split(':')[2];
    try {
      if (service === 'events') {
        const [, , , region, accountId] = arn.split(':');
        const result = await this.deps.hub.events.putEvents(internalContext(accountId, region), [
          {
            Source: 'lambda',
            DetailType: `Lambda Function Invocation Result - ${type === 'OnSuccess' ? 'Success' : 'Failure'}`,
            Detail: JSON.stringify(body),
            Resources: [arn, `${fn.arn}:$LATEST`],
            EventBusName: arn,
          },
        ]);
        const entry = result.Entries[0];
        if (result.FailedEntryCount > 0 || !entry?.EventId) throw new Error(entry?.ErrorMessage ?? 'PutEvents failed');
      } else if (service === 'lambda') {
        await this.deps.invokeAsync(arn, Buffer.from(JSON.stringify(body)), 'lambda-destination');
      } else {
        throw new Error(`the embedded emulator cannot deliver to ${service} destinations`);
      }
      return { type, arn, delivered: true };
    } catch (err) {
      return { type, arn, delivered: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Ends the invocation; one the emulator stopped before it ended (`kept`) stays in the state folder and runs after the next start. */
  private finish(record: AsyncInvocationRecord, status: AsyncInvocationRecord['status'], extra: Partial<AsyncInvocationRecord> = {}, kept = false): void {
    Object.assign(record, extra, { status, finishedAt: new Date().toISOString() });
    if (!kept) this.deps.hub.persistence?.asyncDone(record.requestId);
  }

  /** Event age on the emulator's clock: a time scale of 0.001 makes a minute pass in 60 ms. */
  private emulatedAgeMs(received: number): number {
    const real = Date.now() - received;
    const scale = this.deps.hub.clock.scale;
    return scale > 0 ? real / scale : real;
  }
}

/** The invocation record AWS sends to destinations. */
function invocationRecord(fn: LambdaFunction, payload: Buffer, record: AsyncInvocationRecord, last: PoolOutcome): Record<string, unknown> {
  return {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: record.requestId,
      functionArn: `${fn.arn}:$LATEST`,
      condition: record.condition,
      approximateInvokeCount: record.attempts.length,
    },
    requestPayload: parseOrText(payload),
    responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(last.error ? { functionError: 'Unhandled' } : {}) },
    responsePayload: parseOrText(last.body),
  };
}

function parseOrText(body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorTypeOf(body: Buffer): string | undefined {
  const parsed = parseOrText(body) as { errorType?: unknown } | undefined;
  return typeof parsed?.errorType === 'string' ? parsed.errorType : undefined;
}
