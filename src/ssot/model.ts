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

export interface StoredVersion extends CandidateRecord {
  readonly version: number;
  readonly contentHash: string;
  readonly storedAt: string;
}

export interface UpsertOutcome {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

export const CURRENT_SK = 'current';
export const VERSION_SK_PREFIX = 'v#';

export const recordPk = (recordType: string, recordId: string): string => `${recordType}#${recordId}`;
/** Zero-padded so versions sort in order as strings. */
export const versionSk = (version: number): string => `${VERSION_SK_PREFIX}${String(version).padStart(10, '0')}`;
