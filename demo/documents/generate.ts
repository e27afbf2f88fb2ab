import { lastValidDay } from '../../src/records/normative-document-findings.js';
import { seededRandom } from '../enforcement/random.js';
import { addDays, chinaTimestamp, isoDay, plantDefects } from '../shared/defects.js';
import { ISSUERS, SUBJECTS, TITLE_KINDS, TOPICS, type DocumentIssuer } from './issuers.js';

/** One row of the general office's document system (公文系统 规范性文件库). */
export interface DemoDocumentRow {
  id: number;
  wh: string;
  /** 统一登记编号. */
  djbh: string | null;
  syh: string;
  bt: string;
  fwjg: string;
  fwjgdm: string;
  cwrq: string;
  fbrq: string;
  ssrq: string;
  /** 提前施行理由: why it takes effect less than 30 days after publication. */
  tqssly: string | null;
  /** 有效期至. */
  sxrq: string;
  yxx: '有效' | '失效' | '废止' | '已修改';
  gkfs: '主动公开' | '依申请公开';
  /** 备案机关, 备案日期, 备案号. */
  bajg: string;
  barq: string;
  bah: string;
  ztfl: string;
  qwdz: string;
  updated_at: string;
}

/** Defects that make a row invalid (quarantined). */
export const DOCUMENT_DEFECTS = ['malformed-document-number', 'missing-title', 'unknown-validity', 'effective-before-signed', 'not-proactive'] as const;
export type DocumentDefect = (typeof DOCUMENT_DEFECTS)[number];

/** Rules a valid row breaks (stored, with a quality finding): one each, in every 50 rows. */
export const PLANTED_FINDINGS = { 7: 'effective-too-early', 23: 'validity-too-long', 41: 'registration-number-missing' } as const;
export type PlantedFinding = (typeof PLANTED_FINDINGS)[keyof typeof PLANTED_FINDINGS];

const DAY_MS = 86_400_000;

/** 文号 and 统一登记编号 serials per issuer and year, from 1 in the order the documents were signed. */
function numberInSigningOrder(rows: DemoDocumentRow[], issuers: readonly DocumentIssuer[]): void {
  const order = rows
    .map((row, i) => ({ row, issuer: issuers[i]! }))
    .sort((a, b) => (a.row.cwrq < b.row.cwrq ? -1 : a.row.cwrq > b.row.cwrq ? 1 : a.row.id - b.row.id));
  const serials = new Map<string, number>();
  for (const { row, issuer } of order) {
    const year = row.cwrq.slice(0, 4);
    const serial = (serials.get(issuer.prefix + year) ?? 0) + 1;
    serials.set(issuer.prefix + year, serial);
    row.wh = `${issuer.prefix}〔${year}〕${serial}号`;
    row.djbh = `ZJDC${issuer.registrationCode}-${year}-${String(serial).padStart(4, '0')}`;
    row.syh = `${issuer.code.slice(8, 17)}/${year}-${String(serial).padStart(5, '0')}`;
  }
}

/**
 * A deterministic document system: rows in (updated_at, id) order, ~2% invalid (DOCUMENT_DEFECTS)
 * and 3 in every 50 breaking one rule (PLANTED_FINDINGS). Every document is 主动公开 but the
 * planted not-proactive rows; it takes effect 30 days or more after publication (or states
 * why not), runs at most 5 years (2 for 暂行/试行), has its 统一登记编号 and 备案, and leaves
 * force only by expiry, or by a repeal or amendment at least a year after signing.
 */
