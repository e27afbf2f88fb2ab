import type { MajorDecision } from '../generated/major-decision.types.js';
import type { NormativeDocument } from '../generated/normative-document.types.js';
import type { StoredVersion } from '../ssot/model.js';
import { majorDecisionFindings } from './major-decision-findings.js';
import { normativeDocumentFindings, type QualityFinding } from './normative-document-findings.js';

export type { QualityFinding } from './normative-document-findings.js';

/** The quality rules of each record type that has any: findings on a valid, stored record. */
export const qualityRules: Readonly<Record<string, (record: Readonly<Record<string, unknown>>) => QualityFinding[]>> = {
  'normative-document': (record) => normativeDocumentFindings(record as unknown as NormativeDocument),
  'major-decision': (record) => majorDecisionFindings(record as unknown as MajorDecision),
};

/** One finding on one stored record. */
export interface RecordFinding extends QualityFinding {
  readonly recordType: string;
  readonly recordId: string;
}

export interface QualityReport {
  /** Records read, and how many have at least one finding. */
  readonly records: number;
  readonly withFindings: number;
  /** How many findings of each code. */
  readonly byCode: Readonly<Record<string, number>>;
  readonly findings: readonly RecordFinding[];
}

/** The findings on every current record of a type, as the store pages them, in record order. */
export async function qualityReport(recordType: string, current: AsyncIterable<readonly StoredVersion[]>): Promise<QualityReport> {
  const rules = qualityRules[recordType];
  if (!rules) throw new Error(`record type ${recordType} has no quality rules`);
  const findings: RecordFinding[] = [];
  let records = 0;
  const flagged = new Set<string>();
  for await (const page of current) {
    for (const stored of page) {
      records += 1;
      for (const found of rules(stored.record)) {
        findings.push({ recordType, recordId: stored.recordId, ...found });
        flagged.add(stored.recordId);
      }
    }
  }
  findings.sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
  const byCode: Record<string, number> = {};
  for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  return { records, withFindings: flagged.size, byCode, findings };
}
