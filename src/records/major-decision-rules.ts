import type { DecisionStep, DecisionStepKind } from '../generated/major-decision.types.js';
import { isCalendarDate } from './normalize-values.js';
import type { CrossFieldRule } from './record-type.js';
import type { ValidationIssue } from './validation-issue.js';

/** The instrument every procedure rule of a major decision comes from. */
export const DECISION_REGULATION = '《重大行政决策程序暂行条例》（国务院令第713号）';

/** Stages at which the decision has been taken: its legality review and collective discussion are behind it. */
const DECIDED_STAGES: ReadonlySet<unknown> = new Set(['decision', 'execution', 'result']);

/** Chinese names of the steps, for messages (the schema's x-labels say the same). */
export const STEP_NAMES: Readonly<Record<DecisionStepKind, string>> = {
  'public-consultation': '公众参与（公开征求意见）',
  'expert-argument': '专家论证',
  hearing: '听证',
  'risk-assessment': '风险评估',
  'legality-review': '合法性审查',
  'collective-discussion': '集体讨论决定',
  publication: '决策公布',
  execution: '决策执行',
  'post-evaluation': '决策后评估',
};

const stepsOf = (candidate: Readonly<Record<string, unknown>>): readonly Partial<DecisionStep>[] =>
  Array.isArray(candidate.steps) ? (candidate.steps as Partial<DecisionStep>[]).filter((s) => typeof s === 'object' && s !== null) : [];

/** The day a step happened: its date, else its last day. */
const dayOf = (step: Partial<DecisionStep> | undefined): string | undefined => {
  const day = step?.date ?? step?.endDate;
  return typeof day === 'string' && isCalendarDate(day) ? day : undefined;
};

const issue = (path: string, keyword: string, message: string, messageZh: string): ValidationIssue => ({ path, keyword, message, messageZh });

/**
 * A decision taken (stage decision, execution or result) went through legality review and then
 * collective discussion: the draft is reviewed by the legality-review body before the deciding
 * body discusses it, and is decided at its executive or plenary meeting (《条例》第五章). A record
 * that says it was decided without either step, or discussed before review, is rejected: the
 * catalogue would publish a procedure that did not happen.
 */
export const decidedAfterReviewAndDiscussion: CrossFieldRule = (candidate) => {
  if (!DECIDED_STAGES.has(candidate.stage)) return [];
  const steps = stepsOf(candidate);
  const find = (kind: DecisionStepKind) => steps.findIndex((s) => s.kind === kind && s.status === 'completed');
  const missing = (['legality-review', 'collective-discussion'] as const).filter((kind) => find(kind) < 0);
  if (missing.length > 0) {
    return [
      issue(
        '/steps',
        'majorDecisionDecidedSteps',
        `a decision at stage ${String(candidate.stage)} needs completed steps ${missing.join(' and ')}`,
        `决策已作出（${String(candidate.stage)}），但缺少已完成的${missing.map((k) => STEP_NAMES[k]).join('、')}环节（${DECISION_REGULATION}：决策草案提交决策机关讨论前应当经合法性审查，并经决策机关常务会议或者全体会议讨论决定）`,
      ),
    ];
  }
  const reviewAt = find('legality-review');
  const discussionAt = find('collective-discussion');
  const reviewed = dayOf(steps[reviewAt]);
  const discussed = dayOf(steps[discussionAt]);
  if (!reviewed || !discussed || reviewed <= discussed) return [];
  return [
    issue(
      `/steps/${reviewAt}/date`,
      'majorDecisionReviewBeforeDiscussion',
      `legality review (${reviewed}) must come before collective discussion (${discussed})`,
      `合法性审查（${reviewed}）晚于集体讨论决定（${discussed}）；决策草案应当先经合法性审查再提交集体讨论（${DECISION_REGULATION}）`,
    ),
  ];
};

/** A step that runs over days does not end before it starts. */
export const stepsEndAfterStart: CrossFieldRule = (candidate) =>
  stepsOf(candidate).flatMap((step, i) =>
    typeof step.startDate === 'string' && typeof step.endDate === 'string' && step.endDate < step.startDate
      ? [
          issue(
            `/steps/${i}/endDate`,
            'majorDecisionStepEndNotBeforeStart',
            `step ${String(step.kind)} ends (${step.endDate}) before it starts (${step.startDate})`,
            `${STEP_NAMES[step.kind as DecisionStepKind] ?? String(step.kind)}环节的结束日期（${step.endDate}）早于开始日期（${step.startDate}）`,
          ),
        ]
      : [],
  );

/**
 * The catalogue's own consultation dates (consultationStartDate/EndDate, kept for sources
 * without steps) agree with its public-consultation step when both are given.
 */
export const consultationDatesAgree: CrossFieldRule = (candidate) => {
  const step = stepsOf(candidate).find((s) => s.kind === 'public-consultation');
  if (!step) return [];
  const pairs = [
    ['consultationStartDate', step.startDate],
    ['consultationEndDate', step.endDate],
  ] as const;
  return pairs.flatMap(([field, stepValue]) =>
    typeof candidate[field] === 'string' && typeof stepValue === 'string' && candidate[field] !== stepValue
      ? [
          issue(
            `/${field}`,
            'majorDecisionConsultationDates',
            `${field} (${String(candidate[field])}) differs from the public-consultation step (${stepValue})`,
            `征求意见${field === 'consultationStartDate' ? '开始' : '截止'}日期（${String(candidate[field])}）与公众参与环节所载（${stepValue}）不一致`,
          ),
        ]
      : [],
  );
};
