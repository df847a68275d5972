import type { AppliedResources } from './apply-resources';
import { reasonOf } from './deploy-error';
import { providerContext, type Deployment } from './deployment';
import { creationOrder } from './graph';
import { providerFor } from './providers';
import type { CleanupRecord } from './stack-record';

/**
 * Deletes what the deployment left behind: the previous run's leftovers, then the resources the
 * template no longer has (in reverse dependency order), then the old resources that replacements
 * took the place of; `Retain` policies keep theirs. A deletion that fails is a warning, as in
 * CloudFormation; the returned leftovers are tried again next time.
 */
export async function cleanUp(d: Deployment, applied: AppliedResources): Promise<CleanupRecord[]> {
  const { result, run } = d;
  const removed: CleanupRecord[] = Object.entries(d.previous?.resources ?? {})
    .filter(([id]) => !applied.current.has(id))
    .map(([id, r]) => ({ ...r, logicalId: id }));
  const remaining: CleanupRecord[] = [];
  for (const item of [...(d.previous?.cleanup ?? []), ...deletionOrder(removed), ...applied.replacedOld.reverse()]) {
    const retained = removed.includes(item) ? item.deletionPolicy === 'Retain' : item.updateReplacePolicy === 'Retain';
    if (retained) {
      d.options.onEvent?.({ logicalId: item.logicalId, type: item.type, status: 'DELETE_SKIPPED', physicalId: item.physicalId });
      run.log(`DELETE_SKIPPED  ${item.type}  ${item.logicalId}  ${item.physicalId} (retained)`);
      continue;
    }
    d.options.onEvent?.({ logicalId: item.logicalId, type: item.type, status: 'DELETE_IN_PROGRESS', physicalId: item.physicalId });
    try {
      await providerFor(item.type)!.delete({ physicalId: item.physicalId, ref: item.ref, attributes: item.attributes, properties: item.properties }, providerContext(d, item.logicalId, item.type));
      result.deleted.push(item.logicalId);
      d.options.onEvent?.({ logicalId: item.logicalId, type: item.type, status: 'DELETE_COMPLETE', physicalId: item.physicalId });
      run.log(`DELETE_COMPLETE  ${item.type}  ${item.logicalId}  ${item.physicalId}`);
    } catch (error) {
      d.options.onEvent?.({ logicalId: item.logicalId, type: item.type, status: 'DELETE_FAILED', physicalId: item.physicalId, reason: reasonOf(error) });
      result.warnings.push(`Could not delete the old ${item.type} ${item.logicalId} (${item.physicalId}): ${reasonOf(error)}`);
      remaining.push(item);
    }
  }
  return remaining;
}

/** Dependents before what they depend on, among the resources being deleted. */
export function deletionOrder<T extends { logicalId: string; dependsOn: string[] }>(items: T[]): T[] {
  const ids = new Set(items.map((i) => i.logicalId));
  const graph = new Map(items.map((i) => [i.logicalId, new Set(i.dependsOn.filter((d) => ids.has(d)))]));
  const byId = new Map(items.map((i) => [i.logicalId, i]));
  return creationOrder(graph)
    .reverse()
    .map((id) => byId.get(id)!);
}
