/** Small helpers the providers share: tag shapes, tolerant deletes, how long to wait. */
import { sameJson } from '../canonical-json';

export type Props = Record<string, unknown>;

export const str = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));
export const num = (v: unknown): number | undefined => (v === undefined ? undefined : Number(v));
export const bool = (v: unknown): boolean | undefined => (v === undefined ? undefined : v === true || v === 'true');

/** CloudFormation's `[{Key, Value}]` tags as the `{key: value}` map most APIs take. */
export function tagMap(tags: unknown): Record<string, string> | undefined {
  if (!Array.isArray(tags) || tags.length === 0) return undefined;
  return Object.fromEntries(tags.map((t: { Key: string; Value: string }) => [t.Key, String(t.Value)]));
}

/** Deleting what is already gone succeeds, as CloudFormation's handlers treat it. */
export async function ignoreNotFound(action: () => Promise<unknown>, names = ['ResourceNotFoundException', 'NotFoundException']): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (!names.includes((err as Error).name)) throw err;
  }
}

/** How long a provider waits for a resource to settle (the shared bounded wait: emulator/testing/wait.ts). */
export const SETTLE_TIMEOUT_MS = 30_000;

/** The properties whose values differ between two property sets (present in either). */
export function changedProperties(before: Props, after: Props): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => !sameJson(before[n], after[n]));
}

export class UnsupportedChange extends Error {
  constructor(type: string, properties: string[]) {
    super(`changing ${properties.join(', ')} of an existing ${type} is not supported by the embedded deployer; destroy the stack and deploy it again`);
  }
}
