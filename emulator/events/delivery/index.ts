import type { Hub } from '../../core/hub';
import type { PendingHandle } from '../../core/settle';
import { internalContext } from '../../core/request-context';
import type { RegionalStore } from '../../core/regional-store';
import { targetPayload } from '../input-transform';
import type { IngestedEvent } from '../put-events';
import type { StoredEvent } from '../../persistence';
import type { Recorder } from '../recorder';
import type { EventsState, Rule, Target } from '../store';
import { apiDestinationDeliverer } from './api-destination';
import { failureFromError, type AttemptResult, type Deliverer, type DeliveryJob } from './attempt';
import { lambdaDeliverer } from './lambda';
import { logGroupDeliverer } from './log-group';
import { backoffMs, retryPolicyOf } from './retry-policy';
import { sendToDeadLetterQueue } from './dead-letter';
import { stepFunctionsDeliverer } from './step-functions';
import { traceAttempt, traceRules } from '../trace-records';

/** How long stop() waits for delivery attempts under way. */
const STOP_WAIT_MS = 2000;

/**
 * Routing and delivery, after PutEvents has answered: each accepted event is matched against
 * the enabled rules of its bus and sent to every target of every matching rule, with the
 * target's retry policy and dead-letter handling. Every match and attempt goes to the record.
 */
