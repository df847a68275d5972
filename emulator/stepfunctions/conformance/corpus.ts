import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

/**
 * The Step Functions conformance corpus (cases.json, see NOTICE): definitions and inputs with what
 * AWS answered, and how a run here is compared with it. AWS's records carry placeholders for
 * names, ARNs, dates and request ids; a run's values are rewritten into the same placeholders.
 */

export interface LambdaFixture {
  name: string;
  /** Which handler the case needs: identity, raise_exception, raise_custom_exception, large_output_string or wait_60_seconds. */
  code: string | null;
}

interface CaseBase {
  id: string;
  folder: string;
  /** Why the case is not run here (it needs a service the emulator does not have). */
  skip?: string;
}

export interface ExecutionCase extends CaseBase {
  kind: 'execution';
  definition: Record<string, unknown>;
  input: string;
  lambdas?: LambdaFixture[];
  /** [value, placeholder]: names the recorded test replaced in AWS's answers. */
  placeholders?: Array<[string, string]>;
  /**
   * The recorded history has the events between a ParallelStateStarted and the Parallel state's
   * end sorted by their text, not in AWS's order (see sortLikeParallelRecord); a run is compared
   * after the same sorting.
   */
  parallelEventsSorted?: boolean;
  expected: { status: string; output?: unknown; error?: string | null; cause?: unknown; events?: string[] };
}

export interface ValidationCase extends CaseBase {
  kind: 'validation';
  definition: string;
  type: string;
  expected: { result: 'OK' | 'FAIL'; diagnostics: Array<{ code: string; message: string; location?: string }> };
}

export type ConformanceCase = ExecutionCase | ValidationCase;

export function loadCorpus(): ConformanceCase[] {
  return (JSON.parse(readFileSync(new URL('./cases.json', import.meta.url), 'utf8')) as { cases: ConformanceCase[] }).cases;
}

/** Case id -> why the emulator still differs from AWS there. */
export function loadKnownDifferences(): Record<string, string> {
  return JSON.parse(readFileSync(new URL('./known-differences.json', import.meta.url), 'utf8')) as Record<string, string>;
}

/** Node.js handlers that behave as the corpus's Python functions do, as far as Step Functions can see. */
export const LAMBDA_HANDLERS: Record<string, string> = {
  identity: 'exports.handler = async (event) => event;',
  raise_exception: `exports.handler = async () => { const e = new Error('Some exception was raised.'); e.name = 'Exception'; throw e; };`,
  raise_custom_exception: `class CustomException extends Error { constructor() { super(''); this.name = 'CustomException'; } }
exports.handler = async () => { throw new CustomException(); };`,
  large_output_string: `exports.handler = async () => 'a'.repeat(257 * 1024);`,
  wait_60_seconds: `exports.handler = () => new Promise((resolve) => setTimeout(() => resolve(null), 60_000));`,
};

/**
 * The case with one shared function per handler kind (`corpus-identity`, ...) in place of the
 * recorded per-test names: five cold starts for the whole corpus instead of one per case.
 */
export function withSharedFunctions(c: ExecutionCase): ExecutionCase {
  const renames = (c.lambdas ?? []).filter((l) => l.code).map((l) => [l.name, `corpus-${l.code}`] as const);
  if (renames.length === 0) return c;
  const rename = (text: string) => renames.reduce((t, [from, to]) => t.split(from).join(to), text);
  return {
    ...c,
    definition: JSON.parse(rename(JSON.stringify(c.definition))) as Record<string, unknown>,
    input: rename(c.input),
    lambdas: c.lambdas!.map((l) => ({ ...l, name: rename(l.name) })),
    placeholders: c.placeholders?.map(([value, placeholder]) => [rename(value), placeholder]),
  };
}

/** What one run produced, as DescribeExecution and GetExecutionHistory report it. */
export interface RunResult {
  status: string;
  output?: string;
  error?: string;
  cause?: string;
  /** The history events: type and details member(s), e.g. `{ stateEnteredEventDetails: {...} }`. */
  events: Array<{ type: string; details: Record<string, unknown> }>;
  names: { stateMachineArn: string; stateMachineName: string; executionArn: string; executionName: string; roleArn: string };
}

