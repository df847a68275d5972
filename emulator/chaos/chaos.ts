import { AwsError } from '../core/aws-error';
import type { ServiceFaultRule, TestbedFaultRule } from './rules';

/** LocalStack's defaults for a rule without `error`. */
const DEFAULT_STATUS = 503;
const DEFAULT_CODE = 'ServiceUnavailable';
const FAULT_MESSAGE = 'Operation failed due to a simulated fault';

/** Aliases a rule may use for a service (the SigV4 signing name for Step Functions). */
const SERVICE_ALIASES: Record<string, string> = { states: 'stepfunctions', 'execute-api': 'apigateway', cloudwatchlogs: 'logs' };

export type EndpointFault = { kind: 'status'; statusCode: number; retryAfter?: string } | { kind: 'hang' } | { kind: 'drop' };

/**
 * The fault configuration of one emulator and the decisions made from it. Every service call,
 * whether it arrives over HTTP or from another service in-process, asks `serviceFault` (and
 * `dropsConnection`) once; Lambda's runtime asks `functionFault` before running a function;
 * EventBridge asks `endpointFault` before calling an API destination.
 */
export class Chaos {
  serviceRules: ServiceFaultRule[] = [];
  testbedRules: TestbedFaultRule[] = [];
  /** `/_localstack/chaos/effects`: added to every request, in milliseconds. */
  latencyMs = 0;
  /** How many faults of each kind were injected, for reports. */
  readonly injected = new Map<string, number>();

  constructor(private readonly random: () => number) {}

  /**
   * The first rule that matches the call and wins its draw decides, as LocalStack evaluates
   * rules in order: an AwsError in the rule's code and status, or nothing.
   */
  serviceFault(service: string, region: string, operation: string | undefined): AwsError | undefined {
    for (const rule of this.serviceRules) {
      if (!matches(rule, service, region, operation) || !this.draw(rule.probability)) continue;
      const code = rule.error?.code ?? DEFAULT_CODE;
      this.count(`${service}:${operation ?? '*'}:${code}`);
      return new AwsError(code, FAULT_MESSAGE, rule.error?.statusCode ?? DEFAULT_STATUS);
    }
    return undefined;
  }

  /** A `connection-drop` rule for this call: the request gets no answer at all. */
  dropsConnection(service: string, region: string, operation: string | undefined): boolean {
    for (const rule of this.testbedRules) {
      if (rule.fault !== 'connection-drop' || rule.resource !== undefined) continue;
      if (matches(rule, service, region, operation) && this.draw(rule.probability)) {
        this.count(`${service}:${operation ?? '*'}:connection-drop`);
        return true;
      }
    }
    return false;
  }

  /** Whether this run of a function fails (`error`) or runs past its timeout (`timeout`). */
  functionFault(functionName: string, region: string): 'error' | 'timeout' | undefined {
    for (const rule of this.testbedRules) {
      if (rule.fault !== 'function-error' && rule.fault !== 'function-timeout') continue;
      if (rule.resource !== functionName || (rule.region !== undefined && rule.region !== region)) continue;
      if (!this.draw(rule.probability)) continue;
      this.count(`lambda:${functionName}:${rule.fault}`);
      return rule.fault === 'function-error' ? 'error' : 'timeout';
    }
    return undefined;
  }

  /** What an API destination's endpoint does to this request instead of answering normally. */
  endpointFault(destinationName: string, region: string): EndpointFault | undefined {
    for (const rule of this.testbedRules) {
      if (rule.fault !== 'endpoint-status' && rule.fault !== 'endpoint-hang' && rule.fault !== 'connection-drop') continue;
      if (rule.resource !== destinationName || (rule.region !== undefined && rule.region !== region)) continue;
      if (!this.draw(rule.probability)) continue;
      this.count(`api-destination:${destinationName}:${rule.fault}`);
      if (rule.fault === 'endpoint-hang') return { kind: 'hang' };
      if (rule.fault === 'connection-drop') return { kind: 'drop' };
      return { kind: 'status', statusCode: rule.statusCode ?? 503, ...(rule.retryAfter !== undefined ? { retryAfter: rule.retryAfter } : {}) };
    }
    return undefined;
  }

  private draw(probability = 1): boolean {
    return probability >= 1 || this.random() < probability;
  }

  private count(key: string): void {
    this.injected.set(key, (this.injected.get(key) ?? 0) + 1);
  }
}

function matches(rule: { service?: string; region?: string; operation?: string }, service: string, region: string, operation: string | undefined): boolean {
  if (rule.service !== undefined && normalise(rule.service) !== service) return false;
  if (rule.region !== undefined && rule.region !== region) return false;
  if (rule.operation !== undefined && rule.operation !== operation) return false;
  return true;
}

function normalise(service: string): string {
  const lower = service.toLowerCase();
  return SERVICE_ALIASES[lower] ?? lower;
}
