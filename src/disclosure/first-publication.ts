import type { DisclosureEntry, DisclosureLedger } from '../ports/index.js';
import type { ReleasePointer } from '../publish/release.js';
import type { StoredVersion } from '../ssot/model.js';

/** What the disclosure clock needs of one published record. */
export interface PublishedRecord {
  readonly recordId: string;
  readonly decisionDate?: string;
}

/** The part of a published version the ledger keeps. */
export function publishedRecord(stored: StoredVersion): PublishedRecord {
  const decisionDate = stored.record.decisionDate;
  return typeof decisionDate === 'string' ? { recordId: stored.recordId, decisionDate } : { recordId: stored.recordId };
}

/**
 * Starts the disclosure clock of every record in `release` that has none yet: its first
 * publication is this release's time. Records already in the ledger keep their first time.
 */
export function keepFirstPublications(
  ledger: DisclosureLedger,
  recordType: string,
  release: ReleasePointer,
  records: readonly PublishedRecord[],
): Promise<number> {
  const entries: DisclosureEntry[] = records.map((r) => ({ recordType, ...r, firstPublishedAt: release.createdAt, releaseId: release.releaseId }));
  return ledger.recordFirstPublications(entries);
}