export function generateDocumentRows(
  count: number,
  seed: number,
  start: Date,
): { rows: DemoDocumentRow[]; defective: ReadonlyMap<number, DocumentDefect>; planted: ReadonlyMap<number, PlantedFinding> } {
  const random = seededRandom(seed);
  const defects = plantDefects(random, count, DOCUMENT_DEFECTS);
  const defective = new Map<number, DocumentDefect>();
  const planted = new Map<number, PlantedFinding>();
  const rows: DemoDocumentRow[] = [];
  const issuers: DocumentIssuer[] = [];
  let instant = start.getTime();
  // Rows that share a timestamp share it to the microsecond: ties the keyset must break by id.
  let micros = 0;
  for (let i = 0; i < count; i++) {
    if (!random.chance(0.2)) [instant, micros] = [instant + random.int(600, 86_400) * 1000, random.int(0, 999_999)];
    const issuer = random.pick(ISSUERS);
    const co = random.chance(0.15) ? random.pick(ISSUERS.filter((x) => x !== issuer && x.prefix !== '绍政发')) : undefined;
    const updated = isoDay(instant + 8 * 3_600_000);
    const signed = addDays(updated, -random.int(3, 1800));
    const year = signed.slice(0, 4);
    const titleKind = random.pick(TITLE_KINDS);
    const provisional = /暂行|试行/.test(titleKind);
    const published = [addDays(signed, random.int(1, 10)), updated].sort()[0]!;
    const immediate = random.chance(0.05);
    const effective = immediate ? published : addDays(published, random.int(30, 45));
    const years = provisional ? random.pick([1, 2]) : random.pick([2, 3, 5]);
    const plant = PLANTED_FINDINGS[(i % 50) as keyof typeof PLANTED_FINDINGS] as PlantedFinding | undefined;
    const row: DemoDocumentRow = {
      id: 10_000 + i,
      // Numbered below, in signing order.
      wh: '',
      djbh: null,
      syh: '',
      bt: `${issuer.name}关于${random.pick(SUBJECTS)}的${titleKind}`,
      fwjg: co ? `${issuer.name}、${co.name}` : issuer.name,
      fwjgdm: issuer.code,
      cwrq: signed,
      fbrq: published,
      ssrq: effective,
      tqssly: immediate ? '公布后不立即施行将有碍施行' : null,
      sxrq: lastValidDay(effective, years),
      yxx: '有效',
      gkfs: '主动公开',
      bajg: issuer.filedWith,
      barq: [addDays(published, random.int(1, 15)), updated].sort()[0]!,
      bah: `${issuer.filingPrefix}〔${year}〕${random.int(1, 300)}号`,
      ztfl: [random.pick(TOPICS), ...(random.chance(0.3) ? [random.pick(TOPICS)] : [])].join('；'),
      qwdz: `https://www.sx.gov.cn/art/${year}/${Number(signed.slice(5, 7))}/${Number(signed.slice(8, 10))}/art_${10_000 + i}.html`,
      updated_at: chinaTimestamp(instant, micros),
    };
    if (plant === 'effective-too-early') [row.ssrq, row.tqssly] = [addDays(published, random.int(5, 20)), null];
    if (plant === 'effective-too-early') row.sxrq = lastValidDay(row.ssrq, years);
    if (plant === 'validity-too-long') row.sxrq = lastValidDay(effective, 6);
    if (plant) planted.set(row.id, plant);
    // Out of force only as the dates allow: expired after its last day; repealed or amended a year on at the earliest.
    if (row.sxrq < updated) row.yxx = '失效';
    else if (Date.parse(updated) - Date.parse(signed) >= 365 * DAY_MS && random.chance(0.06)) row.yxx = random.pick(['废止', '已修改'] as const);
    rows.push(row);
    issuers.push(issuer);
  }
  numberInSigningOrder(rows, issuers);
  rows.forEach((row, i) => {
    if (planted.get(row.id) === 'registration-number-missing') row.djbh = null;
    const defect = defects.get(i);
    if (!defect) return;
    if (defect === 'malformed-document-number') row.wh = row.wh.replace(/〔(\d{4})〕(\d+)号$/, '$1-$2');
    if (defect === 'missing-title') row.bt = ' ';
    if (defect === 'unknown-validity') row.yxx = '待定' as DemoDocumentRow['yxx'];
    if (defect === 'effective-before-signed') row.ssrq = addDays(row.cwrq, -5);
    if (defect === 'not-proactive') row.gkfs = '依申请公开';
    defective.set(row.id, defect);
  });
  return { rows, defective, planted };
}
