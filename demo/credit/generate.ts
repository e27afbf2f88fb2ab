import { addMonthsClamped } from '../../src/disclosure/publicity.js';
import { buildUscc, malformUscc, randomIdNumber, randomOrgCode } from '../enforcement/identifiers.js';
import { seededRandom, type Random } from '../enforcement/random.js';
import { INDUSTRIES, SURNAMES, GIVEN_NAME_CHARS, TRADE_NAMES } from '../enforcement/vocabulary.js';
import { addDays, chinaTimestamp, isoDay, plantDefects } from '../shared/defects.js';
import { CITY_DIVISION, COUNTY_DIVISIONS, publicBody, type ShaoxingDivision } from '../shared/shaoxing-bodies.js';
import { CREDIT_KINDS, creditWindowMonths, LIST_NAMES, type CreditKind } from './kinds.js';

/** One row of the credit centre's front table (公共信用信息), pinyin-initial column names. */
export interface DemoCreditRow {
  id: number;
  xybm: string;
  ztlx: '法人及非法人组织' | '自然人' | '个体工商户';
  ztmc: string;
  tyshxydm: string | null;
  sfzh: string | null;
  xxlb: CreditKind['xxlb'];
  yzcd: '轻微' | '一般' | '严重' | null;
  /** 名单类型, for a listing. */
  mdlx: string | null;
  /** 名单性质: 行政, or 司法 for a court's list. */
  mdxz: '行政' | '司法';
  /** 认定机关类型. */
  rdjglx: '行政机关' | '人民法院';
  jdswh: string | null;
  nr: string;
  rdjg: string;
  rdjgdm: string;
  jdrq: string;
  gsksrq: string;
  gsjzrq: string | null;
  xfzt: '不适用' | '未修复' | '修复中' | '已修复';
  xfrq: string | null;
  /** 1: withdrawn by the department; the row stays, flagged. */
  sfsc: number;
  updated_at: string;
}

export const CREDIT_DEFECTS = ['missing-subject-name', 'malformed-credit-code', 'repaired-without-date', 'impossible-date'] as const;
export type CreditDefect = (typeof CREDIT_DEFECTS)[number];

const DAY_MS = 86_400_000;
const TOTAL_WEIGHT = CREDIT_KINDS.reduce((n, k) => n + k.weight, 0);

function pickKind(random: Random): CreditKind {
  let roll = random.next() * TOTAL_WEIGHT;
  return CREDIT_KINDS.find((k) => (roll -= k.weight) < 0) ?? CREDIT_KINDS[0]!;
}

/** The subject: a firm, an individual business or (where the kind allows) a person, registered in a county. */
function subjectOf(random: Random, kind: CreditKind, county: ShaoxingDivision): Pick<DemoCreditRow, 'ztlx' | 'ztmc' | 'tyshxydm' | 'sfzh'> {
  const ztlx = kind.persons && random.chance(0.15) ? '自然人' : kind.xxlb !== '严重失信主体名单' && random.chance(0.2) ? '个体工商户' : '法人及非法人组织';
  if (ztlx === '自然人') {
    const name = random.pick(SURNAMES) + random.pick(GIVEN_NAME_CHARS) + random.pick(GIVEN_NAME_CHARS);
    return { ztlx, ztmc: name, tyshxydm: null, sfzh: randomIdNumber(random, county.code) };
  }
  const firm = `${random.pick([county.bodyPrefix, '浙江'])}${random.pick(TRADE_NAMES)}${random.pick(INDUSTRIES)}${ztlx === '个体工商户' ? '经营部' : '有限公司'}`;
  return { ztlx, ztmc: firm, tyshxydm: buildUscc('9', ztlx === '个体工商户' ? '2' : '1', county.code, randomOrgCode(random)), sfzh: null };
}

/**
 * Repair (信用修复) only once the shortest period has run and before the row's last update;
 * a court's list and a licence have none.
 */
