import type { Contribution } from './golden-merge.js';
import type { IdentityConflict } from './identity-conflict.js';
import { CURRENT_SK, contributionSk, recordPk, versionSk, type Provenance, type StoredVersion } from './model.js';
import { inlineContent, packFields, unpackFields } from './item-codec.js';
import type { ItemContent, RecordOverflow, StoredBody } from './overflow.js';
import { activeRefs, type Head, type NextState, type SourceEntry } from './record-state.js';

/**
 * The item shapes of the records table, one partition per record:
 *   current      the golden record, its per-field sources and every contribution's state
 *   v#NNNNNNNNNN one immutable item per version (what the stream and as-of reads see)
 *   src#<ref>    one source row's latest contribution (its record, for re-merging), indexed
 *                by `sourceRef` in the sparse GSI bySourceKey; written only while a record has
 *                two or more active sources (items of older data may also hold a sole
 *                contributor, marked `bodyInCurrent`)
 * A current item whose record has one source carries that row's `sourceRef` itself, so
 * the index finds the record without a contribution item.
 * Only current items carry recordType/recordId, so only they appear in the byType index.
 * Items store their content and bookkeeping maps compressed (item-codec.ts): the builders
 * pack them, and every function here that reads an item unpacks it first.
 */

export type Item = Record<string, unknown>;

export interface RecordName {
  readonly recordType: string;
  readonly recordId: string;
}

/** The current item's state; items written before revisions existed count their version as revision. */
export function headFromItem(stored: Item, record: Readonly<Record<string, unknown>>): Head {
  const item = unpackFields(stored);
  return {
    version: item.version as number,
    revision: (item.revision as number | undefined) ?? (item.version as number),
    contentHash: item.contentHash as string,
    record,
    provenance: item.provenance as Provenance,
    fieldSources: (item.fieldSources as Record<string, string> | undefined) ?? {},
    sources: (item.sources as Record<string, SourceEntry> | undefined) ?? {},
    deleted: item.deleted === true,
    ...(item.conflict ? { conflict: item.conflict as IdentityConflict } : {}),
  };
}

export function contributionFromItem(stored: Item, record: Readonly<Record<string, unknown>>): Contribution {
  const item = unpackFields(stored);
  return { ref: item.sourceRef as string, record, provenance: item.provenance as Provenance };
}

const sameProvenance = (a: Provenance, b: Provenance): boolean =>
  a.sourceId === b.sourceId && a.rawKey === b.rawKey && a.index === b.index && a.sourceKey === b.sourceKey && a.extractedAt === b.extractedAt;

/**
 * Whether every field comes from one contribution whose provenance is the version's own:
 * the common single-source record, whose items then leave out the per-field map (a
 * reader falls back to `provenance`), saving a third of the item.
 */
export function isSingleSource(next: NextState): boolean {
  const active = Object.entries(next.sources).filter(([, entry]) => entry.withdrawnAt === undefined);
  if (active.length !== 1) return false;
  const [ref, entry] = active[0]!;
  return sameProvenance(entry.provenance, next.provenance) && Object.values(next.fieldSources).every((source) => source === ref);
}

/**
 * The source row the current item stands for in the bySourceKey index: its only active
 * contributor, or, for a tombstone, its only contributor ever (so a repeated deletion
 * still finds it). Undefined when contribution items do the indexing.
 */
export function loneSourceRef(next: NextState): string | undefined {
  const active = activeRefs(next);
  if (active.length === 1) return active[0];
  const all = Object.keys(next.sources);
  return active.length === 0 && all.length === 1 ? all[0] : undefined;
}

export function currentItem(name: RecordName, next: NextState, body: StoredBody, storedAt: string): Item {
  const lone = loneSourceRef(next);
  return packFields({
    pk: recordPk(name.recordType, name.recordId),
    sk: CURRENT_SK,
    recordType: name.recordType,
    recordId: name.recordId,
    version: next.version,
    revision: next.revision,
    contentHash: next.contentHash,
    ...body,
    provenance: next.provenance,
    ...(isSingleSource(next) ? {} : { fieldSources: next.fieldSources }),
    sources: next.sources,
    ...(lone !== undefined ? { sourceRef: lone } : {}),
    storedAt,
    ...(next.deleted ? { deleted: true } : {}),
    ...(next.conflict ? { conflict: next.conflict } : {}),
  });
}

