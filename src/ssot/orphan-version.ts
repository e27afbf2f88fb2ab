import { CURRENT_SK, sourceRef, type Provenance } from './model.js';
import { unpackFields } from './item-codec.js';
import { LIVE_DELTA_ATTRIBUTE } from './live-count.js';
import { headFromItem, nameOfItem, type Item } from './record-items.js';
import { activeRefs, type SourceEntry } from './record-state.js';

/**
 * A record is written in two steps: its new version item(s), then its current item. A
 * writer that stops between them (a crash, a timeout) leaves an orphan: a version item
 * one past the current item's version. The stream has already carried it on, so it is
 * history; the next writer of the record adopts it (the current item catches up to it)
 * and applies its own rows on top.
 */

/** A source entry whose row hash is unknown: the next delivery of that row re-merges rather than counting as a no-op. */
const UNKNOWN_HASH = '';

const sameProvenance = (a: Provenance | undefined, b: Provenance): boolean =>
  a !== undefined &&
  a.sourceId === b.sourceId &&
  a.rawKey === b.rawKey &&
  a.index === b.index &&
  a.sourceKey === b.sourceKey &&
  a.extractedAt === b.extractedAt;

/** Whether a version item holds the version planned: the same content, deleted or not. */
export function holdsSameVersion(item: Item, planned: { readonly contentHash: string; readonly deleted: boolean }): boolean {
  return item.contentHash === planned.contentHash && (item.deleted === true) === planned.deleted;
}

/**
 * The current item as it would stand had the orphan's writer finished, at the revision of
 * `current` (undefined: the record had no current item yet), so that a put conditional on
 * it still fails if anyone moved the record meanwhile. `contributionItems`: the record's
 * contribution items, whose row hashes tell a multi-source orphan's rows apart.
 */
export function adoptOrphanVersion(current: Item | undefined, stored: Item, contributionItems: readonly Item[]): Item {
  // The orphan's maps are read below and its current item is built from them: unpacked, plain.
  const orphan = unpackFields(stored);
  const head = current ? headFromItem(current, {}) : undefined;
  const cause = orphan.provenance as Provenance;
  const sources: Record<string, SourceEntry> = { ...(head?.sources ?? {}) };
  const contributors = orphan.contributors as Record<string, Provenance> | undefined;
  const withdraw = (ref: string) => (sources[ref] = { ...sources[ref]!, withdrawnAt: cause.extractedAt });
  if (orphan.deleted === true) {
    // A tombstone: every row that was active is withdrawn.
    for (const ref of activeRefs(head)) withdraw(ref);
  } else if (contributors === undefined) {
    // One source whose row caused the version: the golden record is that row, its hash the row's.
    sources[sourceRef(cause.sourceId, cause.sourceKey)] = { hash: String(orphan.contentHash), extractedAt: cause.extractedAt, provenance: cause };
  } else {
    // Rows active before and missing now were withdrawn by the orphan's cause.
    for (const ref of activeRefs(head)) if (!(ref in contributors)) withdraw(ref);
    for (const [ref, provenance] of Object.entries(contributors)) {
      const known = sources[ref];
      if (known && known.withdrawnAt === undefined && sameProvenance(known.provenance, provenance)) continue;
      const item = contributionItems.find((c) => c.sourceRef === ref);
      const hash = item && sameProvenance(item.provenance as Provenance, provenance) ? String(item.hash) : UNKNOWN_HASH;
      sources[ref] = { hash, extractedAt: provenance.extractedAt, provenance };
    }
  }
  // The live-count delta belongs to the version's stream record, not to a current item.
  const { of: _of, contributors: _contributors, sk: _sk, [LIVE_DELTA_ATTRIBUTE]: _delta, ...rest } = orphan;
  const name = nameOfItem(orphan);
  return {
    ...rest,
    sk: CURRENT_SK,
    recordType: name.recordType,
    recordId: name.recordId,
    revision: head?.revision ?? 0,
    sources,
  };
}
