import { describe, expect, it } from 'vitest';
import { majorDecisionFindings } from '../../../src/records/major-decision-findings.js';
import type { MajorDecision } from '../../../src/records/major-decision.js';
import { recordTypeNamed } from '../../../src/records/registry.js';
import { example } from '../../support/record-examples.js';

const type = recordTypeNamed('major-decision');
const decision = () => example('major-decision') as unknown as MajorDecision & Record<string, unknown>;
const errorsOf = (candidate: unknown) => {
  const result = type.validate(candidate);
  return result.valid ? [] : result.errors;
};
const withSteps = (steps: readonly Record<string, unknown>[]) => ({ ...decision(), steps });
const stepsOf = () => decision().steps!.map((s) => ({ ...s }));

describe('major-decision procedure (《重大行政决策程序暂行条例》)', () => {
  it('accepts a decision reviewed for legality and then discussed collectively', () => {
    expect(errorsOf(decision())).toEqual([]);
  });

  it('rejects a decision taken without a completed legality review or collective discussion, naming both', () => {
    const noReview = stepsOf().filter((s) => s.kind !== 'legality-review');
    const [issue] = errorsOf(withSteps(noReview));
    expect(issue).toMatchObject({ path: '/steps', keyword: 'majorDecisionDecidedSteps' });
    expect(issue!.messageZh).toContain('合法性审查');
    const pending = stepsOf().map((s) => (s.kind === 'collective-discussion' ? { ...s, status: 'planned' } : s));
    expect(errorsOf(withSteps(pending))[0]!.messageZh).toContain('集体讨论决定');
    const bare = errorsOf({ ...decision(), steps: [] });
    expect(bare[0]!.messageZh).toContain('合法性审查、集体讨论决定');
    // A decision being executed or evaluated was taken too.
    expect(errorsOf({ ...decision(), stage: 'execution', steps: [] }).map((e) => e.path)).toEqual(['/steps']);
    // Still in consultation: nothing to review yet.
    expect(errorsOf({ ...decision(), stage: 'consultation', steps: [] })).toEqual([]);
  });

  it('rejects a legality review dated after the collective discussion', () => {
    const late = stepsOf().map((s) => (s.kind === 'legality-review' ? { ...s, date: '2024-08-20' } : s));
    expect(errorsOf(withSteps(late))).toEqual([expect.objectContaining({ path: '/steps/2/date', keyword: 'majorDecisionReviewBeforeDiscussion' })]);
  });

  it('rejects a step that ends before it starts, and consultation dates that contradict the step', () => {
    const backwards = stepsOf().map((s) => (s.kind === 'public-consultation' ? { ...s, startDate: '2024-06-10' } : s));
    expect(errorsOf({ ...withSteps(backwards), consultationStartDate: '2024-06-10', consultationEndDate: '2024-06-09' }).map((e) => e.path)).toContain(
      '/steps/0/endDate',
    );
    expect(errorsOf({ ...decision(), consultationStartDate: '2024-05-11' }).map((e) => e.keyword)).toEqual(['majorDecisionConsultationDates']);
  });

  it('rejects an unknown step kind or status, and requires the deciding body', () => {
    const odd = [...stepsOf(), { kind: 'voting', status: 'done' }];
    expect(errorsOf(withSteps(odd)).map((e) => e.path)).toEqual(['/steps/4/kind', '/steps/4/status']);
    const { decidingBody: _gone, ...anonymous } = decision();
    expect(errorsOf(anonymous).map((e) => e.path)).toEqual(['/decidingBody']);
  });
});

describe('major-decision findings: kept, shown to the steward', () => {
  it('finds nothing in a decision with 31 days of consultation', () => {
    expect(majorDecisionFindings(decision())).toEqual([]);
  });

  it('finds a consultation shorter than 30 days without a stated reason', () => {
    const short = stepsOf().map((s) => (s.kind === 'public-consultation' ? { ...s, endDate: '2024-06-07' } : s));
    const [found] = majorDecisionFindings({ ...decision(), steps: short });
    expect(found).toMatchObject({ code: 'consultation-too-short', field: '/steps/0/endDate' });
    expect(found!.message).toContain('共29日');
    expect(found!.source).toContain('国务院令第713号');
    // 30 days, both ends included, keep the rule; a reason stated on the step excuses a shorter one.
    const thirty = stepsOf().map((s) => (s.kind === 'public-consultation' ? { ...s, endDate: '2024-06-08' } : s));
    expect(majorDecisionFindings({ ...decision(), steps: thirty })).toEqual([]);
    const explained = short.map((s) => (s.kind === 'public-consultation' ? { ...s, remarks: '防汛形势紧急，缩短征求意见期限' } : s));
    expect(majorDecisionFindings({ ...decision(), steps: explained })).toEqual([]);
    // Without steps the catalogue's own dates are read.
    const { steps: _none, ...datesOnly } = decision();
    expect(majorDecisionFindings({ ...datesOnly, consultationEndDate: '2024-05-20' }).map((f) => f.field)).toEqual(['/consultationEndDate']);
  });

  it('finds a decision in execution that was never published', () => {
    expect(majorDecisionFindings({ ...decision(), stage: 'execution' }).map((f) => f.code)).toEqual(['publication-missing']);
    const published = [...stepsOf(), { kind: 'publication', status: 'completed', date: '2024-08-20', channel: '绍兴市人民政府公报' }];
    expect(majorDecisionFindings({ ...decision(), stage: 'execution', steps: published } as MajorDecision)).toEqual([]);
  });
});
