import type { ConflictChange, IdentityConflict } from './identity-conflict.js';

/** Where a stored value came from: the root of "where did this row come from". */
export interface Provenance {
  readonly sourceId: string;
  /** Raw batch in the raw bucket, and the item's position in it. */
  readonly rawKey: string;
  readonly index: number;
  /** The row's own key in the source system. */
  readonly sourceKey: string;
  readonly extractedAt: string;
}

export interface CandidateRecord {
  readonly recordType: string;
  readonly recordId: string;
  readonly record: Readonly<Record<string, unknown>>;
  readonly provenance: Provenance;
}

/**
 * One version of a record as the SSOT stores it. `record` is the golden record (every
 * contributing source merged); `provenance` is the contribution that caused this version.
 */
export interface StoredVersion extends CandidateRecord {
  readonly version: number;
  readonly contentHash: string;
  readonly storedAt: string;
  /** A tombstone: the record was withdrawn; `record` keeps its last content. */
  readonly deleted?: boolean;
  /** Which contribution (by source ref) each field of `record` came from. */
  readonly fieldSources?: Readonly<Record<string, string>>;
  /** Provenance of every contribution merged into `record`, by source ref. */
  readonly contributors?: Readonly<Record<string, Provenance>>;
  /** Its contributions are two cases under one id: `record` is empty and nothing of it is published. */
  readonly conflict?: IdentityConflict;
}

export interface UpsertOutcome {
  readonly created: number;
  readonly updated: number;
  /** Content already stored, or older than what the source sent before (never written). */
  readonly unchanged: number;
  /** Rows that left their record in an identity conflict (nothing merged). */
  readonly conflicted?: number;
  /** Records whose identity conflict arose, changed or was resolved. */
  readonly conflicts?: readonly ConflictChange[];
}

export interface TombstoneOutcome {
  /** Contributions withdrawn (the record may live on from other sources). */
  readonly withdrawn: number;
  /** Records that lost their last contribution and are now tombstones. */
  readonly deleted: number;
  /** Source keys with no record in the SSOT (never valid, or already withdrawn). */
  readonly notFound: number;
  /** Records whose identity conflict a withdrawal changed or resolved. */
  readonly conflicts?: readonly ConflictChange[];
}

/** Rows a source deleted, by their source keys (snapshot or deletion flag). */
export interface SourceWithdrawal {
  readonly sourceId: string;
  readonly sourceKeys: readonly string[];
  /** When the deletion was observed; a row extracted at or before it cannot revive the record. */
  readonly observedAt: string;
  readonly reason: string;
  /** The raw batch that carried a deletion flag, if one did. */
  readonly rawKey?: string;
}

/** Record content as stored: inline, or in S3 when an item would pass DynamoDB's 400 KB (claim check). */
export interface RecordPointer {
  readonly key: string;
  readonly bytes: number;
  readonly sha256: string;
}

export const CURRENT_SK = 'current';
export const VERSION_SK_PREFIX = 'v#';
export const CONTRIBUTION_SK_PREFIX = 'src#';
/** Sparse GSI over contribution items: a source row → the record it feeds. */
export const SOURCE_KEY_INDEX = 'bySourceKey';
/** GSI over current items by record type and the time their version was stored: what changed since a release. */
export const CHANGED_INDEX = 'byTypeChanged';

export const recordPk = (recordType: string, recordId: string): string => `${recordType}#${recordId}`;
/** Zero-padded so versions sort in order as strings. */
export const versionSk = (version: number): string => `${VERSION_SK_PREFIX}${String(version).padStart(10, '0')}`;
/** One source row: the unit of contribution, withdrawal and lookup. */
export const sourceRef = (sourceId: string, sourceKey: string): string => `${sourceId}#${sourceKey}`;
export const contributionSk = (ref: string): string => `${CONTRIBUTION_SK_PREFIX}${ref}`;