const ISO_DATE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The run's values in the placeholders AWS's record uses. */
function normalise(text: string, c: ExecutionCase, names: RunResult['names']): string {
  let out = text
    .split(names.executionArn).join('arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>')
    .split(names.stateMachineArn).join('arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>')
    .split(names.roleArn).join('snf_role_arn');
  for (const [value, placeholder] of c.placeholders ?? []) out = out.split(value).join(placeholder);
  out = out
    .split(names.executionName).join('<ExecArnPart_0idx>')
    .split(names.stateMachineName).join('<ArnPart_0idx>')
    .replace(/arn:aws:/g, 'arn:<partition>:')
    .replace(/:us-east-1:/g, ':<region>:')
    .replace(/:000000000000:/g, ':111111111111:')
    .replace(/Request ID: [A-Za-z0-9-]+/g, 'Request ID: <request_id>')
    .replace(ISO_DATE, 'date');
  const uuids = new Map<string, string>();
  return out.replace(UUID, (u) => {
    if (!uuids.has(u)) uuids.set(u, `<uuid:${uuids.size + 1}>`);
    return uuids.get(u)!;
  });
}

/** JSON text inside a value, parsed, as AWS's record keeps it; a Lambda error payload reduced to its type and message. */
function deepParse(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
      try {
        return deepParse(JSON.parse(trimmed));
      } catch {
        return value;
      }
    }
    return value;
  }
  if (Array.isArray(value)) return value.map(deepParse);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // The runtime's own stack trace and request id are the language's, not Step Functions'.
    if (typeof record.errorType === 'string' && 'errorMessage' in record) return { errorType: record.errorType, errorMessage: record.errorMessage };
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, deepParse(v)]));
  }
  return value;
}

// Values the record replaced by a placeholder of their own: any value of the run matches them.
const WILDCARD_KEYS = new Set(['Date', 'X-Amzn-Trace-Id', 'x-amzn-RequestId', 'RequestId', 'Content-Length', 'x-amz-request-id']);

function matches(expected: unknown, actual: unknown, key?: string): boolean {
  if (key !== undefined && WILDCARD_KEYS.has(key)) return actual !== undefined;
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => matches(e, actual[i]));
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
    return [...keys].every((k) => matches(e[k], a[k], k));
  }
  return isDeepStrictEqual(expected, actual);
}

export interface Comparison {
  ok: boolean;
  differences: string[];
}

const PARALLEL_ENDS = new Set(['ParallelStateSucceeded', 'ParallelStateAborted', 'ParallelStateExited', 'ParallelStateFailed']);

/**
 * The order the recording tool wrote events of a Parallel state's branches in, so that concurrent
 * branches compare without regard to timing: from each ParallelStateStarted to the Parallel
 * state's end, events are sorted by their JSON text (Python's `json.dumps`, keys sorted, id and
 * previousEventId as `[0]` and 0, timestamp a placeholder), which in practice orders them by the
 * name of their details member (`stateEnteredEventDetails` < `taskFailedEventDetails` <
 * `taskScheduledEventDetails` < `taskStartedEventDetails` < none). A ParallelStateStarted met
 * before the end (a retried Parallel state) starts a new run and leaves the previous one
 * unsorted, as the tool does.
 */
export function sortLikeParallelRecord<E extends { type: string; details: Record<string, unknown> }>(events: E[], normaliseText: (text: string) => string): E[] {
  const out = [...events];
  let start: number | undefined;
  for (let i = 0; i < out.length; i++) {
    const type = out[i]!.type;
    if (type === 'ParallelStateStarted') start = i + 1;
    else if (PARALLEL_ENDS.has(type) && start !== undefined) {
      const keyed = out.slice(start, i).map((e) => ({ e, key: pythonJson(recordedForm(e, normaliseText)) }));
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      out.splice(start, i - start, ...keyed.map((k) => k.e));
      start = undefined;
    }
  }
  return out;
}

