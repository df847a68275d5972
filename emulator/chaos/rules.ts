/**
 * The rule lists behind `/_localstack/chaos/faults` (LocalStack's shape) and
 * `/_testbed/chaos/faults` (the testbed's own faults, in the same style), and how a list is
 * edited: POST replaces it, PATCH adds rules, DELETE removes the rules equal to the ones given,
 * as LocalStack's Chaos API does. PUT is accepted as a replace too.
 */

/** A LocalStack Chaos API rule: every field optional; an empty rule matches every request. */
export interface ServiceFaultRule {
  service?: string;
  region?: string;
  operation?: string;
  probability?: number;
  error?: { statusCode?: number; code?: string };
}

export const TESTBED_FAULTS = ['function-error', 'function-timeout', 'endpoint-status', 'endpoint-hang', 'connection-drop'] as const;
export type TestbedFaultKind = (typeof TESTBED_FAULTS)[number];

/**
 * A testbed rule: what AWS failures look like from inside.
 * - `function-error`, `function-timeout`: a Lambda function (`resource`: its name) fails or runs
 *   past its timeout, as if its code had;
 * - `endpoint-status`, `endpoint-hang`: an API destination's endpoint (`resource`: the
 *   destination's name) answers `statusCode` (with `retryAfter`), or does not answer within
 *   EventBridge's 5 seconds;
 * - `connection-drop`: a request to the emulator (matched by `service`, `region`, `operation`)
 *   has its connection closed with no answer, or an API destination's request does.
 */
export interface TestbedFaultRule {
  fault: TestbedFaultKind;
  service?: string;
  region?: string;
  operation?: string;
  resource?: string;
  probability?: number;
  statusCode?: number;
  retryAfter?: string;
}

export class RuleInputError extends Error {}

export function parseServiceRules(body: unknown): ServiceFaultRule[] {
  const list = asList(body);
  return list.map((raw, i) => {
    const rule = asObject(raw, i);
    const out: ServiceFaultRule = {};
    for (const key of ['service', 'region', 'operation'] as const) if (rule[key] !== undefined) out[key] = asString(rule[key], `${i}.${key}`);
    if (rule.probability !== undefined) out.probability = asProbability(rule.probability, i);
    if (rule.error !== undefined) {
      const error = asObject(rule.error, i);
      out.error = {};
      if (error.statusCode !== undefined) out.error.statusCode = asStatus(error.statusCode, `${i}.error.statusCode`);
      if (error.code !== undefined) out.error.code = asString(error.code, `${i}.error.code`);
    }
    return out;
  });
}

export function parseTestbedRules(body: unknown): TestbedFaultRule[] {
  const list = asList(body);
  return list.map((raw, i) => {
    const rule = asObject(raw, i);
    const fault = rule.fault;
    if (typeof fault !== 'string' || !(TESTBED_FAULTS as readonly string[]).includes(fault)) {
      throw new RuleInputError(`rule ${i}: fault must be one of ${TESTBED_FAULTS.join(', ')}`);
    }
    const out: TestbedFaultRule = { fault: fault as TestbedFaultKind };
    for (const key of ['service', 'region', 'operation', 'resource', 'retryAfter'] as const) if (rule[key] !== undefined) out[key] = asString(rule[key], `${i}.${key}`);
    if (rule.probability !== undefined) out.probability = asProbability(rule.probability, i);
    if (rule.statusCode !== undefined) out.statusCode = asStatus(rule.statusCode, `${i}.statusCode`);
    if ((fault === 'function-error' || fault === 'function-timeout' || fault === 'endpoint-status' || fault === 'endpoint-hang') && out.resource === undefined) {
      throw new RuleInputError(`rule ${i}: a ${fault} rule names its resource (the function or API destination name)`);
    }
    return out;
  });
}

/** POST/PUT replace, PATCH appends, DELETE removes every rule equal to one given. */
export function editRules<R>(current: R[], method: string, given: R[]): R[] {
  switch (method) {
    case 'POST':
    case 'PUT':
      return given;
    case 'PATCH':
      return [...current, ...given];
    case 'DELETE': {
      const remove = new Set(given.map(canonical));
      return current.filter((r) => !remove.has(canonical(r)));
    }
    default:
      return current;
  }
}

/** Key-order independent JSON, so `{"region","service"}` equals `{"service","region"}`. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function asList(body: unknown): unknown[] {
  if (!Array.isArray(body)) throw new RuleInputError('the body must be a JSON array of rules');
  return body;
}

function asObject(value: unknown, i: number): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RuleInputError(`rule ${i} must be a JSON object`);
  return value as Record<string, unknown>;
}

function asString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new RuleInputError(`${where} must be a string`);
  return value;
}

function asProbability(value: unknown, i: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new RuleInputError(`rule ${i}: probability must be a number from 0 to 1`);
  return value;
}

function asStatus(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 100 || value > 599) throw new RuleInputError(`${where} must be an HTTP status code (100-599)`);
  return value;
}
