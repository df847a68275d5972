import { JSONPath } from 'jsonpath-plus';

/**
 * Evaluates an EventBridge JSON path (`$.detail.items[0].id`, `$.detail.*`) against an event.
 * A definite path gives its value or undefined; a path with a wildcard gives the list of what
 * it selects, as AWS passes wildcard selections on.
 */
export function selectPath(event: unknown, path: string): unknown {
  let found: unknown[];
  try {
    found = JSONPath({ path, json: event as object, wrap: true }) as unknown[];
  } catch {
    // A path JSONPath cannot evaluate (`@`, a broken filter) selects nothing; it must never stop
    // the delivery of the event to the bus's other targets.
    return undefined;
  }
  if (path.includes('*')) return found;
  return found.length > 0 ? found[0] : undefined;
}