/** An event as the recording tool held it when sorting: keys sorted, then JSON object text in string values parsed. */
function recordedForm(event: { type: string; details: Record<string, unknown> }, normaliseText: (text: string) => string): unknown {
  const raw = JSON.parse(normaliseText(JSON.stringify({ ...event.details, id: [0], previousEventId: 0, timestamp: 'timestamp', type: event.type }))) as unknown;
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sortKeys(x)])) : v;
  const parseObjects = (v: unknown): unknown => {
    if (typeof v === 'string' && v.startsWith('{')) {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    }
    if (Array.isArray(v)) return v.map(parseObjects);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, parseObjects(x)]));
    return v;
  };
  return parseObjects(sortKeys(raw));
}

/** JSON text as Python's `json.dumps` writes it by default (", " and ": " separators, non-ASCII escaped). */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ')}}`;
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(value) ?? 'null';
}

/** Compares a run with AWS's record: status, output, error, cause and the types of the history events. */
export function compareExecution(c: ExecutionCase, run: RunResult): Comparison {
  const differences: string[] = [];
  const exp = c.expected;
  const norm = (s: string | undefined) => (s === undefined ? undefined : deepParse(normalise(s, c, run.names)));
  if (run.status !== exp.status) differences.push(`status ${run.status}, AWS ${exp.status}`);
  if (exp.status === 'SUCCEEDED' && 'output' in exp && !matches(deepParse(exp.output), norm(run.output))) {
    differences.push(`output ${run.output && normalise(run.output, c, run.names)}, AWS ${JSON.stringify(exp.output)}`);
  }
  if (exp.status !== 'SUCCEEDED' && 'error' in exp && (exp.error ?? undefined) !== run.error) differences.push(`error ${run.error}, AWS ${exp.error}`);
  if (exp.status !== 'SUCCEEDED' && 'cause' in exp && !matches(deepParse(exp.cause ?? undefined), norm(run.cause))) {
    differences.push(`cause ${run.cause && normalise(run.cause, c, run.names)}, AWS ${typeof exp.cause === 'string' ? exp.cause : JSON.stringify(exp.cause)}`);
  }
  const events = (c.parallelEventsSorted ? sortLikeParallelRecord(run.events, (text) => normalise(text, c, run.names)) : run.events).map((e) => e.type);
  if (exp.events && !isDeepStrictEqual(exp.events, events)) differences.push(`events ${events.join(',')}, AWS ${exp.events.join(',')}`);
  return { ok: differences.length === 0, differences };
}

/**
 * The emulator has no ValidateStateMachineDefinition; its CreateStateMachine makes the same checks.
 * AWS's diagnostics appear there as `InvalidDefinition: Invalid State Machine Definition: '<CODE>:
 * <message> at <location>'`.
 */
export function compareValidation(c: ValidationCase, outcome: { ok: true } | { ok: false; name: string; message: string }): Comparison {
  if (c.expected.result === 'OK') {
    return outcome.ok ? { ok: true, differences: [] } : { ok: false, differences: [`refused: ${outcome.name}: ${outcome.message}`] };
  }
  if (outcome.ok) return { ok: false, differences: ['accepted, AWS refuses it'] };
  const problems = c.expected.diagnostics.map((d) => `${d.code}: ${d.message.trim()}${d.location && d.code !== 'INVALID_JSON_DESCRIPTION' ? ` at ${d.location}` : ''}`);
  const expected = `Invalid State Machine Definition: '${problems.join(', ')}'`;
  const differences: string[] = [];
  if (outcome.name !== 'InvalidDefinition') differences.push(`error ${outcome.name}, AWS InvalidDefinition`);
  if (outcome.message !== expected) differences.push(`message ${outcome.message}, AWS ${expected}`);
  return { ok: differences.length === 0, differences };
}
