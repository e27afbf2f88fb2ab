import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { expiryChangesOf, feedChangesOf, type ClassifyContext } from '../../../src/feeds/classify.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const rules = { periods: [{ decisionKind: 'penalty' as const, months: 36, rule: 'r', source: 's' }] };
const decisions: DatasetConfig = { id: 'decisions', ...DATASET_DEFAULTS, recordType: 'enforcement-decision', license: 'CC-BY-4.0', disclosure: rules };
const context: ClassifyContext = { datasets: [decisions], freeTextColumns: () => ['facts'], today: '2026-11-27' };

const version = (recordType: string, recordId: string, n: number, record: Record<string, unknown>, extra: Partial<StoredVersion> = {}): StoredVersion => ({
  recordType,
  recordId,
  version: n,
  contentHash: `h${n}`,
  storedAt: '2026-11-27T02:00:00Z',
  record,
  provenance: { sourceId: 's', rawKey: 'raw/s/x', index: 0, sourceKey: recordId, extractedAt: '2026-11-27T00:00:00Z' },
  ...extra,
});
const decided = { decisionDate: '2026-03-02', publicityEndDate: '2027-03-02', status: 'in-force', district: '柯桥区' };
const brief = (changes: ReturnType<typeof feedChangesOf>) => changes.map((c) => [c.feed, c.entity, c.action, c.id, c.carriesRecord, c.reason]);

