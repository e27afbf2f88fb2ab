import { isoDay } from '../shared/defects.js';
import { seededRandom } from '../enforcement/random.js';
import type { DemoDocumentRow, DocumentDefect } from '../documents/generate.js';

/** One entry of an issue's table of contents (目录), as the digital gazette's API returns it. */
export interface DemoGazetteEntry {
  /** 栏目. */
  lanmu: string;
  biaoti: string;
  /** 文号; none for a section without one. */
  wenhao: string | null;
  yema: number;
}

/** One issue of 《绍兴市人民政府公报》, as the editorial office's 数字公报 system serves it. */
export interface DemoGazetteIssue {
  id: number;
  /** 公报年份, 当年期号, 总期号. */
  gbnf: number;
  gbqh: number;
  zqh: number;
  /** 出版日期. */
  cbrq: string | null;
  /** 编辑出版单位. */
  bjdw: string;
  pdfdz: string;
  mulu: DemoGazetteEntry[];
  /** 更新时间 (China wall clock). */
  gxsj: string;
}

/** Defects that make an issue invalid (quarantined): a 文号 in the 目录 not in GB/T 9704 form, no 出版日期. */
export const GAZETTE_DEFECTS = ['malformed-entry-number', 'missing-publication-date'] as const;
export type GazetteDefect = (typeof GAZETTE_DEFECTS)[number];

export const GAZETTE_NAME = '绍兴市人民政府公报';
export const GAZETTE_PUBLISHER = '绍兴市人民政府办公室';
/** 半月刊: two issues a month, on the 15th and the last day. */
export const ISSUES_PER_YEAR = 24;
/** The gazette's running number started with 1997's first issue. */
const FIRST_YEAR = 1997;
/** Days between a document's publication and the first issue that may print it (editing and typesetting). */
const EDITING_DAYS = 3;

/** 栏目 by the 发文机关代字 of a document's 文号. */
export function sectionOf(documentNumber: string): string {
  if (documentNumber.startsWith('绍政发')) return '市政府文件';
  if (documentNumber.startsWith('绍政办发')) return '市政府办公室文件';
  return '部门文件';
}

/** Notices an issue carries when no normative document falls in it, so no issue is empty. */
const NOTICES = [
  ['市政府文件', '绍兴市人民政府关于公布年度重大行政决策事项目录的通知'],
  ['市政府文件', '绍兴市人民政府关于调整部分行政权力事项的通知'],
  ['市政府办公室文件', '绍兴市人民政府办公室关于印发年度政务公开工作要点的通知'],
  ['市政府办公室文件', '绍兴市人民政府办公室关于做好防汛防台工作的通知'],
] as const;

