import { selectPath } from './json-path';
import { isoSeconds, type EventEnvelope, type IngestedEvent } from './put-events';
import type { Target } from './store';

/** Variables EventBridge defines for every InputTemplate; no InputPathsMap entry needed. */
export const PREDEFINED_VARIABLES = new Set([
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
]);

const PLACEHOLDER = /<([A-Za-z0-9_.\-]+)>/g;

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

export interface RuleInfo {
  ruleArn: string;
  ruleName: string;
}

/** The body a target receives, or why nothing could be sent. */
export type TargetPayload = { ok: true; body: string } | { ok: false; reason: string };

/**
 * Applies the target's Input, InputPath or InputTransformer to the event, as AWS does for
 * every target type. Without any of them the target receives the event itself.
 */
export function targetPayload(target: Target, ingested: IngestedEvent, rule: RuleInfo): TargetPayload {
  const event = ingested.envelope;
  if (target.Input !== undefined && target.Input !== null) return { ok: true, body: target.Input };
  if (target.InputPath) {
    const selected = selectPath(event, target.InputPath);
    if (selected === undefined) return { ok: false, reason: `InputPath ${target.InputPath} selects nothing in the event` };
    return { ok: true, body: JSON.stringify(selected) };
  }
  if (target.InputTransformer) return transform(target.InputTransformer, ingested, rule);
  return { ok: true, body: ingested.json };
}

/**
 * InputTransformer, following AWS's placement rules:
 * - A template that is a JSON object or array must yield valid JSON (sent minified); a value
 *   placed outside quotes goes in as JSON (strings quoted), one inside a quoted string goes in
 *   as its text. AWS does not escape extracted values, so an object placed inside quotes breaks
 *   the JSON and the event is not delivered.
 * - Any other template is text: strings go in as they are and objects and lists as JSON with
 *   the quotes taken out (`{id:1,name:x}`, `[A,B]`).
 * - A path that selects nothing yields an empty string (`""` outside quotes in JSON).
 */
function transform(transformer: NonNullable<Target['InputTransformer']>, ingested: IngestedEvent, rule: RuleInfo): TargetPayload {
  const event = ingested.envelope;
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    if (!PREDEFINED_VARIABLES.has(name)) values.set(name, selectPath(event, path));
  }
  values.set('aws.events.rule-arn', rule.ruleArn);
  values.set('aws.events.rule-name', rule.ruleName);
  values.set('aws.events.event.ingestion-time', isoSeconds(ingested.ingestedAt));
  values.set('aws.events.event', eventWithoutDetail(event));
  values.set('aws.events.event.json', event);

  const template = transformer.InputTemplate;
  const trimmed = template.trimStart();
  const json = trimmed.startsWith('{') || trimmed.startsWith('[');
  let out = '';
  let inString = false;
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const segment = template.slice(last, m.index);
    if (json) inString = quoteStateAfter(segment, inString);
    out += segment + (json ? renderJson(values.get(m[1]!), inString) : renderText(values.get(m[1]!)));
    last = m.index! + m[0].length;
  }
  out += template.slice(last);
  if (!json) return { ok: true, body: out };
  try {
    return { ok: true, body: JSON.stringify(JSON.parse(out)) };
  } catch {
    return { ok: false, reason: `the InputTemplate produced invalid JSON: ${out}` };
  }
}

/** Whether the text after `segment` is inside a JSON string literal. */
function quoteStateAfter(segment: string, inString: boolean): boolean {
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\' && inString) i++;
    else if (c === '"') inString = !inString;
  }
  return inString;
}

function renderJson(value: unknown, inString: boolean): string {
  if (value === undefined) return inString ? '' : '""';
  if (typeof value === 'string') return inString ? value : `"${value}"`;
  return JSON.stringify(value);
}

function renderText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value).replaceAll('"', '');
  return JSON.stringify(value);
}

/** `<aws.events.event>`: the event without `detail`, keyed and ordered as AWS writes it. */
function eventWithoutDetail(event: EventEnvelope) {
  return {
    id: event.id,
    account: event.account,
    detailType: event['detail-type'],
    time: event.time,
    source: event.source,
    region: event.region,
    resources: event.resources,
    version: event.version,
  };
}