export function versionItem(name: RecordName, next: NextState, body: StoredBody, storedAt: string): Item {
  const single = isSingleSource(next);
  return packFields({
    pk: recordPk(name.recordType, name.recordId),
    sk: versionSk(next.version),
    of: { recordType: name.recordType, recordId: name.recordId },
    version: next.version,
    contentHash: next.contentHash,
    ...body,
    provenance: next.provenance,
    ...(single ? {} : { fieldSources: next.fieldSources, contributors: activeProvenance(next.sources) }),
    storedAt,
    ...(next.deleted ? { deleted: true } : {}),
    ...(next.conflict ? { conflict: next.conflict } : {}),
  });
}

/**
 * A source row's contribution, with its own copy of the row (or none, once withdrawn).
 * `in-current` is how older data marked a sole contributor's item, whose row is the golden
 * record itself; such items are still read, no longer written.
 */
export function contributionItem(name: RecordName, ref: string, entry: SourceEntry, body: StoredBody | 'in-current' | undefined): Item {
  // Plain, not packed: the store's put is conditional on `provenance.extractedAt`, and such items are few.
  return {
    pk: recordPk(name.recordType, name.recordId),
    sk: contributionSk(ref),
    of: { recordType: name.recordType, recordId: name.recordId },
    sourceRef: ref,
    hash: entry.hash,
    provenance: entry.provenance,
    ...(body === 'in-current' ? { bodyInCurrent: true } : body ? plainBody(body, ref) : {}),
    ...(entry.withdrawnAt !== undefined ? { withdrawnAt: entry.withdrawnAt } : {}),
  };
}

/**
 * A contribution keeps its row's record plain: such items exist only for records with two
 * or more sources, so compressing them saves little, and their stored layout stays as before.
 */
function plainBody(body: StoredBody, ref: string): StoredBody {
  const record = inlineContent(body, `contribution ${ref}`);
  return record === undefined ? body : { record };
}

/** A version or current item as the rest of the system reads it, content resolved. */
export function storedVersionFromItem(stored: Item, name: RecordName, record: Readonly<Record<string, unknown>>): StoredVersion {
  const item = unpackFields(stored);
  return {
    recordType: name.recordType,
    recordId: name.recordId,
    record,
    provenance: item.provenance as Provenance,
    version: item.version as number,
    contentHash: item.contentHash as string,
    storedAt: item.storedAt as string,
    ...(item.deleted === true ? { deleted: true } : {}),
    ...(item.fieldSources ? { fieldSources: item.fieldSources as Record<string, string> } : {}),
    ...(item.contributors ? { contributors: item.contributors as Record<string, Provenance> } : {}),
    ...(item.sources ? { contributors: activeProvenance(item.sources as Record<string, SourceEntry>) } : {}),
    ...(item.conflict ? { conflict: item.conflict as IdentityConflict } : {}),
  };
}

/** Provenance of the contributions not withdrawn: what a version's `contributors` lists. */
export function activeProvenance(sources: Readonly<Record<string, SourceEntry>>): Record<string, Provenance> {
  return Object.fromEntries(
    Object.entries(sources)
      .filter(([, entry]) => entry.withdrawnAt === undefined)
      .map(([ref, entry]) => [ref, entry.provenance]),
  );
}

/** Name of the record an item belongs to: current items say it, the others carry `of`. */
export function nameOfItem(item: Item): RecordName {
  if (typeof item.recordType === 'string' && typeof item.recordId === 'string') return { recordType: item.recordType, recordId: item.recordId };
  return item.of as RecordName;
}

/** What an item holds of its content, for RecordOverflow.load (the one decoder of content). */
export const bodyOf = (item: Item): ItemContent => item;

/** A version item from the stream (or any read), its content fetched when it is stored by pointer. */
export async function resolveStoredVersion(item: Item, overflow: RecordOverflow): Promise<StoredVersion> {
  const name = nameOfItem(item);
  return storedVersionFromItem(item, name, await overflow.load(bodyOf(item), recordPk(name.recordType, name.recordId)));
}
