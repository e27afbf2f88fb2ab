import { describe, expect, it } from 'vitest';
import { creditPublicityOf } from '../../../src/disclosure/credit-publicity.js';
import { normativeDocumentPublicity, publicityJudgeFor, PUBLICITY_BY_TYPE } from '../../../src/disclosure/publicity-by-type.js';
import { publicityOf } from '../../../src/disclosure/publicity.js';
import { recordTypes } from '../../../src/records/registry.js';
import { example } from '../../support/record-examples.js';

// A penalty's rules: 12 months of publicity from the decision date.
const rules = { periods: [{ decisionKind: 'penalty' as const, months: 12, rule: '一年', source: '测试' }] };
const today = '2026-06-01';

describe('publicity by record type', () => {
  it('has a rule for every record type the registry knows', () => {
    expect(Object.keys(PUBLICITY_BY_TYPE).sort()).toEqual(Object.keys(recordTypes).sort());
  });

  it('keeps the decisions’ and the credit records’ own rules', () => {
    expect(publicityJudgeFor('enforcement-decision')).toBe(publicityOf);
    expect(publicityJudgeFor('credit-record')).toBe(creditPublicityOf);
    // An unknown type falls back to the decisions' 公示期 rule, as before.
    expect(publicityJudgeFor('no-such-type')).toBe(publicityOf);
  });

  it('publishes a normative document whatever its validity, unless it is not proactively disclosed', () => {
    const judge = publicityJudgeFor('normative-document');
    expect(judge).toBe(normativeDocumentPublicity);
    for (const validity of ['in-force', 'expired', 'repealed', 'amended']) {
      // Signed years ago: a decision's 公示期 would have ended long since.
      expect(judge({ ...example('normative-document'), validity }, today, rules)).toEqual({ published: true });
    }
    expect(judge({ ...example('normative-document'), disclosure: 'on-request' }, today, rules)).toEqual({ published: false, reason: 'not-proactive' });
    expect(judge({ ...example('normative-document'), disclosure: 'not-disclosed' }, today, rules)).toEqual({ published: false, reason: 'not-proactive' });
  });

  it('always publishes gazette issues, catalogued decisions, property-rights transactions and service items', () => {
    // Old records with a status and dates that would end a penalty's publicity.
    const stale = { decisionDate: '2019-01-01', publicityEndDate: '2019-12-31', status: 'revoked' };
    for (const type of ['gazette-issue', 'major-decision', 'property-rights-transaction', 'service-item']) {
      expect(publicityJudgeFor(type)({ ...stale }, today, rules), type).toEqual({ published: true });
    }
    expect(publicityJudgeFor('major-decision')(example('major-decision'), today, rules)).toEqual({ published: true });
    // The same facts as a penalty are withheld: the per-type rule is what publishes them.
    expect(publicityJudgeFor('enforcement-decision')(stale, today, rules)).toMatchObject({ published: false });
  });
});
