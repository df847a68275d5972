import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ROUTES, type Route } from '../routes';

/**
 * A scenario: orders to replay, each with how to publish it, an optional delay before it, and
 * optionally where it must (and must not) go. Without `expect`, the routing table decides.
 */
const routeList = z.array(z.enum(ROUTES));
const routeMap = z.strictObject(Object.fromEntries(ROUTES.map((r) => [r, z.boolean().optional()])) as Record<Route, z.ZodOptional<z.ZodBoolean>>);

export const scenarioOrder = z.strictObject({
  orderId: z.string().optional(),
  location: z.string().optional(),
  category: z.string().optional(),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]).optional(),
  /** How to publish: the producer API with a query string (GET, the default) or JSON (POST), or PutEvents. */
  via: z.enum(['GET', 'POST', 'PutEvents']).default('GET'),
  /** Wait this long before publishing this order. */
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** Routes that must be reached: a list (every other route must stay untouched) or a partial map. */
  expect: z.union([routeList, routeMap]).optional(),
  /** The producer's answer; 202 unless the order is meant to be refused. */
  expectStatus: z.number().int().min(100).max(599).default(202),
  note: z.string().optional(),
});

export type ScenarioOrder = z.infer<typeof scenarioOrder>;

const orderList = z.array(scenarioOrder);
const scenarioDocument = z.strictObject({ name: z.string().optional(), description: z.string().optional(), orders: orderList });

export interface Scenario {
  name: string;
  description?: string;
  orders: ScenarioOrder[];
}

export class ScenarioFileError extends Error {}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'there is no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

/** Reads a scenario file: a JSON array of orders, a JSON object with `orders`, or NDJSON. */
export async function readScenario(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const why = READ_ERRORS[code] ?? (err as Error).message;
    throw new ScenarioFileError(`Cannot read the scenario file ${file}: ${why}.`);
  }
  const name = path.basename(file).replace(/\.(nd)?json$/, '');
  return parseScenario(text, name, file);
}

export function parseScenario(text: string, name: string, file = name): Scenario {
  const trimmed = text.trim();
  if (trimmed === '') throw new ScenarioFileError(`The scenario file ${file} is empty.`);
  if (file.endsWith('.ndjson') || !(trimmed.startsWith('[') || trimmed.startsWith('{')) || isNdjson(trimmed)) {
    const orders = trimmed.split('\n').flatMap((line, i) => {
      if (line.trim() === '') return [];
      return [parseWith(scenarioOrder, parseJsonLine(line, `${file} line ${i + 1}`), `${file} line ${i + 1}`)];
    });
    return { name, orders };
  }
  const json = parseJsonLine(trimmed, file);
  // Checked against one shape or the other, so an error names the member at fault.
  if (Array.isArray(json)) return { name, orders: parseWith(orderList, json, file) };
  const doc = parseWith(scenarioDocument, json, file);
  return { name: doc.name ?? name, description: doc.description, orders: doc.orders };
}

/** An object per line, more than one line: NDJSON even without the extension. */
function isNdjson(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.length > 1 && lines.every((l) => l.trim().startsWith('{') && l.trim().endsWith('}'));
}

function parseJsonLine(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ScenarioFileError(`${where} is not valid JSON: ${(err as Error).message}.`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ScenarioFileError(`${where}${describePath(issue.path)}: ${describeIssue(issue)}.`);
}

/**
 * Where in the file: orders count from 1, as the report numbers them (`order 3, at via`); an
 * NDJSON line is already named by its number.
 */
function describePath(issuePath: PropertyKey[]): string {
  const rest = [...issuePath];
  if (rest[0] === 'orders') rest.shift();
  const order = typeof rest[0] === 'number' ? `, order ${(rest.shift() as number) + 1}` : '';
  return `${order}${rest.length > 0 ? `${order ? ',' : ''} at ${rest.join('.')}` : ''}`;
}

/** Zod's message, plus the valid choices where a key or a route is unknown. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const inExpect = issue.path.includes('expect');
  if (issue.code === 'unrecognized_keys') {
    const valid = inExpect ? ROUTES : Object.keys(scenarioOrder.shape);
    const what = inExpect ? 'expect takes the routes' : 'an order takes';
    return `${issue.keys.length > 1 ? 'unknown keys' : 'unknown key'} ${issue.keys.map((k) => `"${k}"`).join(', ')}; ${what} ${valid.join(', ')}`;
  }
  if (inExpect) return `expect must be a list of routes or a map of route to true/false; the routes are ${ROUTES.join(', ')}`;
  return issue.message;
}

/** The routes an order's `expect` names, over the routing table's defaults. */
export function expectationOverride(order: ScenarioOrder): Partial<Record<Route, boolean>> | undefined {
  const expect = order.expect;
  if (!expect) return undefined;
  if (Array.isArray(expect)) return Object.fromEntries(ROUTES.map((r) => [r, expect.includes(r)]));
  return expect;
}
