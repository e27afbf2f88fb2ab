import { describe, expect, it } from 'vitest';
import { prcCalendar } from '../../../src/calendar/index.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { complianceReport } from '../../../src/disclosure/compliance-report.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { MemoryDisclosureLedger } from '../../support/memory-disclosure-ledger.js';
import { storedVersion } from '../../support/publish-memory.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const period = (decisionKind: 'penalty' | 'license') => ({ periods: [{ decisionKind, months: 12, rule: 'r', source: 's' }] });
const base = { ...DATASET_DEFAULTS, recordType: 'enforcement-decision', license: 'CC-BY-4.0' };
// Licences first, as the catalog sorts them: a penalty must still be judged by the penalties' rules.
const datasets: DatasetConfig[] = [
  { ...base, id: 'administrative-licenses', filter: { decisionKind: 'license' }, disclosure: period('license') },
  { ...base, id: 'enforcement-decisions', filter: { decisionKind: 'penalty' }, disclosure: period('penalty') },
  {
    ...base,
    id: 'credit-records',
    recordType: 'credit-record',
    disclosure: { periods: [{ recordType: 'credit-record', months: 12, rule: 'r', source: 's' }] },
  },
];

const penalty = (id: string, fields: Record<string, unknown>): StoredVersion =>
  storedVersion('enforcement-decision', id, { decisionKind: 'penalty', decisionDate: '2026-11-02', status: 'in-force', ...fields });

function sources(current: readonly StoredVersion[], ledger: MemoryDisclosureLedger) {
  return {
    ledger,
    datasets,
    records: {
      async *listCurrent(recordType: string) {
        yield current.filter((v) => v.recordType === recordType);
      },
    },
  };
}

describe('complianceReport', () => {
  it('counts the 双公示 clocks of decisions only, and never reports a withheld decision as falling due', async () => {
    const ledger = new MemoryDisclosureLedger();
    // Monday 2 Nov 2026, published Tuesday 3 Nov: on time. Published 1 Dec: late.
    await ledger.recordFirstPublications([
      { recordType: 'enforcement-decision', recordId: 'on-time', decisionDate: '2026-11-02', firstPublishedAt: '2026-11-03T02:00:00Z', releaseId: 'r1' },
      { recordType: 'enforcement-decision', recordId: 'late', decisionDate: '2026-11-02', firstPublishedAt: '2026-12-01T02:00:00Z', releaseId: 'r2' },
      { recordType: 'credit-record', recordId: 'listed', decisionDate: '2026-01-05', firstPublishedAt: '2026-12-01T02:00:00Z', releaseId: 'r3' },
    ]);
    const current = [
      penalty('on-time', {}),
      penalty('late', {}),
      // Decided Friday 27 Nov, unpublished: due on its 7th working day, 8 Dec.
      penalty('pending', { decisionDate: '2026-11-27' }),
      // Unpublished and revoked: it can no longer fall due.
      penalty('revoked', { decisionDate: '2026-11-27', status: 'revoked' }),
      storedVersion('credit-record', 'listed', { decisionDate: '2026-01-05' }),
    ];
    const report = await complianceReport(sources(current, ledger), prcCalendar, '2026-12-01');
    expect(report.counts).toMatchObject({ late: 1, onTime: 1, lateWithdrawals: 0, missedExpiries: 0, dueSoon: 1, overdueUnpublished: 0, uncounted: 0 });
    expect(report.late.map((d) => d.recordId)).toEqual(['late']);
    expect(report.due).toEqual([{ recordType: 'enforcement-decision', recordId: 'pending', decisionDate: '2026-11-27', dueOn: '2026-12-08', overdue: false }]);
  });

  it('reports a published decision revoked more than 3 working days ago and still public as a late withdrawal', async () => {
    const ledger = new MemoryDisclosureLedger();
    await ledger.recordFirstPublications([
      { recordType: 'enforcement-decision', recordId: 'r', decisionDate: '2026-11-02', firstPublishedAt: '2026-11-03T02:00:00Z', releaseId: 'r1' },
    ]);
    const revoked = storedVersion(
      'enforcement-decision',
      'r',
      { decisionKind: 'penalty', decisionDate: '2026-11-02', status: 'revoked' },
      '2026-11-20T02:00:00Z',
    );
    const report = await complianceReport(sources([revoked], ledger), prcCalendar, '2026-12-01');
    expect(report.counts.lateWithdrawals).toBe(1);
    expect(report.lateWithdrawals[0]).toMatchObject({ recordId: 'r' });
    // No release has withdrawn it yet: it is still public.
    expect(report.lateWithdrawals[0]!.withdrawnOn).toBeUndefined();
  });
});
