import { describe, expect, it } from 'vitest';
import { DECIDING_BODIES, departmentInCharge } from '../../../demo/decisions/catalogue.js';
import { DECISION_DEFECTS, generateMajorDecisions } from '../../../demo/decisions/generate.js';
import { majorDecisionFindings } from '../../../src/records/major-decision-findings.js';
import type { MajorDecision } from '../../../src/records/major-decision.js';
import { isUscc } from '../../../src/records/formats.js';
import { recordTypeNamed } from '../../../src/records/registry.js';
import { demoMapping } from '../../support/mappings.js';

const AS_OF = '2026-11-20';
const catalogue = generateMajorDecisions({ seed: 7, asOf: AS_OF });
const mapping = await demoMapping('demo-major-decisions');
const type = recordTypeNamed('major-decision');
const mapped = catalogue.decisions.map((row) => ({ row, result: type.validate(mapping.map(row as unknown as Record<string, unknown>)) }));

describe('demo major-decision catalogue: each deciding body’s yearly 重大行政决策目录', () => {
  it('is the same for the same seed and as-of date', () => {
    expect(generateMajorDecisions({ seed: 7, asOf: AS_OF })).toEqual(catalogue);
  });

  it('numbers each body’s catalogue per year from 1, under a valid code, with real departments in charge', () => {
    for (const body of DECIDING_BODIES) expect(isUscc(body.code)).toBe(true);
    const numbers = new Map<string, number[]>();
    for (const d of catalogue.decisions) {
      const key = `${d.mlnd} ${d.jcjgdm}`;
      numbers.set(key, [...(numbers.get(key) ?? []), d.mlxh]);
    }
    for (const list of numbers.values()) expect(list).toEqual(list.map((_n, i) => i + 1));
    expect(new Set(catalogue.decisions.map((d) => d.mlnd))).toEqual(new Set([2024, 2025, 2026]));
    const city = DECIDING_BODIES[0]!;
    expect(departmentInCharge(city, '发展和改革局')).toBe('绍兴市发展和改革委员会');
    expect(departmentInCharge(DECIDING_BODIES[3]!, '生态环境分局')).toBe('绍兴市生态环境局诸暨分局');
    const ids = mapped.flatMap(({ result }) => (result.valid ? [type.idOf(result.record)] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('goes through every stage, with the procedure in order, as far as the as-of date', () => {
    expect(new Set(catalogue.decisions.map((d) => d.jd))).toEqual(new Set(['列入目录', '征求意见', '已决策', '执行中', '已评估']));
    for (const { row, result } of mapped) {
      if (!result.valid) continue;
      const days = (result.record as MajorDecision).steps!.map((s) => s.date ?? s.startDate!);
      expect(
        days.every((day) => day <= AS_OF),
        String(row.id),
      ).toBe(true);
      if (!catalogue.defective.has(row.id)) expect(days).toEqual([...days].sort());
    }
    expect(catalogue.decisions.some((d) => d.cx.some((s) => s.hj === '听证'))).toBe(true);
  });

  it('maps every decision but the planted defects to a valid one, and quarantines each defect at its field', () => {
    const failing = new Map<number, string[]>();
    for (const { row, result } of mapped)
      if (!result.valid)
        failing.set(
          row.id,
          result.errors.map((e) => e.keyword),
        );
    expect([...failing.keys()].sort()).toEqual([...catalogue.defective.keys()].sort());
    expect([...catalogue.defective.values()].sort()).toEqual([...DECISION_DEFECTS].sort());
    const keywordsOf = (defect: string) => failing.get([...catalogue.defective].find(([, d]) => d === defect)![0]);
    expect(keywordsOf('missing-legality-review')).toEqual(['majorDecisionDecidedSteps']);
    expect(keywordsOf('review-after-discussion')).toEqual(['majorDecisionReviewBeforeDiscussion']);
    expect(keywordsOf('unknown-step')).toEqual(['enum']);
    expect(keywordsOf('missing-deciding-body')).toEqual(['required']);
  });

  it('plants exactly its findings: a short consultation without reason and an unpublished decision in execution', () => {
    const found = new Map<number, string[]>();
    for (const { row, result } of mapped) {
      if (!result.valid) continue;
      const codes = majorDecisionFindings(result.record as MajorDecision).map((f) => f.code);
      if (codes.length > 0) found.set(row.id, codes);
    }
    const expected = new Map(
      [...catalogue.planted].filter(([, plant]) => plant !== 'consultation-shortened-with-reason').map(([id, plant]) => [id, [plant as string]]),
    );
    expect(found).toEqual(expected);
    expect(catalogue.planted.size).toBe(3);
  });
});
