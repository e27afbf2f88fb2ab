import { seededRandom, type Random } from '../enforcement/random.js';
import { addDays } from '../shared/defects.js';
import { DECIDING_BODIES, departmentInCharge, mattersOf, type DecidingBody } from './catalogue.js';

/** One procedure step (履行程序) as the catalogue system records it, in Chinese. */
export interface DemoDecisionStep {
  /** 环节: 公众参与, 专家论证, 听证, 风险评估, 合法性审查, 集体讨论决定, 决策公布, 决策执行, 决策后评估. */
  hj: string;
  /** 状态: 已完成, 进行中. */
  zt: string;
  rq?: string;
  ksrq?: string;
  jsrq?: string;
  /** 方式, 会议, 备注. */
  fs?: string;
  hy?: string;
  bz?: string;
}

/** One decision of a year's catalogue, as the justice bureau's 重大行政决策目录管理系统 serves it. */
export interface DemoDecision {
  id: number;
  /** 目录年度, 目录序号, 决策机关 and its code. */
  mlnd: number;
  mlxh: number;
  jcjg: string;
  jcjgdm: string;
  /** 事项名称, 承办单位, 所处阶段. */
  sxmc: string;
  cbdw: string;
  jd: string;
  /** 列入目录日期, 决策日期, 计划完成时间 (YYYY-MM), 征求意见起止. */
  lrrq: string;
  jcrq: string | null;
  jhwcsj: string;
  zqyjksrq: string | null;
  zqyjjzrq: string | null;
  cx: DemoDecisionStep[];
  /** 相关文件: 类别, 标题, 链接, 日期. */
  wj: { lb: string; bt: string; dz: string; rq: string }[];
  gxsj: string;
}

/** Defects that make a decision invalid (quarantined). */
export const DECISION_DEFECTS = ['missing-legality-review', 'review-after-discussion', 'unknown-step', 'missing-deciding-body'] as const;
export type DecisionDefect = (typeof DECISION_DEFECTS)[number];

/** Rules a valid decision breaks (stored, with a quality finding), and one shortened lawfully (no finding). */
export type DecisionPlant = 'consultation-too-short' | 'consultation-shortened-with-reason' | 'publication-missing';

interface Timeline {
  readonly catalogued: string;
  readonly consultation: readonly [string, string];
  readonly expert?: string;
  readonly hearing?: string;
  readonly risk: string;
  readonly review: string;
  readonly discussion: string;
  readonly publication: string;
  readonly evaluation: string;
}

/** The dates a decision's procedure would take, from its entry in the catalogue. */
function timeline(random: Random, year: number, hearing: boolean, consultationDays: number): Timeline {
  const catalogued = `${year}-0${random.int(2, 3)}-${String(random.int(1, 28)).padStart(2, '0')}`;
  const start = addDays(catalogued, random.int(30, 330));
  const end = addDays(start, consultationDays - 1);
  // One after the other: argument, then the hearing on the argued draft, then the risk assessment of it.
  const expert = random.chance(0.6) ? addDays(end, random.int(3, 10)) : undefined;
  const heard = hearing ? addDays(expert ?? end, random.int(5, 15)) : undefined;
  const risk = addDays(heard ?? expert ?? end, random.int(7, 20));
  const review = addDays(risk, random.int(7, 25));
  const discussion = addDays(review, random.int(5, 20));
  const publication = addDays(discussion, random.int(5, 60));
  return {
    catalogued,
    consultation: [start, end],
    ...(expert ? { expert } : {}),
    ...(heard ? { hearing: heard } : {}),
    risk,
    review,
    discussion,
    publication,
    evaluation: addDays(publication, random.int(300, 420)),
  };
}

/** The steps that happened by `asOf`, with the stage they put the decision in. */
function stepsBy(t: Timeline, body: DecidingBody, asOf: string, random: Random): { steps: DemoDecisionStep[]; stage: string } {
  const done = (date: string) => date <= asOf;
  const steps: DemoDecisionStep[] = [];
  if (!done(t.consultation[0])) return { steps, stage: '列入目录' };
  const closed = done(t.consultation[1]);
  steps.push({
    hj: '公众参与',
    zt: closed ? '已完成' : '进行中',
    ksrq: t.consultation[0],
    jsrq: t.consultation[1],
    fs: random.pick(['政府网站意见征集', '政府网站意见征集、座谈会', '政府网站意见征集、问卷调查']),
  });
  if (!closed) return { steps, stage: '征求意见' };
  if (t.expert && done(t.expert)) steps.push({ hj: '专家论证', zt: '已完成', rq: t.expert, fs: '专家论证会' });
  if (t.hearing && done(t.hearing)) steps.push({ hj: '听证', zt: '已完成', rq: t.hearing, fs: '听证会' });
  if (done(t.risk)) steps.push({ hj: '风险评估', zt: '已完成', rq: t.risk, fs: '社会稳定风险评估' });
  if (done(t.review)) steps.push({ hj: '合法性审查', zt: '已完成', rq: t.review, fs: body.government ? '司法行政部门合法性审查' : '法制机构合法性审查' });
  if (!done(t.discussion)) return { steps, stage: '征求意见' };
  steps.push({ hj: '集体讨论决定', zt: '已完成', rq: t.discussion, hy: `${body.meeting}（${t.discussion.slice(0, 4)}年第${random.int(10, 40)}次）` });
  if (!done(t.publication)) return { steps, stage: '已决策' };
  steps.push({ hj: '决策公布', zt: '已完成', rq: t.publication, fs: body.publishedIn });
  steps.push({ hj: '决策执行', zt: '进行中', ksrq: t.publication });
  if (!done(t.evaluation)) return { steps, stage: '执行中' };
  steps.push({ hj: '决策后评估', zt: '已完成', rq: t.evaluation, fs: '第三方评估' });
  return { steps, stage: '已评估' };
}

