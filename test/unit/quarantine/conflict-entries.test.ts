import { describe, expect, it } from 'vitest';
import { conflictKey, conflictQueueChange } from '../../../src/quarantine/conflict-entries.js';
import { conflictTable, DIFFERS } from '../../../src/quarantine/conflict-view.js';
import { boundedEntry, kindOf } from '../../../src/quarantine/entry.js';
import { quarantineReport } from '../../../src/quarantine/report.js';
import { enforcementDecisionIdentity } from '../../../src/records/enforcement-decision.js';
import { identityValues } from '../../../src/records/identity.js';
import { identityConflict, type ConflictChange } from '../../../src/ssot/identity-conflict.js';

const firm = {
  decisionNumber: '绍越市监罚〔2025〕7号',
  partyName: '绍兴越城恒盛贸易有限公司',
  creditCode: '91330602MA2BXXXX1K',
  decisionDate: '2025-03-03',
  authority: '绍兴市越城区市场监督管理局',
  authorityCode: '11330602MB0000000X',
  fineYuan: 5000,
};
const person = { ...firm, partyName: '张 三', creditCode: undefined, partyIdNumber: '330602199001011234', fineYuan: 200 };
const recordId = '11330602MB0000000X:绍越市监罚〔2025〕7号';
const side = (sourceId: string, sourceKey: string, record: Record<string, unknown>) => ({
  ref: `${sourceId}#${sourceKey}`,
  record,
  provenance: { sourceId, sourceKey, rawKey: `raw/${sourceId}/b.json.gz`, index: 4, extractedAt: '2025-03-05T00:00:00.000Z' },
});
const api = side('demo-enforcement', 'P-7', firm);
const csv = side('demo-sgs-csv', '17', person);
const conflict = identityConflict([api, csv], (r) => identityValues(r, enforcementDecisionIdentity))!;
const raised: ConflictChange = {
  recordType: 'enforcement-decision',
  recordId,
  before: [],
  after: { conflict, records: { [api.ref]: api.record, [csv.ref]: csv.record } },
};
const now = '2025-03-05T01:00:00.000Z';

describe('identity conflicts in the quarantine', () => {
  it('writes one entry of the conflict kind per source, each holding both sides', () => {
    const { put, remove } = conflictQueueChange(raised, enforcementDecisionIdentity, now);
    expect(remove).toEqual([]);
    expect(put.map((e) => [e.sourceId, e.sourceKey, kindOf(e), e.rawKey])).toEqual([
      ['demo-enforcement', conflictKey(recordId), 'identity-conflict', 'raw/demo-enforcement/b.json.gz'],
      ['demo-sgs-csv', conflictKey(recordId), 'identity-conflict', 'raw/demo-sgs-csv/b.json.gz'],
    ]);
    const entry = put[1]!;
    expect(entry.errors.map((e) => [e.path, e.keyword])).toEqual([
      ['/partyCode', 'identity-conflict'],
      ['/partyName', 'identity-conflict'],
    ]);
    expect(entry.errors[1]!.messageZh).toContain('行政相对人名称');
    const [a, b] = entry.conflict!.sides;
    expect(a).toMatchObject({ sourceId: 'demo-enforcement', sourceKey: 'P-7', record: firm });
    expect(b!.identity.partyName).toEqual({ raw: '张 三', normalized: '张三' });
    expect(b!.identity.partyCode).toEqual({ raw: '330602199001011234', normalized: '330602199001011234' });
    expect(entry.conflict!.fields).toEqual(['partyCode', 'partyName']);
  });

  it('clears every source’s entry when the conflict is resolved, and only the leavers’ when it narrows', () => {
    const resolved = conflictQueueChange(
      { recordType: 'enforcement-decision', recordId, before: ['demo-enforcement', 'demo-sgs-csv'] },
      enforcementDecisionIdentity,
      now,
    );
    expect(resolved).toEqual({
      put: [],
      remove: [
        { sourceId: 'demo-enforcement', sourceKey: conflictKey(recordId) },
        { sourceId: 'demo-sgs-csv', sourceKey: conflictKey(recordId) },
      ],
    });
    const narrowed = conflictQueueChange({ ...raised, before: ['demo-enforcement', 'demo-sgs-csv', 'third'] }, enforcementDecisionIdentity, now);
    expect(narrowed.remove).toEqual([{ sourceId: 'third', sourceKey: conflictKey(recordId) }]);
  });

  it('keeps the sides but drops their records when they are too large for an entry', () => {
    const big = { ...raised, after: { conflict, records: { [api.ref]: { ...firm, facts: 'x'.repeat(70_000) }, [csv.ref]: person } } };
    const entry = boundedEntry(conflictQueueChange(big, enforcementDecisionIdentity, now).put[0]!);
    expect(entry.conflict!.recordsTruncated).toBe(true);
    expect(entry.conflict!.sides.map((s) => s.record)).toEqual([undefined, undefined]);
    expect(entry.conflict!.sides[1]!.identity.partyName?.raw).toBe('张 三');
  });

  it('shows both sides side by side, the differing fields marked', () => {
    const lines = conflictTable(conflictQueueChange(raised, enforcementDecisionIdentity, now).put[0]!.conflict!);
    expect(lines[0]).toContain('A demo-enforcement #P-7');
    expect(lines[0]).toContain('B demo-sgs-csv #17');
    const row = (text: string) => lines.find((line) => line.includes(text))!;
    expect(row('行政相对人名称（身份）')).toMatch(new RegExp(`^${DIFFERS}.*绍兴越城恒盛贸易有限公司.*张 三`));
    expect(row('决定日期（身份）').startsWith(DIFFERS)).toBe(false);
    expect(row('fineYuan')).toMatch(new RegExp(`^${DIFFERS}.*5000.*200`));
    expect(row('decisionNumber').startsWith(DIFFERS)).toBe(false);
    // Columns line up: the first separator sits at the same column on every row.
    expect(new Set(lines.filter((l) => l.includes(' | ')).map((l) => l.indexOf(' | '))).size).toBe(1);
  });

  it('counts conflicts apart in the steward’s report, as their own reason', () => {
    const validation = {
      sourceId: 's',
      recordType: 't',
      sourceKey: 'x',
      rawKey: 'r',
      index: 0,
      errors: [{ path: '/a', keyword: 'type', message: 'm', messageZh: 'z' }],
      raw: '{}',
      quarantinedAt: now,
    };
    const report = quarantineReport('demo-sgs-csv', [validation, conflictQueueChange(raised, enforcementDecisionIdentity, now).put[1]!]);
    expect([report.entries, report.conflicts]).toEqual([2, 1]);
    expect(report.summary.map((row) => row['规则 / rule'])).toEqual(expect.arrayContaining(['identity-conflict', 'type']));
  });
});