export class Delivery {
  private queue: IngestedEvent[] = [];
  private durableWrites: Promise<void>[] = [];
  /** Targets still to reach a final outcome, per event id: at zero the event is done with. */
  private readonly outstanding = new Map<string, number>();
  private scheduled = false;
  /** Accepted events not routed yet keep the emulator from settling. */
  /** One per queued event, so a settle for some orders waits only for their events. */
  private routing: PendingHandle[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly deliverers: {
    logs: Deliverer;
    lambda: Deliverer;
    states: Deliverer;
    apiDestination: Deliverer;
  };

  constructor(
    private readonly hub: Hub,
    private readonly store: RegionalStore<EventsState>,
    private readonly recorder: Recorder,
  ) {
    this.deliverers = {
      logs: logGroupDeliverer(hub),
      lambda: lambdaDeliverer(hub),
      states: stepFunctionsDeliverer(hub),
      apiDestination: apiDestinationDeliverer(hub, store),
    };
  }

  /**
   * Queues an accepted event; routing starts once the PutEvents answer is on its way. With a state
   * folder the event is also written there, and PutEvents answers only once that write is on
   * disk (`afterDurable`), so an event answered with an EventId survives a crash.
   */
  enqueue(event: IngestedEvent, alreadyKept = false): void {
    const persistence = this.hub.persistence;
    if (persistence && !alreadyKept) {
      const { envelope, accountId, region, bus, ingestedAt } = event;
      this.durableWrites.push(persistence.eventAccepted({ envelope, accountId, region, busName: bus.name, ingestedAt: ingestedAt.toISOString() }));
    }
    this.queue.push(event);
    this.routing.push(this.hub.pending.start('routing', `event ${event.envelope.id} accepted, not routed yet`, event.trace?.traceId));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** The PutEvents result, once the accepted events are on disk (at once without a state folder). */
  afterDurable<T>(result: T): T | Promise<T> {
    if (this.durableWrites.length === 0) return result;
    const writes = this.durableWrites;
    this.durableWrites = [];
    return Promise.all(writes).then(() => result);
  }

  /**
   * Routes again, after a restart on the same state folder, the events accepted before it and not
   * yet delivered to every target (at least once: a target that had it may get it again).
   */
  resume(events: StoredEvent[]): number {
    let resumed = 0;
    for (const stored of events) {
      const bus = this.store.get(stored.accountId, stored.region).buses.get(stored.busName);
      if (!bus) {
        this.hub.persistence?.eventDone(stored.envelope.id);
        continue;
      }
      const envelope = stored.envelope;
      this.enqueue({ envelope, json: JSON.stringify(envelope), ingestedAt: new Date(stored.ingestedAt), bus, accountId: stored.accountId, region: stored.region }, true);
      resumed++;
    }
    return resumed;
  }

  /**
   * Stops retries and waits (a little) for attempts under way; events not yet delivered are
   * abandoned. An in-process attempt (an API behind a slow function) cannot be aborted, so the
   * wait is bounded rather than held open by it.
   */
  async stop(): Promise<void> {
    this.abort.abort(new Error('the emulator is stopping'));
    this.queue = [];
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STOP_WAIT_MS);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), bound]);
    clearTimeout(timer);
  }

  private drain(): void {
    this.scheduled = false;
    const events = this.queue;
    const routing = this.routing;
    this.queue = [];
    this.routing = [];
    for (const event of events) this.route(event);
    for (const handle of routing) handle.done();
  }

  private route(event: IngestedEvent): void {
    const { bus } = event;
    const names = bus.index.match(event.envelope);
    const ruleSpans = traceRules(this.hub, event, bus, names);
    const jobs: Array<[Rule, Target]> = [];
    for (const name of names) {
      const rule = bus.rules.get(name);
      if (!rule || rule.state === 'DISABLED') continue;
      this.recorder.add({ kind: 'matched', eventId: event.envelope.id, accountId: event.accountId, region: event.region, bus: bus.name, rule: rule.name, ruleArn: rule.arn });
      for (const target of rule.targets.values()) jobs.push([rule, target]);
    }
    if (this.hub.persistence) {
      if (jobs.length === 0) this.hub.persistence.eventDone(event.envelope.id);
      else this.outstanding.set(event.envelope.id, (this.outstanding.get(event.envelope.id) ?? 0) + jobs.length);
    }
    for (const [rule, target] of jobs) this.deliver(event, rule, target, ruleSpans.get(rule.name));
  }

  private deliver(event: IngestedEvent, rule: Rule, target: Target, ruleTrace?: string): void {
    const payload = targetPayload(target, event, { ruleArn: rule.arn, ruleName: rule.name });
    const job: DeliveryJob = { ingested: event, ruleName: rule.name, ruleArn: rule.arn, target, body: payload.ok ? payload.body : '', ctx: internalContext(event.accountId, event.region), ruleTrace };
    this.beginAttempt(job);
    if (!payload.ok) {
      this.finish(job, 1, { ok: false, retryable: false, status: 'InvalidInput', errorCode: 'InvalidInput', reason: payload.reason }, 0);
      return;
    }
    const deliverer = this.delivererFor(target.Arn);
    if (!deliverer) {
      const service = target.Arn.split(':')[2] ?? target.Arn;
      this.finish(job, 1, { ok: false, retryable: false, status: 'UnsupportedTarget', errorCode: 'UnsupportedTarget', reason: `The emulator does not deliver to ${service} targets.` }, 0);
      return;
    }
    // The first attempt runs now; a synchronous success (a log group) costs no promise at all.
    const started = performance.now();
    let first: AttemptResult | Promise<AttemptResult>;
    try {
      first = deliverer(job, 1, this.abort.signal);
    } catch (err) {
      first = failureFromError(err);
    }
    if (first instanceof Promise) {
      this.track(job, () => first.then((result) => this.afterAttempt(deliverer, job, 1, result, performance.now() - started, 0)));
    } else {
      const latency = performance.now() - started;
      if (first.ok || !first.retryable) this.finish(job, 1, first, latency);
      else this.track(job, () => this.afterAttempt(deliverer, job, 1, first, latency, 0));
    }
  }

  private delivererFor(arn: string): Deliverer | undefined {
    if (arn.startsWith('arn:aws:logs:') || /^arn:[\w-]+:logs:/.test(arn)) return this.deliverers.logs;
    if (/^arn:[\w-]+:lambda:/.test(arn)) return this.deliverers.lambda;
    if (/^arn:[\w-]+:states:/.test(arn)) return this.deliverers.states;
    if (/^arn:[\w-]+:events:[^:]*:[^:]*:api-destination\//.test(arn)) return this.deliverers.apiDestination;
    return undefined;
  }

  /**
   * After a failed attempt: wait the back-off (or `Retry-After`, whichever is longer) and try
   * again, until the attempt succeeds, the failure is final, the retries run out, or waiting
   * would take the event past its maximum age. `ageMs` is the event's age in emulated time.
   */
  private async afterAttempt(deliverer: Deliverer, job: DeliveryJob, attempt: number, result: AttemptResult, latencyMs: number, ageMs: number): Promise<void> {
    const policy = retryPolicyOf(job.target);
    for (;;) {
      ageMs += latencyMs;
      if (result.ok || !result.retryable || result.stopRetrying) return this.finish(job, attempt, result, latencyMs);
      if (attempt > policy.maximumRetryAttempts) return this.finish(job, attempt, result, latencyMs, 'MaximumRetryAttempts');
      const wait = Math.max(backoffMs(attempt), result.retryAfterMs ?? 0);
      if (ageMs + wait > policy.maximumEventAgeMs) return this.finish(job, attempt, result, latencyMs, 'MaximumEventAgeInSeconds');
      this.record(job, attempt, result, latencyMs, 'failed');
      job.pending?.waitUntil(Date.now() + wait * this.hub.clock.scale);
      try {
        await this.hub.clock.sleep(wait, this.abort.signal);
      } catch {
        return; // stopping
      }
      job.pending?.running();
      ageMs += wait;
      attempt++;
      this.beginAttempt(job);
      const started = performance.now();
      try {
        result = await deliverer(job, attempt, this.abort.signal);
      } catch (err) {
        if (this.abort.signal.aborted) return;
        result = failureFromError(err);
      }
      latencyMs = performance.now() - started;
    }
  }

  /** Each attempt is a step of the trace, under the rule that matched; what it calls continues it. */
  private beginAttempt(job: DeliveryJob): void {
    if (job.ruleTrace) job.span = this.hub.trace.begin(job.ruleTrace);
  }

  /** The last attempt: recorded, and a final failure goes to the dead-letter queue or is lost. */
  private finish(job: DeliveryJob, attempt: number, result: AttemptResult, latencyMs: number, exhausted?: string): void {
    const eventId = job.ingested.envelope.id;
    // Executions are not kept across a restart: with a state folder the event is kept until the
    // execution it started has ended, and routed again if the emulator stops first.
    if (result.ok && result.settled && this.hub.persistence) {
      void result.settled.finally(() => {
        if (!this.abort.signal.aborted) this.targetDone(eventId);
      });
    } else {
      this.targetDone(eventId);
    }
    const reason = result.ok ? '' : exhausted ? `${exhausted} exhausted; last failure: ${result.reason}` : result.reason;
    const dlq = job.target.DeadLetterConfig?.Arn;
    this.record(job, attempt, result, latencyMs, result.ok ? 'succeeded' : 'failed-final', result.ok ? undefined : { arn: dlq, reason });
    if (result.ok) return;
    const sent = dlq ? sendToDeadLetterQueue(this.hub, job, attempt, result, exhausted) : undefined;
    this.recorder.add({
      kind: dlq ? 'dead-letter' : 'discarded',
      ...jobFields(job),
      attempt,
      errorCode: result.errorCode ?? String(result.status ?? ''),
      reason,
      ...(dlq ? { deadLetterArn: dlq, event: job.ingested.envelope, ...sent } : {}),
    });
  }

  private targetDone(eventId: string): void {
    const left = this.outstanding.get(eventId);
    if (left === undefined) return;
    if (left > 1) {
      this.outstanding.set(eventId, left - 1);
      return;
    }
    this.outstanding.delete(eventId);
    this.hub.persistence?.eventDone(eventId);
  }

  private record(job: DeliveryJob, attempt: number, result: AttemptResult, latencyMs: number, outcome: 'succeeded' | 'failed' | 'failed-final', deadLetter?: { arn?: string; reason: string }): void {
    traceAttempt(this.hub, job, attempt, result, latencyMs, outcome, deadLetter);
    this.recorder.add({
      kind: 'delivery',
      ...jobFields(job),
      outcome,
      status: result.status,
      attempt,
      latencyMs: Math.round(latencyMs * 1000) / 1000,
      ...(result.ok ? {} : { reason: result.reason, errorCode: result.errorCode }),
    });
  }

  /** An attempt under way (or a retry waiting): pending work until the job ends. */
  private track(job: DeliveryJob, run: () => Promise<void>): void {
    job.pending = this.hub.pending.start('delivery', `rule ${job.ruleName} to target ${job.target.Id} (event ${job.ingested.envelope.id})`, job.ingested.trace?.traceId);
    const tracked = run()
      .catch(() => undefined)
      .finally(() => {
        job.pending?.done();
        this.inFlight.delete(tracked);
      });
    this.inFlight.add(tracked);
  }
}

/** What every record about a delivery job says: which event, on which bus, for which rule and target. */
function jobFields(job: DeliveryJob) {
  return {
    eventId: job.ingested.envelope.id,
    accountId: job.ingested.accountId,
    region: job.ingested.region,
    bus: job.ingested.bus.name,
    rule: job.ruleName,
    ruleArn: job.ruleArn,
    targetId: job.target.Id,
    targetArn: job.target.Arn,
  };
}