const url = (body: DecidingBody, year: number, id: number) => `https://www.sx.gov.cn/col/zdjc/${year}/${body.code.slice(-6)}/art_${id}.html`;

/**
 * The catalogues of every deciding body (DECIDING_BODIES) for the three years up to `asOf`,
 * 3 to 6 decisions each, their procedure as far as `asOf` reached. Planted: one decision of
 * each DECISION_DEFECTS kind (quarantined) and one of each DecisionPlant, among those decided.
 */
export function generateMajorDecisions(options: { readonly seed: number; readonly asOf: string }): {
  decisions: DemoDecision[];
  defective: ReadonlyMap<number, DecisionDefect>;
  planted: ReadonlyMap<number, DecisionPlant>;
} {
  const random = seededRandom(options.seed);
  const lastYear = Number(options.asOf.slice(0, 4));
  const decisions: DemoDecision[] = [];
  for (let year = lastYear - 2; year <= lastYear; year++) {
    for (const body of DECIDING_BODIES) {
      const matters = random.shuffle(mattersOf(body)).slice(0, random.int(3, 6));
      matters.forEach((matter, i) => {
        const t = timeline(random, year, matter.hearing, random.int(30, 40));
        if (t.catalogued > options.asOf) return;
        const id = 70_000 + decisions.length;
        const { steps, stage } = stepsBy(t, body, options.asOf, random);
        const consultation = steps.find((s) => s.hj === '公众参与');
        const decided = steps.find((s) => s.hj === '集体讨论决定');
        const title = matter.title.replace('{area}', body.area);
        decisions.push({
          id,
          mlnd: year,
          mlxh: i + 1,
          jcjg: body.name,
          jcjgdm: body.code,
          sxmc: title,
          cbdw: departmentInCharge(body, matter.department),
          jd: stage,
          lrrq: t.catalogued,
          jcrq: decided?.rq ?? null,
          jhwcsj: `${year}-${String(random.int(10, 12))}`,
          zqyjksrq: consultation?.ksrq ?? null,
          zqyjjzrq: consultation?.jsrq ?? null,
          cx: steps,
          wj: [
            ...(consultation ? [{ lb: '决策草案', bt: `${title}（征求意见稿）`, dz: url(body, year, id), rq: consultation.ksrq! }] : []),
            ...(decided ? [{ lb: '意见采纳情况', bt: `关于${title}征求意见采纳情况的说明`, dz: url(body, year, id + 1), rq: decided.rq! }] : []),
          ],
          gxsj: `${[t.catalogued, ...steps.map((s) => s.rq ?? s.ksrq!)]
            .filter((d) => d <= options.asOf)
            .sort()
            .at(-1)!} 17:${String(random.int(10, 59))}:00`,
        });
      });
    }
  }
  return { decisions, ...plant(decisions, random) };
}

/** Breaks one decided decision per defect and plant, at seeded places. */
function plant(decisions: DemoDecision[], random: Random): { defective: ReadonlyMap<number, DecisionDefect>; planted: ReadonlyMap<number, DecisionPlant> } {
  const defective = new Map<number, DecisionDefect>();
  const planted = new Map<number, DecisionPlant>();
  const decided = random.shuffle(decisions.filter((d) => d.jd === '已决策' || d.jd === '执行中' || d.jd === '已评估'));
  const plants = ['consultation-too-short', 'consultation-shortened-with-reason', 'publication-missing'] as const;
  if (decided.length < DECISION_DEFECTS.length + plants.length) return { defective, planted };
  DECISION_DEFECTS.forEach((defect, i) => {
    const d = decided[i]!;
    const review = d.cx.find((s) => s.hj === '合法性审查')!;
    const discussion = d.cx.find((s) => s.hj === '集体讨论决定')!;
    if (defect === 'missing-legality-review') d.cx = d.cx.filter((s) => s !== review);
    // Entered after the meeting, dated as the review opinion was signed.
    if (defect === 'review-after-discussion') review.rq = addDays(discussion.rq!, 3);
    if (defect === 'unknown-step') d.cx.splice(1, 0, { hj: '部门会签', zt: '已完成', rq: d.zqyjjzrq! });
    if (defect === 'missing-deciding-body') d.jcjg = ' ';
    defective.set(d.id, defect);
  });
  plants.forEach((kind, i) => {
    const d = decided[DECISION_DEFECTS.length + i]!;
    if (kind === 'publication-missing') {
      d.jd = '执行中';
      d.cx = d.cx.filter((s) => s.hj !== '决策公布' && s.hj !== '决策后评估');
    } else {
      const consultation = d.cx.find((s) => s.hj === '公众参与')!;
      consultation.jsrq = addDays(consultation.ksrq!, 19);
      d.zqyjjzrq = consultation.jsrq;
      if (kind === 'consultation-shortened-with-reason') consultation.bz = '因防汛防台工作需要，缩短公开征求意见期限为20日';
    }
    planted.set(d.id, kind);
  });
  return { defective, planted };
}
