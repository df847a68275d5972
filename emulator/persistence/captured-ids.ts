import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Generated resource ids that must come out the same when a journaled request is replayed (API
 * Gateway's REST API, resource and deployment ids, which outputs files and URLs name). While a
 * journaled request runs, each id generated is kept with it; while it is replayed, the same ids
 * are handed out again in the same order.
 */
interface IdScope {
  ids: string[];
  replay?: string[];
}

const scope = new AsyncLocalStorage<IdScope>();

export function runCapturingIds<T>(replay: string[] | undefined, fn: (ids: string[]) => T): T {
  const ids: string[] = [];
  return scope.run({ ids, replay }, () => fn(ids));
}

/** The id the replayed request generated at this point, if a replay is under way. */
export function replayedId(): string | undefined {
  return scope.getStore()?.replay?.shift();
}

export function recordId(id: string): void {
  scope.getStore()?.ids.push(id);
}

/** A generated id that comes out the same when its request is replayed (S3's upload ids, IAM's unique ids). */
export function keptId(generate: () => string): string {
  const replayed = replayedId();
  if (replayed !== undefined) return replayed;
  const id = generate();
  recordId(id);
  return id;
}
