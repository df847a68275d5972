import type { Hub } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import type { Chaos } from './chaos';

/**
 * The calls services make to each other in-process, by the operation AWS would bill them as.
 * EventBridge's deliveries, API Gateway's Lambda integrations, Step Functions' tasks and Lambda's
 * destinations all go through these methods of the hub, so wrapping them here is what makes a
 * rule for `lambda`/`Invoke` fail an EventBridge delivery as it fails an SDK call. (Calls that
 * travel over HTTP, such as a Step Functions DynamoDB task or a handler's SDK client, meet the
 * same rules at the server's front door.)
 */
const IN_PROCESS_OPERATIONS = {
  lambda: { service: 'lambda', methods: { invoke: 'Invoke' } },
  stepfunctions: { service: 'stepfunctions', methods: { startExecution: 'StartExecution' } },
  events: { service: 'events', methods: { putEvents: 'PutEvents' } },
  logs: { service: 'logs', methods: { appendEvents: 'PutLogEvents' } },
} as const;

export function applyFaultsInProcess(hub: Hub, chaos: Chaos): void {
  for (const [key, { service, methods }] of Object.entries(IN_PROCESS_OPERATIONS)) {
    const target = hub[key as keyof typeof IN_PROCESS_OPERATIONS] as unknown as Record<string, unknown>;
    const wrapped: Record<string, unknown> = Object.create(target);
    for (const [method, operation] of Object.entries(methods)) {
      const original = target[method] as (ctx: RequestContext, ...rest: unknown[]) => unknown;
      wrapped[method] = function (this: unknown, ctx: RequestContext, ...rest: unknown[]) {
        const fault = chaos.serviceFault(service, ctx.region, operation);
        if (fault) {
          // Asynchronous methods fail as a rejected promise, as the real call would.
          if (method === 'appendEvents') throw fault;
          return Promise.reject(fault);
        }
        return original.call(target, ctx, ...rest);
      };
    }
    (hub as unknown as Record<string, unknown>)[key] = wrapped;
  }
}