function repairOf(random: Random, decided: string, updatedDay: string, window: { min: number } | undefined): Pick<DemoCreditRow, 'xfzt' | 'xfrq'> {
  if (!window) return { xfzt: '不适用', xfrq: null };
  const opens = addMonthsClamped(decided, window.min);
  if (opens >= updatedDay) return { xfzt: '未修复', xfrq: null };
  const xfzt = random.pick(['未修复', '修复中', '已修复'] as const);
  if (xfzt !== '已修复') return { xfzt, xfrq: null };
  const span = Math.round((Date.parse(updatedDay) - Date.parse(opens)) / DAY_MS);
  return { xfzt, xfrq: addDays(opens, random.int(1, span)) };
}

/**
 * A deterministic credit centre: rows in (updated_at, id) order with ties, ~2% defective, ~1%
 * flagged deleted. Each record is determined by the body competent for its kind in its
 * division (市场监督管理局, 税务局, 人力资源和社会保障局, 应急管理局, 生态环境局, and the people's
 * courts for 失信被执行人), with 文号 serials per body per year, and a publicity window and
 * repair within the rules of datasets/credit-records.yaml.
 */
export function generateCreditRows(count: number, seed: number, start: Date): { rows: DemoCreditRow[]; defective: ReadonlyMap<number, CreditDefect> } {
  const random = seededRandom(seed);
  const defects = plantDefects(random, count, CREDIT_DEFECTS);
  const defective = new Map<number, CreditDefect>();
  const serials = new Map<string, number>();
  const rows: DemoCreditRow[] = [];
  let instant = start.getTime();
  // Rows that share a timestamp share it to the microsecond: ties the keyset must break by id.
  let micros = 0;
  for (let i = 0; i < count; i++) {
    // About a quarter of the rows share their timestamp with the previous one.
    if (!random.chance(0.25)) [instant, micros] = [instant + random.int(60, 7200) * 1000, random.int(0, 999_999)];
    const kind = pickKind(random);
    const county = random.pick(COUNTY_DIVISIONS);
    const division = kind.cityOnly || (kind.body === 'court' && random.chance(0.1)) ? CITY_DIVISION : county;
    const body = publicBody(kind.body, division);
    const updatedDay = isoDay(instant + 8 * 3_600_000);
    const decided = addDays(updatedDay, -random.int(1, 900));
    const year = decided.slice(0, 4);
    const serialKey = `${body.name}|${kind.number(division, year, 0)}`;
    const serial = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, serial);
    const severity = kind.severity === 'penalty' ? random.pick(['轻微', '一般', '一般', '一般', '严重'] as const) : kind.severity;
    const window = creditWindowMonths(severity, kind.listType);
    const row: DemoCreditRow = {
      id: 500_000 + i * 3 + random.int(0, 2),
      xybm: `XY${division.code}${String(i + 1).padStart(7, '0')}`,
      ...subjectOf(random, kind, county),
      xxlb: kind.xxlb,
      yzcd: severity,
      mdlx: kind.listType ? LIST_NAMES[kind.listType] : null,
      mdxz: kind.body === 'court' ? '司法' : '行政',
      rdjglx: kind.body === 'court' ? '人民法院' : '行政机关',
      jdswh: kind.xxlb === '表彰奖励' ? null : kind.number(division, year, serial),
      nr: kind.content,
      rdjg: body.name,
      rdjgdm: body.code,
      jdrq: decided,
      gsksrq: [addDays(decided, random.int(0, 7)), updatedDay].sort()[0]!,
      gsjzrq: window ? addMonthsClamped(decided, window.max) : null,
      ...repairOf(random, decided, updatedDay, kind.body === 'court' ? undefined : window),
      sfsc: random.chance(0.01) ? 1 : 0,
      updated_at: chinaTimestamp(instant, micros),
    };
    const defect = defects.get(i);
    if (defect && row.sfsc === 0) {
      if (defect === 'missing-subject-name') row.ztmc = '';
      if (defect === 'malformed-credit-code') row.tyshxydm = malformUscc(random, row.tyshxydm ?? buildUscc('9', '1', county.code, randomOrgCode(random)));
      if (defect === 'malformed-credit-code' && row.ztlx === '自然人') [row.ztlx, row.sfzh] = ['法人及非法人组织', null];
      if (defect === 'repaired-without-date') [row.xfzt, row.xfrq] = ['已修复', null];
      if (defect === 'impossible-date') row.jdrq = `${decided.slice(0, 4)}-02-30`;
      defective.set(row.id, defect);
    }
    rows.push(row);
  }
  return { rows, defective };
}
