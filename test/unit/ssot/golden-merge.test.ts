import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeContributions, rankContributions, topContribution, type Contribution } from '../../../src/ssot/golden-merge.js';

const contribution = (sourceId: string, record: Record<string, unknown>, extractedAt = '2025-03-01T00:00:00.000Z'): Contribution => ({
  ref: `${sourceId}#k`,
  record,
  provenance: { sourceId, rawKey: `raw/${sourceId}/b.json.gz`, index: 0, sourceKey: 'k', extractedAt },
});

describe('golden record merge', () => {
  // The legal affairs office decides validity; the issuing department knows the text.
  const legal = contribution('legal-office', { documentNumber: '绍政发〔2021〕4号', title: '关于…的通知', validity: 'repealed' });
  const issuer = contribution('issuer', {
    documentNumber: '绍政发〔2021〕4号',
    title: '关于…的通知（修订）',
    validity: 'in-force',
    fullTextUrl: 'https://x/1',
  });
  const precedence = { default: ['issuer', 'legal-office'], fields: { validity: ['legal-office'] } };

  it('takes each field from the declared winner and says where every field came from', () => {
    const golden = mergeContributions([legal, issuer], precedence);
    expect(golden.record).toEqual({ documentNumber: '绍政发〔2021〕4号', title: '关于…的通知（修订）', validity: 'repealed', fullTextUrl: 'https://x/1' });
    expect(golden.fieldSources).toEqual({ documentNumber: 'issuer#k', title: 'issuer#k', validity: 'legal-office#k', fullTextUrl: 'issuer#k' });
  });

  it('falls through to the next source for a field the winner lacks', () => {
    const golden = mergeContributions([contribution('a', { x: 1 }), contribution('b', { x: 2, y: 3 })], { default: ['a', 'b'] });
    expect(golden.record).toEqual({ x: 1, y: 3 });
    expect(golden.fieldSources).toEqual({ x: 'a#k', y: 'b#k' });
  });

  it('ranks undeclared sources after declared ones, the freshest first', () => {
    const old = contribution('old', { x: 'old' }, '2025-01-01T00:00:00.000Z');
    const fresh = contribution('fresh', { x: 'fresh' }, '2025-02-01T00:00:00.000Z');
    expect(mergeContributions([old, fresh]).record.x).toBe('fresh');
    expect(mergeContributions([fresh, old], { default: ['old'] }).record.x).toBe('old');
    expect(rankContributions([old, fresh], undefined).map((c) => c.provenance.sourceId)).toEqual(['fresh', 'old']);
  });

  it('does not depend on the order contributions arrive in', () => {
    const sources = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(sources, fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 3 }), fc.integer({ min: 0, max: 100 }), (ids, declared, seed) => {
        const contributions = ids.map((id, i) => contribution(id, { [['x', 'y', 'z'][i % 3]!]: id, shared: id }, `2025-01-0${1 + (i % 3)}T00:00:00.000Z`));
        const shuffled = [...contributions].sort((a, b) => ((a.ref.charCodeAt(0) * seed) % 7) - ((b.ref.charCodeAt(0) * seed) % 7));
        const rules = { default: declared };
        expect(mergeContributions(shuffled, rules)).toEqual(mergeContributions(contributions, rules));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the top source whole as the fallback', () => {
    expect(topContribution([legal, issuer], precedence)).toEqual({
      record: issuer.record,
      fieldSources: { documentNumber: 'issuer#k', title: 'issuer#k', validity: 'issuer#k', fullTextUrl: 'issuer#k' },
    });
    expect(() => mergeContributions([])).toThrow(/zero contributions/);
  });
});
