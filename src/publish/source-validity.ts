import type { SourceConfig } from '../config/catalog.js';
import type { QuarantineStore } from '../ports/index.js';
import type { SourceValidity } from './release-quality.js';

/**
 * The validity figure of a record type: its valid source rows (the current SSOT records,
 * counted by the caller as it reads them) against the invalid ones its sources left in
 * quarantine. Identity conflicts are not invalid rows and do not count.
 */
export async function sourceValidity(
  recordType: string,
  validRecords: number,
  sources: readonly Pick<SourceConfig, 'id' | 'recordType'>[],
  quarantine: Pick<QuarantineStore, 'count'>,
): Promise<SourceValidity> {
  const counts = await Promise.all(sources.filter((s) => s.recordType === recordType).map((s) => quarantine.count(s.id, 'validation')));
  return { valid: validRecords, quarantined: counts.reduce((a, b) => a + b, 0) };
}
