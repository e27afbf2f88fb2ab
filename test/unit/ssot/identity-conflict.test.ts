import { describe, expect, it } from 'vitest';
import { enforcementDecisionIdentity } from '../../../src/records/enforcement-decision.js';
import { identityValues } from '../../../src/records/identity.js';
import type { Contribution } from '../../../src/ssot/golden-merge.js';
import { identityConflict, sameConflict } from '../../../src/ssot/identity-conflict.js';
import type { CandidateRecord, Provenance } from '../../../src/ssot/model.js';
import { prepareUpsert, type RecordReads } from '../../../src/ssot/record-writes.js';
import { CONFLICT_RECORD, planUpsert, planWithdraw, type Head, type MergeRules } from '../../../src/ssot/record-state.js';

const identityOf = (record: Readonly<Record<string, unknown>>) => identityValues(record, enforcementDecisionIdentity);
const rules: MergeRules = { precedence: { default: ['api', 'csv'] }, identityOf };

const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T00:00:00.000Z`;
const provenance = (sourceId: string, day: number, sourceKey = 'k'): Provenance => ({
  sourceId,
  rawKey: `raw/${sourceId}/${day}`,
  index: 0,
  sourceKey,
  extractedAt: at(day),
});
const decision = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  decisionNumber: '绍越市监罚〔2025〕7号',
  partyName: '绍兴越城恒盛贸易有限公司',
  creditCode: '91330602MA2BXXXX1K',
  decisionDate: '2025-03-03',
  authority: '绍兴市越城区市场监督管理局',
  authorityCode: '11330602MB0000000X',
  fineYuan: 5000,
  ...extra,
});
const person = decision({ partyName: '张三', creditCode: undefined, partyIdNumber: '330602199001011234' });
const contribution = (sourceId: string, record: Record<string, unknown>, day: number): Contribution => ({
  ref: `${sourceId}#k`,
  record,
  provenance: provenance(sourceId, day),
});
const candidate = (sourceId: string, record: Record<string, unknown>, day: number): CandidateRecord => ({
  recordType: 'enforcement-decision',
  recordId: 'r',
  record,
  provenance: provenance(sourceId, day),
});

/** Rows arrive one by one, as the store plans them; returns the head after each. */
function heads(...rows: [string, Record<string, unknown>, number][]): Head[] {
  let head: Head | undefined;
  const others: Contribution[] = [];
  const out: Head[] = [];
  for (const [sourceId, record, day] of rows) {
    const plan = planUpsert(head, candidate(sourceId, record, day), `${sourceId}#k`, others, rules);
    if (!plan) continue;
    others.splice(0, others.length, ...others.filter((c) => c.ref !== `${sourceId}#k`), contribution(sourceId, record, day));
    head = plan.next;
    out.push(head);
  }
  return out;
}

describe('identity conflicts among contributions', () => {
  it('finds none when the sides agree once normalized (full-width, spaces, case)', () => {
    const spaced = decision({ partyName: '绍兴越城恒盛贸易有限公司 ', creditCode: '91330602ma2bxxxx1k', fineYuan: 4000 });
    expect(identityConflict([contribution('api', decision(), 1), contribution('csv', spaced, 2)], identityOf)).toBeUndefined();
  });

  it('takes a field one side lacks as no disagreement', () => {
    const { creditCode: _code, ...withoutCode } = decision();
    expect(identityConflict([contribution('api', decision(), 1), contribution('csv', withoutCode, 2)], identityOf)).toBeUndefined();
  });

  it('names every disagreeing field, and a firm against a natural person is a different party code', () => {
    const conflict = identityConflict([contribution('api', decision(), 1), contribution('csv', person, 2)], identityOf)!;
    expect(conflict.fields).toEqual(['partyCode', 'partyName']);
    expect(conflict.sides.map((s) => [s.ref, s.identity.partyName, s.identity.partyCode])).toEqual([
      ['api#k', '绍兴越城恒盛贸易有限公司', '91330602MA2BXXXX1K'],
      ['csv#k', '张三', '330602199001011234'],
    ]);
  });

  it('compares conflicts whatever the order of their maps’ keys (DynamoDB hands maps back in any order)', () => {
    const conflict = identityConflict([contribution('api', decision(), 1), contribution('csv', person, 2)], identityOf)!;
    const reordered = JSON.parse(JSON.stringify({ sides: conflict.sides, fields: conflict.fields })) as typeof conflict;
    expect(sameConflict(conflict, reordered)).toBe(true);
    expect(sameConflict(conflict, undefined)).toBe(false);
  });
});

