import type { QuarantineEntry } from '../quarantine/entry.js';
import { conflictQueueChange } from '../quarantine/conflict-entries.js';
import type { IdentityField } from '../records/identity.js';
import type { ConflictChange } from '../ssot/identity-conflict.js';

/** The quarantine operations the conflict queue needs. */
export interface ConflictQueue {
  put(entries: readonly QuarantineEntry[]): Promise<void>;
  remove(sourceId: string, sourceKeys: readonly string[]): Promise<void>;
}

/**
 * Keeps the steward's queue in step with the SSOT: an identity conflict that arose or
 * changed is (re)written to each of its sources' quarantine, one that was resolved leaves it.
 */
export async function queueConflicts(
  changes: readonly ConflictChange[],
  queue: ConflictQueue,
  identityOf: (recordType: string) => readonly IdentityField[],
  quarantinedAt: string,
): Promise<{ readonly raised: number; readonly cleared: number }> {
  let raised = 0;
  let cleared = 0;
  for (const change of changes) {
    const { put, remove } = conflictQueueChange(change, identityOf(change.recordType), quarantinedAt);
    if (put.length > 0) await queue.put(put);
    for (const { sourceId, sourceKey } of remove) await queue.remove(sourceId, [sourceKey]);
    raised += change.after ? 1 : 0;
    cleared += change.after ? 0 : 1;
  }
  return { raised, cleared };
}