const lastDayOf = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The publication date of issue `issue` (1–24) of `year`. */
export function issueDate(year: number, issue: number): string {
  const month = Math.ceil(issue / 2);
  const day = issue % 2 === 1 ? 15 : lastDayOf(year, month);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const totalIssueNumber = (year: number, issue: number): number => (year - FIRST_YEAR) * ISSUES_PER_YEAR + issue;

const addDays = (date: string, days: number): string => isoDay(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);

/**
 * The gazette as its editorial office keeps it: every issue from the year of the earliest
 * document up to `asOf`, each printing the normative documents (by their real 文号) published in
 * the half month before it went to press, under 市政府文件, 市政府办公室文件 or 部门文件, and now and
 * then a 人事任免 notice. Planted: one issue of each GAZETTE_DEFECTS kind (quarantined), and one
 * issue number printed twice in a year with another running number and table of contents (an
 * identity conflict the steward resolves; `conflicting` maps the extra row to the original).
 * Defective and not-proactive documents of the document system are never printed.
 */
export function generateGazetteIssues(options: {
  readonly seed: number;
  readonly asOf: string;
  readonly documents: readonly DemoDocumentRow[];
  readonly documentDefects: ReadonlyMap<number, DocumentDefect>;
}): { issues: DemoGazetteIssue[]; defective: ReadonlyMap<number, GazetteDefect>; conflicting: ReadonlyMap<number, number> } {
  const random = seededRandom(options.seed);
  const printable = options.documents
    .filter((d) => !options.documentDefects.has(d.id) && d.gkfs === '主动公开' && d.fbrq <= options.asOf)
    .sort((a, b) => (a.fbrq < b.fbrq ? -1 : a.fbrq > b.fbrq ? 1 : a.id - b.id));
  const firstYear = Number((printable[0]?.fbrq ?? options.asOf).slice(0, 4));
  const lastYear = Number(options.asOf.slice(0, 4));
  const issues: DemoGazetteIssue[] = [];
  let next = 0;
  const personnelSerials = new Map<number, number>();
  for (let year = firstYear; year <= lastYear; year++) {
    for (let issue = 1; issue <= ISSUES_PER_YEAR; issue++) {
      const date = issueDate(year, issue);
      if (date > options.asOf) break;
      const documents: DemoDocumentRow[] = [];
      while (next < printable.length && addDays(printable[next]!.fbrq, EDITING_DAYS) <= date) documents.push(printable[next++]!);
      const entries: Omit<DemoGazetteEntry, 'yema'>[] = documents.map((d) => ({ lanmu: sectionOf(d.wh), biaoti: d.bt, wenhao: d.wh }));
      if (entries.length === 0) {
        const [lanmu, biaoti] = random.pick(NOTICES);
        entries.push({ lanmu, biaoti: biaoti.replace('年度', `${year}年度`), wenhao: null });
      }
      if (random.chance(0.3)) {
        const serial = (personnelSerials.get(year) ?? 0) + 1;
        personnelSerials.set(year, serial);
        entries.push({ lanmu: '人事任免', biaoti: '绍兴市人民政府关于任免有关工作人员职务的通知', wenhao: `绍政干〔${year}〕${serial}号` });
      }
      let page = 2;
      const mulu = entries.map((entry) => {
        const placed = { ...entry, yema: page };
        page += random.int(2, 12);
        return placed;
      });
      issues.push({
        id: 50_000 + issues.length,
        gbnf: year,
        gbqh: issue,
        zqh: totalIssueNumber(year, issue),
        cbrq: date,
        bjdw: GAZETTE_PUBLISHER,
        pdfdz: `https://www.sx.gov.cn/gb/${year}/${String(issue).padStart(2, '0')}/gb.pdf`,
        mulu,
        gxsj: `${date} ${String(random.int(8, 17)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00`,
      });
    }
  }
  return { issues, ...plantIssueDefects(issues, random) };
}

/** One issue of each defect, and one issue number printed twice, at seeded places (none when there are too few issues). */
function plantIssueDefects(
  issues: DemoGazetteIssue[],
  random: ReturnType<typeof seededRandom>,
): { defective: ReadonlyMap<number, GazetteDefect>; conflicting: ReadonlyMap<number, number> } {
  const defective = new Map<number, GazetteDefect>();
  const conflicting = new Map<number, number>();
  const withNumbers = random.shuffle(issues.filter((i) => i.mulu.some((e) => e.wenhao !== null)));
  if (withNumbers.length < 3) return { defective, conflicting };
  const [malformed, undated, duplicated] = withNumbers as [DemoGazetteIssue, DemoGazetteIssue, DemoGazetteIssue];
  const entry = malformed.mulu.find((e) => e.wenhao !== null)!;
  // Typed by hand at the office: hyphen for the year's brackets, no 号.
  entry.wenhao = entry.wenhao!.replace(/〔(\d{4})〕(\d+)号$/, '$1-$2');
  defective.set(malformed.id, 'malformed-entry-number');
  undated.cbrq = null;
  defective.set(undated.id, 'missing-publication-date');
  // The same 期号 again, under the next running number, with a supplement's contents.
  const copy: DemoGazetteIssue = {
    ...duplicated,
    id: 50_000 + issues.length,
    zqh: duplicated.zqh + 1,
    mulu: [{ lanmu: '市政府办公室文件', biaoti: '绍兴市人民政府办公室关于印发政务公开工作要点的通知（增刊）', wenhao: null, yema: 2 }],
  };
  issues.push(copy);
  conflicting.set(copy.id, duplicated.id);
  return { defective, conflicting };
}
