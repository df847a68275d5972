import { DeployError, reasonOf } from './deploy-error';
import { resolveOptions, type DeployOptions } from './deploy-options';
import { generatePhysicalName } from './physical-names';
import { providerFor } from './providers';
import { partitionOf } from './pseudo-parameters';
import { StackRecordStore, type CleanupRecord } from './stack-record';

export interface DestroyResult {
  stackName: string;
  /** False when the emulator holds no such stack (nothing to do, as `cdk destroy` of a missing stack). */
  existed: boolean;
  deleted: string[];
  /** Resources with `DeletionPolicy: Retain`, left in place as CloudFormation leaves them. */
  retained: string[];
}

/**
 * Deletes a deployed stack's resources in reverse dependency order (a resource goes once every
 * resource that depends on it is gone; independent ones at the same time), then its record.
 * A failed deletion stops there: the record keeps what is left, and the error names it.
 */
export async function destroyStack(stackName: string, options: DeployOptions): Promise<DestroyResult> {
  const run = resolveOptions(options);
  try {
    const store = options.records ?? new StackRecordStore(run.endpoint, run.accountId, run.region);
    const record = await store.get(stackName);
    const result: DestroyResult = { stackName, existed: record !== undefined, deleted: [], retained: [] };
    if (!record) {
      run.log(`${stackName}: no such stack in the emulator at ${run.endpoint}, nothing to destroy`);
      return result;
    }
    const { partition } = partitionOf(run.region);
    // Replaced or removed resources awaiting clean-up have no dependents left: they go first.
    const pending: CleanupRecord[] = [...record.cleanup];
    const current: CleanupRecord[] = Object.entries(record.resources).map(([logicalId, r]) => ({ ...r, logicalId }));
    const items = [...pending, ...current];
    const dependents = new Map<string, CleanupRecord[]>(current.map((i) => [i.logicalId, []]));
    for (const item of current) {
      for (const dep of item.dependsOn) dependents.get(dep)?.push(item);
    }

    const gone = new Set<CleanupRecord>();
    let failure: { item: CleanupRecord; error: unknown } | undefined;
    const running = new Map<CleanupRecord, Promise<void>>();
    const remove = (item: CleanupRecord): Promise<void> => {
      let p = running.get(item);
      if (!p) {
        const after = pending.includes(item) ? [] : (dependents.get(item.logicalId) ?? []);
        p = Promise.all(after.map(remove)).then(async () => {
          if (failure) throw new Error('not attempted');
          if (item.deletionPolicy === 'Retain') {
            options.onEvent?.({ logicalId: item.logicalId, type: item.type, status: 'DELETE_SKIPPED', physicalId: item.physicalId });
            result.retained.push(item.logicalId);
            gone.add(item);
            run.log(`DELETE_SKIPPED  ${item.type}  ${item.logicalId}  ${item.physicalId} (retained)`);
            return;
          }
          options.onEvent?.({ logicalId: item.logicalId, type: item.type, status: 'DELETE_IN_PROGRESS', physicalId: item.physicalId });
          try {
            const ctx = {
              logicalId: item.logicalId,
              resourceType: item.type,
              stackName,
              stackId: record.stackId,
              accountId: run.accountId,
              region: run.region,
              partition,
              clients: run.clients,
              endpoint: run.endpoint,
              assets: new Map(),
              customResourceTimeoutMs: options.customResourceTimeoutMs ?? 60_000,
              generateName: (max: number) => generatePhysicalName(stackName, item.logicalId, max),
              log: run.log,
            };
            await providerFor(item.type)!.delete({ physicalId: item.physicalId, ref: item.ref, attributes: item.attributes, properties: item.properties }, ctx);
          } catch (error) {
            options.onEvent?.({ logicalId: item.logicalId, type: item.type, status: 'DELETE_FAILED', physicalId: item.physicalId, reason: reasonOf(error) });
            failure ??= { item, error };
            throw error;
          }
          options.onEvent?.({ logicalId: item.logicalId, type: item.type, status: 'DELETE_COMPLETE', physicalId: item.physicalId });
          gone.add(item);
          result.deleted.push(item.logicalId);
          run.log(`DELETE_COMPLETE  ${item.type}  ${item.logicalId}  ${item.physicalId}`);
        });
        running.set(item, p);
      }
      return p;
    };
    await Promise.allSettled(items.map(remove));

    if (failure) {
      const left = items.filter((i) => !gone.has(i));
      await store.put({
        ...record,
        status: 'DELETE_FAILED',
        resources: Object.fromEntries(current.filter((i) => !gone.has(i)).map(({ logicalId, ...r }) => [logicalId, r])),
        cleanup: pending.filter((i) => !gone.has(i)),
        updatedAt: new Date().toISOString(),
      });
      const { item, error } = failure;
      throw new DeployError(
        `Resource ${item.logicalId} (${item.type}) failed to delete: ${reasonOf(error)}. Still there: ${left.map((i) => i.logicalId).join(', ')}; destroy again once the cause is fixed.`,
        item.logicalId,
        item.type,
      );
    }
    await store.delete(stackName);
    run.log(`${stackName}: DELETE_COMPLETE`);
    return result;
  } finally {
    run.clients.destroy();
  }
}
