import { buildUscc, malformUscc, orgCodeCheckChar, randomIdNumber, randomOrgCode } from '../enforcement/identifiers.js';
import { seededRandom } from '../enforcement/random.js';
import { DISTRICTS, INDUSTRIES, SURNAMES, GIVEN_NAME_CHARS, TRADE_NAMES } from '../enforcement/vocabulary.js';
import { addDays, chinaTimestamp, isoDay, plantDefects } from '../shared/defects.js';

/** One row of the credit centre's front table (发改委 公共信用信息), pinyin-initial column names. */
export interface DemoCreditRow {
  id: number;
  xybm: string;
  ztlx: '法人及非法人组织' | '自然人' | '个体工商户';
  ztmc: string;
  tyshxydm: string | null;
  sfzh: string | null;
  xxlb: '行政许可' | '行政处罚' | '严重失信主体名单' | '经营异常名录' | '表彰奖励';
  yzcd: '轻微' | '一般' | '严重' | null;
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

const CATEGORIES = [
  { xxlb: '行政许可', weight: 5, content: '准予行政许可：食品经营许可证（新办）', severity: false },
  { xxlb: '行政处罚', weight: 4, content: '因违反《中华人民共和国广告法》被处以警告并罚款', severity: true },
  { xxlb: '经营异常名录', weight: 2, content: '未按规定期限公示年度报告，列入经营异常名录', severity: true },
  { xxlb: '严重失信主体名单', weight: 1, content: '拒不履行法院生效判决，列入严重失信主体名单', severity: true },
  { xxlb: '表彰奖励', weight: 1, content: '获评绍兴市守合同重信用企业', severity: false },
] as const;

/** A deterministic credit centre: rows in (updated_at, id) order with ties, ~2% defective, ~1% flagged deleted. */
export function generateCreditRows(count: number, seed: number, start: Date): { rows: DemoCreditRow[]; defective: ReadonlyMap<number, CreditDefect> } {
  const random = seededRandom(seed);
  const defects = plantDefects(random, count, CREDIT_DEFECTS);
  const defective = new Map<number, CreditDefect>();
  const rows: DemoCreditRow[] = [];
  let instant = start.getTime();
  // Rows that share a timestamp share it to the microsecond: ties the keyset must break by id.
  let micros = 0;
  const total = CATEGORIES.reduce((n, c) => n + c.weight, 0);
  for (let i = 0; i < count; i++) {
    // About a quarter of the rows share their timestamp with the previous one.
    if (!random.chance(0.25)) [instant, micros] = [instant + random.int(60, 7200) * 1000, random.int(0, 999_999)];
    let roll = random.next() * total;
    const category = CATEGORIES.find((c) => (roll -= c.weight) < 0) ?? CATEGORIES[0];
    const district = random.pick(DISTRICTS);
    const kind = random.chance(0.15) ? '自然人' : random.chance(0.2) ? '个体工商户' : '法人及非法人组织';
    const person = random.pick(SURNAMES) + random.pick(GIVEN_NAME_CHARS) + random.pick(GIVEN_NAME_CHARS);
    const name =
      kind === '自然人'
        ? person
        : `${random.pick(district.firmPrefixes)}${random.pick(TRADE_NAMES)}${random.pick(INDUSTRIES)}${kind === '个体工商户' ? '经营部' : '有限公司'}`;
    const decided = isoDay(instant - random.int(1, 30) * 86_400_000);
    const repairable = category.xxlb === '经营异常名录' || category.xxlb === '严重失信主体名单';
    const repair = repairable ? random.pick(['未修复', '修复中', '已修复'] as const) : '不适用';
    const row: DemoCreditRow = {
      id: 500_000 + i * 3 + random.int(0, 2),
      xybm: `XY${district.divisionCode}${String(i + 1).padStart(7, '0')}`,
      ztlx: kind,
      ztmc: name,
      tyshxydm: kind === '自然人' ? null : buildUscc('9', kind === '个体工商户' ? '2' : '1', district.divisionCode, randomOrgCode(random)),
      sfzh: kind === '自然人' ? randomIdNumber(random, district.divisionCode) : null,
      xxlb: category.xxlb,
      yzcd: category.severity ? random.pick(['轻微', '一般', '严重'] as const) : null,
      jdswh: category.xxlb === '表彰奖励' ? null : `绍${district.name.charAt(0)}发改信〔${decided.slice(0, 4)}〕${i + 1}号`,
      nr: category.content,
      rdjg: `${district.name === '绍兴市本级' ? '绍兴市' : district.name}发展和改革局`,
      rdjgdm: buildUscc(
        '1',
        '1',
        district.divisionCode,
        district.authorityOrgBase.slice(0, 7) + '9' + orgCodeCheckChar(district.authorityOrgBase.slice(0, 7) + '9'),
      ),
      jdrq: decided,
      gsksrq: addDays(decided, random.int(0, 7)),
      gsjzrq: category.xxlb === '表彰奖励' ? null : addDays(decided, 365 * 3),
      xfzt: repair,
      xfrq: repair === '已修复' ? addDays(decided, random.int(30, 200)) : null,
      sfsc: random.chance(0.01) ? 1 : 0,
      updated_at: chinaTimestamp(instant, micros),
    };
    const defect = defects.get(i);
    if (defect && row.sfsc === 0) {
      if (defect === 'missing-subject-name') row.ztmc = '';
      if (defect === 'malformed-credit-code')
        row.tyshxydm = malformUscc(random, row.tyshxydm ?? buildUscc('9', '1', district.divisionCode, randomOrgCode(random)));
      if (defect === 'malformed-credit-code' && row.ztlx === '自然人') row.ztlx = '法人及非法人组织';
      if (defect === 'repaired-without-date') [row.xxlb, row.yzcd, row.xfzt, row.xfrq] = ['经营异常名录', '一般', '已修复', null];
      if (defect === 'impossible-date') row.jdrq = `${decided.slice(0, 4)}-02-30`;
      defective.set(row.id, defect);
    }
    rows.push(row);
  }
  return { rows, defective };
}
