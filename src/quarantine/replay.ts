import { gunzipSync } from 'node:zlib';
import type { SourceConfig } from '../config/catalog.js';
import { normalizeItems, sourceKeyOf, type BatchItem, type NormalizeDeps } from '../normalize/normalize-batch.js';
import { kindOf, type QuarantineEntry } from './entry.js';

export interface ReplayDeps extends NormalizeDeps {
  readonly quarantine: NormalizeDeps['quarantine'] & { list(sourceId: string): Promise<QuarantineEntry[]> };
}

export interface ReplayOptions {
  /** Only these rows; all of the source's entries when absent. */
  readonly sourceKeys?: readonly string[];
}

export interface ReplayOutcome {
  readonly entries: number;
  /** Now valid: in the SSOT and out of quarantine. */
  readonly released: number;
  /** Still invalid: their entries now carry the current errors. */
  readonly stillInvalid: number;
  /** Entries a replay cannot re-read (an unreadable file, a raw batch gone), with why. */
  readonly notReplayable: readonly { readonly sourceKey: string; readonly reason: string }[];
  /**
   * Identity conflicts: their rows are valid and were re-read with today's mapping (a mapping
   * fix can resolve one); whether each still stands, and how it is resolved if it does.
   */
  readonly conflicts: readonly { readonly sourceKey: string; readonly resolved: boolean; readonly resolution?: string }[];
  readonly created: number;
  readonly updated: number;
}

/** What a steward does about an identity conflict, which no re-reading of a valid row changes. */
export const CONFLICT_RESOLUTION =
  'two cases under one record id (identity conflict): the source whose row is wrong corrects it (its next pull merges the record) ' +
  'or withdraws it; see `tongyuan quarantine show` for both sides / 身份冲突：由出错的来源更正或撤回其记录，下次同步后自动合并';

/**
 * This source's rows among a conflict's sides, as entries a replay re-reads: valid rows, so
 * they count as neither released nor still invalid, but a mapping fix may change what they say.
 */
function conflictRows(entry: QuarantineEntry, sourceId: string): QuarantineEntry[] {
  return (entry.conflict?.sides ?? [])
    .filter((side) => side.sourceId === sourceId)
    .map((side): QuarantineEntry => ({
      ...entry,
      kind: 'validation',
      sourceKey: side.sourceKey,
      rawKey: side.rawKey,
      index: side.index,
      extractedAt: side.extractedAt,
      errors: [],
    }));
}

/** Entries of unreadable files stand for a whole file, not a row of a raw batch. */
const isFileEntry = (entry: QuarantineEntry): boolean => entry.errors.some((e) => e.keyword === 'file');

/**
 * Re-reads quarantined rows from the raw zone by their locator and runs them through
 * today's mapping and schema. What passes goes to the SSOT and leaves quarantine; what
 * still fails keeps its entry with the errors of today. Idempotent: a second replay
 * finds only what still fails, and the SSOT writes nothing for content it already has.
 * Rows are replayed with their original extraction time, so a replay never overrides
 * what the source said later.
 */
export async function replayQuarantine(source: SourceConfig, deps: ReplayDeps, options: ReplayOptions = {}): Promise<ReplayOutcome> {
  const wanted = options.sourceKeys ? new Set(options.sourceKeys) : undefined;
  const entries = (await deps.quarantine.list(source.id)).filter((e) => !wanted || wanted.has(e.sourceKey));
  const notReplayable: { sourceKey: string; reason: string }[] = [];
  const isConflict = (entry: QuarantineEntry) => kindOf(entry) === 'identity-conflict';
  const conflictKeys = entries.filter(isConflict).map((e) => e.sourceKey);
  const batches = new Map<string, QuarantineEntry[]>();
  for (const entry of entries.flatMap((e) => (isConflict(e) ? conflictRows(e, source.id) : [e]))) {
    if (isFileEntry(entry)) {
      notReplayable.push({ sourceKey: entry.sourceKey, reason: 'the file itself could not be read; drop a corrected file instead' });
      continue;
    }
    const group = `${entry.rawKey}\u0000${entry.extractedAt ?? entry.quarantinedAt}`;
    batches.set(group, [...(batches.get(group) ?? []), entry]);
  }
  let released = 0;
  let stillInvalid = 0;
  let created = 0;
  let updated = 0;
  for (const [group, batch] of batches) {
    const [rawKey, extractedAt] = group.split('\u0000') as [string, string];
    const stored = await deps.raw.get(rawKey);
    if (!stored) {
      for (const e of batch) notReplayable.push({ sourceKey: e.sourceKey, reason: `raw batch ${rawKey} is no longer in the raw zone` });
      continue;
    }
    const items = deps.itemsOf(source, gunzipSync(stored));
    const picked: BatchItem[] = [];
    for (const entry of batch) {
      const candidate = { index: entry.index, item: items[entry.index] };
      if (entry.index >= items.length || sourceKeyOf(source, rawKey, candidate) !== entry.sourceKey) {
        notReplayable.push({ sourceKey: entry.sourceKey, reason: `raw batch ${rawKey} holds no row ${entry.sourceKey} at index ${entry.index}` });
        continue;
      }
      picked.push(candidate);
    }
    if (picked.length === 0) continue;
    const outcome = await normalizeItems(source, rawKey, extractedAt, picked, deps);
    released += outcome.released;
    stillInvalid += outcome.quarantined;
    created += outcome.created;
    updated += outcome.updated;
  }
  const standing = conflictKeys.length > 0 ? new Set((await deps.quarantine.list(source.id)).map((e) => e.sourceKey)) : new Set<string>();
  const conflicts = conflictKeys.map((sourceKey) =>
    standing.has(sourceKey) ? { sourceKey, resolved: false, resolution: CONFLICT_RESOLUTION } : { sourceKey, resolved: true },
  );
  return { entries: entries.length, released, stillInvalid, notReplayable, conflicts, created, updated };
}
