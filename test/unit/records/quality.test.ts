import { describe, expect, it } from 'vitest';
import { qualityReport } from '../../../src/records/quality.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { storedVersion } from '../../support/publish-memory.js';

const doc = (id: string, fields: Record<string, unknown>): StoredVersion =>
  storedVersion('normative-document', id, {
    documentNumber: id,
    registrationNumber: 'ZJDC01-2025-0001',
    filing: { body: '绍兴市司法局', date: '2025-03-05', number: '绍司备〔2025〕1号' },
    title: '关于优化营商环境的若干意见',
    signedDate: '2025-02-25',
    publishedDate: '2025-03-01',
    effectiveDate: '2025-04-01',
    expiryDate: '2030-03-31',
    ...fields,
  });

async function* pages(...lists: StoredVersion[][]) {
  for (const list of lists) yield list;
}

describe('quality report over the stored records', () => {
  it('lists every finding by record, counts them by code, and keeps the valid records it flags', async () => {
    const report = await qualityReport(
      'normative-document',
      pages([doc('b', { registrationNumber: undefined }), doc('a', {})], [doc('c', { effectiveDate: '2025-03-10', expiryDate: '2031-03-31' })]),
    );
    expect(report).toMatchObject({
      records: 3,
      withFindings: 2,
      byCode: { 'registration-number-missing': 1, 'effective-too-early': 1, 'validity-too-long': 1 },
    });
    expect(report.findings.map((f) => [f.recordId, f.code])).toEqual([
      ['b', 'registration-number-missing'],
      ['c', 'effective-too-early'],
      ['c', 'validity-too-long'],
    ]);
  });

  it('refuses a record type it has no rules for', async () => {
    await expect(qualityReport('credit-record', pages())).rejects.toThrow(/no quality rules/);
  });
});