describe('planning a record whose sources disagree on identity', () => {
  it('merges the same case from two sources: one record, fields from both', () => {
    const [, merged] = heads(['api', decision(), 1], ['csv', decision({ fineYuan: 4000, caseName: '销售过期食品案' }), 2]);
    expect(merged!.conflict).toBeUndefined();
    expect(merged!.record).toMatchObject({ fineYuan: 5000, caseName: '销售过期食品案', partyName: '绍兴越城恒盛贸易有限公司' });
    expect(merged!.fieldSources).toMatchObject({ fineYuan: 'api#k', caseName: 'csv#k' });
  });

  it('merges nothing of two cases: an empty record, a new version that withdraws the published one', () => {
    const [first, conflicted] = heads(['api', decision(), 1], ['csv', person, 2]);
    expect(conflicted!.conflict?.fields).toEqual(['partyCode', 'partyName']);
    expect(conflicted!.record).toEqual(CONFLICT_RECORD);
    expect(conflicted!.fieldSources).toEqual({});
    expect(conflicted!.version).toBe(first!.version + 1);
    expect(JSON.stringify(conflicted!.record)).not.toContain('张三');
  });

  it('keeps the conflict without a new version while it stands, updating its sides', () => {
    const [, conflicted, still] = heads(['api', decision(), 1], ['csv', person, 2], ['csv', { ...person, fineYuan: 200 }, 3]);
    expect(still!.version).toBe(conflicted!.version);
    expect(still!.conflict?.sides[1]?.provenance.extractedAt).toBe(at(3));
  });

  it('merges again when a source corrects its row', () => {
    const [, conflicted, fixed] = heads(['api', decision(), 1], ['csv', person, 2], ['csv', decision({ caseName: '更正' }), 3]);
    expect(fixed!.conflict).toBeUndefined();
    expect(fixed!.version).toBe(conflicted!.version + 1);
    expect(fixed!.record).toMatchObject({ partyName: '绍兴越城恒盛贸易有限公司', caseName: '更正' });
  });

  it('resolves when one side is withdrawn: the other stands alone', () => {
    const [, conflicted] = heads(['api', decision(), 1], ['csv', person, 2]);
    const others = [contribution('api', decision(), 1), contribution('csv', person, 2)];
    const plan = planWithdraw(conflicted!, ['csv#k'], others, provenance('csv', 4), rules)!;
    expect(plan.next.conflict).toBeUndefined();
    expect(plan.newVersion).toBe(true);
    expect(plan.next.record).toEqual(decision());
  });

  it('ends a conflict in a tombstone when every row is withdrawn', () => {
    const [, conflicted] = heads(['api', decision(), 1], ['csv', person, 2]);
    const plan = planWithdraw(conflicted!, ['api#k', 'csv#k'], [], provenance('api', 4), rules)!;
    expect(plan.next.deleted).toBe(true);
    expect(plan.next.conflict).toBeUndefined();
  });

  it('checks nothing for a type without identity fields', () => {
    const noIdentity: MergeRules = { precedence: { default: ['api', 'csv'] } };
    const head = planUpsert(undefined, candidate('api', decision(), 1), 'api#k', [], noIdentity)!.next;
    const plan = planUpsert(head, candidate('csv', person, 2), 'csv#k', [contribution('api', decision(), 1)], noIdentity)!;
    expect(plan.next.conflict).toBeUndefined();
  });
});

describe('preparing one write of rows that conflict', () => {
  const reads: RecordReads = { contributions: async () => [], content: async () => ({}) };
  const group = (...rows: [string, Record<string, unknown>, number][]) =>
    new Map(rows.map(([sourceId, record, day]) => [`${sourceId}#k`, candidate(sourceId, record, day)]));

  it('writes one conflict version for a new record whose rows disagree, never a version of either side', async () => {
    const prepared = await prepareUpsert(group(['api', decision(), 1], ['csv', person, 2]), undefined, reads, () => rules);
    expect(prepared.steps).toEqual(['created', 'conflicted']);
    expect(prepared.write!.versions.map((v) => [v.version, v.record, v.conflict?.fields])).toEqual([[1, {}, ['partyCode', 'partyName']]]);
    expect(prepared.write!.next.version).toBe(1);
    expect(prepared.conflict).toMatchObject({ recordType: 'enforcement-decision', recordId: 'r', before: [] });
    expect(Object.keys(prepared.conflict!.after!.records).sort()).toEqual(['api#k', 'csv#k']);
    expect(prepared.conflict!.after!.records['csv#k']).toEqual(person);
  });

  it('reports a merge of the same case as no conflict change', async () => {
    const prepared = await prepareUpsert(group(['api', decision(), 1], ['csv', decision({ fineYuan: 1 }), 2]), undefined, reads, () => rules);
    expect(prepared.conflict).toBeUndefined();
    expect(prepared.write!.versions.at(-1)!.record).toMatchObject({ fineYuan: 5000 });
  });
});
