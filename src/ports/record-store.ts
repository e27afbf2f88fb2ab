import type { CandidateRecord, Provenance, SourceWithdrawal, StoredVersion, TombstoneOutcome, UpsertOutcome } from '../ssot/model.js';
import type { RecordName } from '../ssot/record-items.js';

/** Reads of the SSOT: current and as-of records, version history, listings, and the record a source row feeds. */
export interface RecordReader {
  /**
   * The record as it stands, or as it stood at `asOf` (the latest version stored at or
   * before it). A tombstone comes back with `deleted: true` and its last content;
   * undefined when the record did not exist (yet).
   */
  read(recordType: string, recordId: string, options?: { readonly asOf?: Date }): Promise<StoredVersion | undefined>;
  /** Every version of one record, oldest first, tombstones included. */
  versions(recordType: string, recordId: string): Promise<StoredVersion[]>;
  /** Live current records of one type, page by page: not deleted, not in an identity conflict. */
  listCurrent(recordType: string): AsyncIterable<StoredVersion[]>;
  countCurrent(recordType: string): Promise<number>;
  /** The records a source row feeds (normally one); eventually consistent. */
  findBySourceKey(sourceId: string, sourceKey: string): Promise<RecordName[]>;
}

/**
 * The SSOT: every write of a record is conditional on what was read, so a redelivered
 * batch writes nothing and two concurrent writers never lose an update.
 */
export interface RecordStore extends RecordReader {
  upsert(candidates: readonly CandidateRecord[]): Promise<UpsertOutcome>;
  /** Withdraws source rows the source deleted; a record whose last row went becomes a tombstone. */
  tombstone(withdrawal: SourceWithdrawal): Promise<TombstoneOutcome>;
  /** An operator's tombstone: every contribution of the record withdrawn at once. False when there was nothing to withdraw. */
  tombstoneRecord(recordType: string, recordId: string, by: Omit<Provenance, 'extractedAt'>): Promise<boolean>;
}

/** A record as the change index lists it: which, and the version its current item is at. */
export interface RecordChange {
  readonly id: string;
  readonly version: number;
}

/**
 * What changed in the SSOT since a moment, for releases built from the previous one plus the
 * change (src/publish). Listing is eventually consistent: a caller asks from a little before
 * the moment it last read, and reads what it lists consistently.
 */
export interface RecordChanges {
  /**
   * The records of a type whose current version was stored at or after `since` (tombstones
   * and identity conflicts included), by id and current version, page by page, in no
   * particular order; a record may come more than once.
   */
  changedSince(recordType: string, since: Date): AsyncIterable<readonly RecordChange[]>;
  /** The current versions of these records read consistently, tombstones and conflicts included; ids with no record are left out. */
  readCurrent(recordType: string, recordIds: readonly string[]): Promise<StoredVersion[]>;
}
