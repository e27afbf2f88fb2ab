import type { MajorDecision } from '../generated/major-decision.types.js';
import { DECISION_REGULATION } from './major-decision-rules.js';
import type { QualityFinding } from './normative-document-findings.js';

/** A public consultation runs, as a rule, 30 days at least (一般不少于30日). */
export const MIN_CONSULTATION_DAYS = 30;

const DAY_MS = 86_400_000;
/** Days from the first to the last day of a period, both included. */
const daysIncluded = (start: string, end: string): number => Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS) + 1;

const finding = (code: string, field: string, message: string, rule: string): QualityFinding => ({ code, field, message, rule, source: DECISION_REGULATION });

/**
 * A consultation shorter than 30 days is lawful when the urgency is explained as it opens,
 * so it is a finding (kept, shown to the steward), not a rejection; stated remarks on the
 * step count as that explanation.
 */
function consultationFindings(decision: MajorDecision): QualityFinding[] {
  const index = decision.steps?.findIndex((s) => s.kind === 'public-consultation') ?? -1;
  const step = index >= 0 ? decision.steps![index]! : undefined;
  const start = step?.startDate ?? decision.consultationStartDate;
  const end = step?.endDate ?? decision.consultationEndDate;
  if (!start || !end || step?.remarks) return [];
  const days = daysIncluded(start, end);
  if (days >= MIN_CONSULTATION_DAYS) return [];
  return [
    finding(
      'consultation-too-short',
      index >= 0 ? `/steps/${index}/endDate` : '/consultationEndDate',
      `公开征求意见${start}至${end}共${days}日，少于${MIN_CONSULTATION_DAYS}日，且未说明缩短期限的理由`,
      '决策事项向社会公开征求意见的，期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明',
    ),
  ];
}

/** A decision being carried out or evaluated was published (公报、政府网站). */
function publicationFindings(decision: MajorDecision): QualityFinding[] {
  if (decision.stage !== 'execution' && decision.stage !== 'result') return [];
  if (decision.steps?.some((s) => s.kind === 'publication' && s.status === 'completed')) return [];
  return [
    finding(
      'publication-missing',
      '/steps',
      '决策已进入执行阶段，但未载明决策公布环节',
      '决策机关应当通过本级人民政府公报和政府网站以及在本行政区域内发行的报纸等途径及时公布重大行政决策',
    ),
  ];
}

/** What the steward should see about one stored major decision; empty when it keeps every rule. */
export function majorDecisionFindings(decision: MajorDecision): QualityFinding[] {
  return [...consultationFindings(decision), ...publicationFindings(decision)];
}