describe('feed changes of SSOT versions', () => {
  it('announces a decision on the enforcement and Yangtze-Delta feeds, in version order, with its district', () => {
    const changes = feedChangesOf([version('enforcement-decision', 'a', 1, decided), version('enforcement-decision', 'a', 2, decided)], context);
    expect(brief(changes)).toEqual([
      ['enforcement', 'decision', 'published', 'enforcement-decision/a/v1', true, undefined],
      ['yrd', 'penalty-license', 'published', 'enforcement-decision/a/v1', true, undefined],
      ['enforcement', 'decision', 'changed', 'enforcement-decision/a/v2', true, undefined],
      ['yrd', 'penalty-license', 'changed', 'enforcement-decision/a/v2', true, undefined],
    ]);
    expect(changes.every((c) => c.district === '柯桥区' && c.deadline === undefined)).toBe(true);
  });

  it.each([
    // Spring Festival 2025: 28 Jan – 4 Feb off; three working days after Mon 27 Jan is Fri 7 Feb.
    ['2025-01-27T03:00:00Z', '2025-02-07'],
    // Sat 8 Feb 2025 is a make-up working day: it counts.
    ['2025-02-06T03:00:00Z', '2025-02-10'],
    ['2025-02-05T03:00:00Z', '2025-02-08'],
  ])('withdraws a decision revoked at %s without its content, due by %s', (storedAt, deadline) => {
    const revoked = version('enforcement-decision', 'r', 2, { ...decided, status: 'revoked' }, { storedAt });
    const [change] = feedChangesOf([revoked], { ...context, today: storedAt.slice(0, 10) });
    expect(change).toMatchObject({ action: 'withdrawn', reason: 'revoked', carriesRecord: false, deadline, time: storedAt });
  });

  it('omits the deadline rather than guess when the holiday table does not cover the year', () => {
    const revoked = version('enforcement-decision', 'r', 2, { ...decided, status: 'revoked' }, { storedAt: '2099-06-01T03:00:00Z' });
    const [change] = feedChangesOf([revoked], context);
    expect(change!.action).toBe('withdrawn');
    expect(change!.deadline).toBeUndefined();
  });

  it('an expired decision takes the expiry id, the day it expired and a deadline the day after its last public day', () => {
    const expired = version('enforcement-decision', 'x', 3, { ...decided, publicityEndDate: '2026-11-20' });
    const [change] = feedChangesOf([expired], context);
    expect(change).toMatchObject({
      action: 'expired',
      id: 'enforcement-decision/x/expired/2026-11-20',
      time: '2026-11-20T16:00:00.000Z',
      publicUntil: '2026-11-20',
      deadline: '2026-11-21',
      carriesRecord: false,
    });
  });

  it('announces nothing before the decision date, nothing of a minor, nothing of a record born in conflict', () => {
    const minor = { partyType: 'natural-person', partyIdNumber: '330602200905011235', decisionDate: '2025-03-01' };
    const conflict = { fields: ['partyName'], sides: [] };
    const changes = feedChangesOf(
      [
        version('enforcement-decision', 'f', 1, { ...decided, decisionDate: '2026-12-01' }),
        version('enforcement-decision', 'm', 1, minor),
        version('enforcement-decision', 'c', 1, {}, { conflict }),
        version('enforcement-decision', 'c2', 2, {}, { conflict }),
      ],
      context,
    );
    expect(brief(changes)).toEqual([
      ['enforcement', 'decision', 'withdrawn', 'enforcement-decision/c2/v2', false, 'identity-conflict'],
      ['yrd', 'penalty-license', 'withdrawn', 'enforcement-decision/c2/v2', false, 'identity-conflict'],
    ]);
  });

  it('redacts free text in the version a change carries', () => {
    const [change] = feedChangesOf([version('enforcement-decision', 'a', 1, { ...decided, facts: '当事人电话13812348000' })], context);
    expect(JSON.stringify(change!.version.record)).not.toContain('13812348000');
  });

  it('speaks a normative document by its validity and corrections', () => {
    const doc = { documentNumber: '绍政发〔2026〕1号', validity: 'in-force' };
    const changes = feedChangesOf(
      [
        version('normative-document', 'd', 1, doc),
        version('normative-document', 'd', 2, doc),
        version('normative-document', 'd', 3, { ...doc, changes: [{ kind: 'corrects', targetDocumentNumber: doc.documentNumber, date: '2026-11-01' }] }),
        version('normative-document', 'd', 4, { ...doc, validity: 'repealed' }),
        version('normative-document', 'e', 2, { ...doc, validity: 'expired', expiryDate: '2026-10-31' }),
      ],
      context,
    );
    expect(changes.map((c) => [c.action, c.carriesRecord, c.reason])).toEqual([
      ['published', true, undefined],
      ['amended', true, undefined],
      ['corrected', true, undefined],
      ['repealed', false, 'repealed'],
      ['expired', false, 'expired'],
    ]);
    expect(changes.every((c) => c.district === '全市')).toBe(true);
    expect(changes[3]!.deadline).toBe('2026-12-02');
  });

  it('gazette issues: published, corrected, withdrawn when removed', () => {
    const issue = { year: 2026, issueNumber: 3 };
    const changes = feedChangesOf(
      [version('gazette-issue', 'g', 1, issue), version('gazette-issue', 'g', 2, issue), version('gazette-issue', 'g', 3, issue, { deleted: true })],
      context,
    );
    expect(changes.map((c) => [c.action, c.reason])).toEqual([
      ['published', undefined],
      ['corrected', undefined],
      ['withdrawn', 'removed'],
    ]);
  });

  it('credit records leave on repair and on the end of their publicity', () => {
    const credit: DatasetConfig = {
      ...decisions,
      id: 'credit',
      recordType: 'credit-record',
      disclosure: { periods: [{ recordType: 'credit-record', months: 12, rule: 'r', source: 's' }] },
    };
    const ctx = { ...context, datasets: [credit] };
    const record = { category: 'administrative-penalty', decisionDate: '2026-06-01' };
    const changes = feedChangesOf(
      [
        version('credit-record', 'k', 1, record),
        version('credit-record', 'k', 2, { ...record, repairStatus: 'repaired' }),
        version('credit-record', 'o', 4, { ...record, decisionDate: '2025-06-01' }),
      ],
      ctx,
    );
    expect(changes.map((c) => [c.action, c.reason, c.carriesRecord, c.id])).toEqual([
      ['published', undefined, true, 'credit-record/k/v1'],
      ['repaired', 'repaired', false, 'credit-record/k/v2'],
      // Credit publicity does not name the last public day of an expired record: the version's id, working-day deadline.
      ['expired', 'expired', false, 'credit-record/o/v4'],
    ]);
    expect(changes[2]!.deadline).toBe('2026-12-02');
  });

  it('property rights close with their record; service items go out only across provinces', () => {
    const changes = feedChangesOf(
      [
        version('property-rights-transaction', 'p', 1, { status: 'listed' }),
        version('property-rights-transaction', 'p', 2, { status: 'listed' }),
        version('property-rights-transaction', 'p', 3, { status: 'dealt' }),
        version('service-item', 's', 1, { crossProvince: false }),
        version('service-item', 't', 1, { crossProvince: true }),
        version('service-item', 't', 2, { crossProvince: false }),
      ],
      context,
    );
    expect(changes.map((c) => [c.entity, c.action, c.carriesRecord, c.reason])).toEqual([
      ['property-rights', 'announced', true, undefined],
      ['property-rights', 'changed', true, undefined],
      ['property-rights', 'closed', true, 'closed'],
      ['service-item', 'changed', true, undefined],
      ['service-item', 'withdrawn', false, 'removed'],
    ]);
  });

  it('the daily re-evaluation announces an expiry on every feed that carries the record', () => {
    const stored = version('enforcement-decision', 'x', 3, decided);
    const withheld = { reason: 'expired' as const, publicUntil: '2026-11-26', expiredAt: '2026-11-26T16:00:00.000Z' };
    const changes = expiryChangesOf(stored, withheld, context);
    expect(changes.map((c) => [c.feed, c.action, c.id, c.time, c.deadline])).toEqual([
      ['enforcement', 'expired', 'enforcement-decision/x/expired/2026-11-26', '2026-11-26T16:00:00.000Z', '2026-11-27'],
      ['yrd', 'expired', 'enforcement-decision/x/expired/2026-11-26', '2026-11-26T16:00:00.000Z', '2026-11-27'],
    ]);
    expect(expiryChangesOf(stored, { reason: 'revoked' }, context)).toEqual([]);
  });
});
