import { describe, expect, it } from 'vitest';
import type { CandidateRecord, Provenance } from '../../../src/ssot/model.js';
import { isNoOp, planUpsert, planWithdraw, type Head } from '../../../src/ssot/record-state.js';

const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T00:00:00.000Z`;
const provenance = (sourceId: string, day: number): Provenance => ({
  sourceId,
  rawKey: `raw/${sourceId}/${day}`,
  index: 0,
  sourceKey: 'k',
  extractedAt: at(day),
});
const candidate = (sourceId: string, record: Record<string, unknown>, day: number): CandidateRecord => ({
  recordType: 't',
  recordId: 'r',
  record,
  provenance: provenance(sourceId, day),
});
const rules = { precedence: { default: ['a', 'b'] } };

function headAfter(...steps: [string, Record<string, unknown>, number][]): Head {
  let head: Head | undefined;
  const others: { ref: string; record: Record<string, unknown>; provenance: Provenance }[] = [];
  for (const [sourceId, record, day] of steps) {
    const plan = planUpsert(head, candidate(sourceId, record, day), `${sourceId}#k`, others, rules);
    if (!plan) continue;
    others.push({ ref: `${sourceId}#k`, record, provenance: provenance(sourceId, day) });
    head = plan.next;
  }
  return head!;
}

describe('planning SSOT writes', () => {
  it('creates version 1, then a version per content change, and nothing for the same content', () => {
    const first = planUpsert(undefined, candidate('a', { x: 1 }, 1), 'a#k', [], rules)!;
    expect([first.outcome, first.newVersion, first.next.version, first.next.revision]).toEqual(['created', true, 1, 1]);
    expect(isNoOp(first.next, candidate('a', { x: 1 }, 2), 'a#k')).toBe(true);
    const second = planUpsert(first.next, candidate('a', { x: 2 }, 2), 'a#k', [], rules)!;
    expect([second.outcome, second.next.version, second.next.revision]).toEqual(['updated', 2, 2]);
  });

  it('ignores a row extracted before the stored one, but takes a re-mapped row of the same extraction', () => {
    const head = headAfter(['a', { x: 2 }, 5]);
    expect(planUpsert(head, candidate('a', { x: 1 }, 4), 'a#k', [], rules)).toBeUndefined();
    expect(planUpsert(head, candidate('a', { x: 3 }, 5), 'a#k', [], rules)?.outcome).toBe('updated');
  });

  it('records a lower-ranked contribution without a new version when the golden record stays the same', () => {
    const head = headAfter(['a', { x: 1 }, 1]);
    const plan = planUpsert(head, candidate('b', { x: 9 }, 2), 'b#k', [{ ref: 'a#k', record: { x: 1 }, provenance: provenance('a', 1) }], rules)!;
    expect([plan.outcome, plan.newVersion, plan.next.version, plan.next.revision]).toEqual(['contributed', false, 1, 2]);
    expect(Object.keys(plan.next.sources).sort()).toEqual(['a#k', 'b#k']);
    expect(plan.next.provenance).toEqual(head.provenance);
  });

  it('re-merges without a withdrawn row, and makes a tombstone of the last one', () => {
    const head = headAfter(['a', { x: 1 }, 1], ['b', { x: 2, y: 2 }, 2]);
    expect(head.record).toEqual({ x: 1, y: 2 });
    const others = [{ ref: 'b#k', record: { x: 2, y: 2 }, provenance: provenance('b', 2) }];
    const withoutA = planWithdraw(head, ['a#k'], others, provenance('a', 3), rules)!;
    expect([withoutA.outcome, withoutA.next.record, withoutA.next.deleted]).toEqual(['updated', { x: 2, y: 2 }, false]);
    const gone = planWithdraw(withoutA.next, ['b#k'], [], provenance('b', 4), rules)!;
    expect([gone.newVersion, gone.next.deleted, gone.next.record, gone.next.version]).toEqual([true, true, { x: 2, y: 2 }, head.version + 2]);
    // Redelivered: nothing to do. A row extracted before the deletion cannot revive it; a later one does.
    expect(planWithdraw(gone.next, ['b#k'], [], provenance('b', 4), rules)).toBeUndefined();
    expect(planUpsert(gone.next, candidate('b', { x: 2, y: 2 }, 4), 'b#k', [], rules)).toBeUndefined();
    const revived = planUpsert(gone.next, candidate('b', { x: 2, y: 2 }, 5), 'b#k', [], rules)!;
    expect([revived.outcome, revived.next.deleted, revived.newVersion]).toEqual(['updated', false, true]);
  });

  it('falls back to the top source whole when the field-wise merge is not a valid record', () => {
    const isValid = (record: Readonly<Record<string, unknown>>) => !(record.kind === 'person' && record.creditCode !== undefined);
    const a = { ref: 'a#k', record: { kind: 'person', idNumber: 'x' }, provenance: provenance('a', 1) };
    const head = headAfter(['a', a.record, 1]);
    const plan = planUpsert(head, candidate('b', { kind: 'firm', creditCode: 'c' }, 2), 'b#k', [a], { ...rules, isValid })!;
    expect(plan.next.record).toEqual({ kind: 'person', idNumber: 'x' });
    expect(plan.next.fieldSources).toEqual({ kind: 'a#k', idNumber: 'a#k' });
  });
});
