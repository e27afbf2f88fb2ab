import { buildUscc, malformUscc, randomIdNumber, randomOrgCode, orgCodeCheckChar } from './identifiers.js';
import { seededRandom, type Random } from './random.js';
import {
  CASE_KINDS,
  DISTRICTS,
  GIVEN_NAME_CHARS,
  INDUSTRIES,
  SHOP_KINDS,
  SURNAMES,
  TRADE_NAMES,
  type DemoCaseKind,
  type DemoDistrict,
  type DemoStatusCode,
  NON_NORMAL_STATUS_WEIGHTS,
  type DemoPartyKind,
} from './vocabulary.js';

/** One penalty decision as the department's API serves it (national 双公示 column names). */
export interface DemoPenalty {
  /** Source primary key, an integer written as a string. */
  id: string;
  cf_wsh: string;
  cf_ajmc: string;
  xdr_lb: DemoPartyKind;
  xdr_mc: string;
  xdr_shxym: string;
  xdr_zjhm: string;
  xdr_fddbr: string;
  cf_sy: string;
  cf_yj: string;
  cf_cflb: string;
  /** 罚款金额 in 万元: some systems send a string, some a number, "" when there is no fine. */
  cf_fk: string | number;
  cf_jdrq: string;
  cf_cfjg: string;
  cf_cfjgdm: string;
  cf_gsjzqx: string;
  /** 当前状态: 0 正常, 1 撤销, 2 异议, 3 其他 (the national code list). */
  cf_zt: DemoStatusCode;
  dq: string;
  /** China time, YYYY-MM-DD HH:mm:ss. */
  update_time: string;
}

export const DEFECT_KINDS = [
  'missing-party-name',
  'malformed-credit-code',
  'impossible-date',
  'missing-decision-number',
  'negative-fine',
  'publicity-before-decision',
] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

export interface GeneratePenaltiesOptions {
  count: number;
  seed: number;
  /** Share of records given exactly one defect; the count is rounded. */
  defectRate?: number;
  /** update_time of the first record. */
  start?: Date;
}

export interface GeneratedPenalties {
  records: DemoPenalty[];
  /** Source id → defect kind, for exactly the records that must fail validation. */
  defective: ReadonlyMap<string, DefectKind>;
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DEFAULT_START = new Date('2025-03-03T08:30:00+08:00');

/** China-time wall clock of an instant, as YYYY-MM-DD HH:mm:ss. */
export function chinaWallClock(instant: number): string {
  return new Date(instant + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

function isoDay(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return isoDay(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, lastDay)));
}

function personName(random: Random): string {
  const given = random.pick(GIVEN_NAME_CHARS) + (random.chance(0.7) ? random.pick(GIVEN_NAME_CHARS) : '');
  return random.pick(SURNAMES) + given;
}

function pickDistrict(random: Random): DemoDistrict {
  const total = DISTRICTS.reduce((sum, district) => sum + district.weight, 0);
  let roll = random.next() * total;
  for (const district of DISTRICTS) {
    roll -= district.weight;
    if (roll < 0) return district;
  }
  return DISTRICTS[DISTRICTS.length - 1]!;
}

interface Party {
  name: string;
  creditCode: string;
  idNumber: string;
  representative: string;
}

/** Makes parties, giving a firm that offends twice the same credit code both times. */
function partyMaker(random: Random): (kind: DemoPartyKind, district: DemoDistrict) => Party {
  const codesByName = new Map<string, string>();
  const codeFor = (name: string, category: '1' | '2', district: DemoDistrict): string => {
    const known = codesByName.get(name);
    if (known) return known;
    const code = buildUscc('9', category, district.divisionCode, randomOrgCode(random));
    codesByName.set(name, code);
    return code;
  };
  return (kind, district) => {
    if (kind === '自然人') return { name: personName(random), creditCode: '', idNumber: randomIdNumber(random, district.divisionCode), representative: '' };
    const town = district.towns.length > 0 && random.chance(0.3) ? random.pick(district.towns) : '';
    if (kind === '个体工商户') {
      const operator = personName(random);
      const name = random.chance(0.5)
        ? `${district.name === '绍兴市本级' ? '绍兴市' : district.name}${town && `${town}镇`}${operator.charAt(0)}记${random.pick(SHOP_KINDS)}`
        : `${random.pick(district.firmPrefixes)}${town}${random.pick(TRADE_NAMES)}${random.pick(SHOP_KINDS)}`;
      return { name, creditCode: codeFor(name, '2', district), idNumber: '', representative: operator };
    }
    const suffix = random.chance(0.1) ? '股份有限公司' : '有限公司';
    const name = `${random.pick(district.firmPrefixes)}${town}${random.pick(TRADE_NAMES)}${random.pick(INDUSTRIES)}${suffix}`;
    return { name, creditCode: codeFor(name, '1', district), idNumber: '', representative: personName(random) };
  };
}

function authorityCode(district: DemoDistrict): string {
  const orgCode = district.authorityOrgBase + orgCodeCheckChar(district.authorityOrgBase);
  return buildUscc('1', '1', district.divisionCode, orgCode);
}

/** The document number as a source writes it: mostly GB/T 9704 form, sometimes not. */
function writtenDecisionNumber(random: Random, prefix: string, year: string, serial: number): string {
  const roll = random.next();
  if (roll < 0.75) return `${prefix}〔${year}〕${serial}号`;
  if (roll < 0.85) return `${prefix}[${year}]${String(serial).padStart(4, '0')}号`;
  if (roll < 0.9) return `${prefix}[${year}]${String(serial).padStart(4, '0')}`;
  if (roll < 0.95) return `${prefix}(${year})${serial}号`;
  if (roll < 0.98) return `${prefix}（${year}）${serial}号`;
  return ` ${prefix}〔${year}〕${serial}号 `;
}

function writtenDate(random: Random, isoDate: string): string {
  if (random.chance(0.85)) return isoDate;
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${year}年${month}月${day}日`;
}

/** 万元 as the source writes them: a decimal string most of the time, else a number. */
function writtenWan(random: Random, yuan: number): string | number {
  const wan = yuan / 10_000;
  return random.chance(0.7) ? String(wan) : wan;
}

function pickCaseFor(random: Random, defect: DefectKind | undefined): { caseKind: DemoCaseKind; partyKind: DemoPartyKind } {
  const caseKind = random.pick(CASE_KINDS);
  // A bad credit code needs a party that has one.
  const parties = defect === 'malformed-credit-code' ? caseKind.parties.filter((kind) => kind !== '自然人') : caseKind.parties;
  if (parties.length === 0) return pickCaseFor(random, defect);
  return { caseKind, partyKind: random.pick(parties) };
}

function applyDefect(random: Random, record: DemoPenalty, defect: DefectKind, decisionDate: string): void {
  const year = decisionDate.slice(0, 4);
  switch (defect) {
    case 'missing-party-name':
      record.xdr_mc = random.pick(['', '  ']);
      return;
    case 'malformed-credit-code':
      record.xdr_shxym = malformUscc(random, record.xdr_shxym);
      return;
    case 'impossible-date':
      record.cf_jdrq = random.pick([`${year}-02-30`, `${year}-13-05`, `${year}-04-31`, `${year}年2月30日`]);
      return;
    case 'missing-decision-number':
      record.cf_wsh = random.pick(['', ' ']);
      return;
    case 'negative-fine':
      record.cf_fk = `-${random.int(1, 50) / 10}`;
      return;
    case 'publicity-before-decision':
      record.cf_gsjzqx = isoDay(Date.parse(decisionDate) - random.int(1, 60) * DAY_MS);
      return;
  }
}

/** Source ids in tie groups: several records share an update second, ids not in update order. */
function timeline(random: Random, count: number, start: Date): Array<{ id: string; updatedAt: number }> {
  const slots: Array<{ id: string; updatedAt: number }> = [];
  let instant = Math.floor(start.getTime() / 1000) * 1000;
  let nextId = 100_000;
  while (slots.length < count) {
    const groupSize = Math.min(random.chance(0.25) ? random.int(2, 5) : 1, count - slots.length);
    const ids = Array.from({ length: groupSize }, () => (nextId += random.int(1, 3)));
    for (const id of random.shuffle(ids)) slots.push({ id: String(id), updatedAt: instant });
    instant += random.int(30, 5400) * 1000;
  }
  return slots;
}

/** A deterministic department's worth of penalty decisions, with known defective records. */
export function generatePenalties({ count, seed, defectRate = 0.02, start = DEFAULT_START }: GeneratePenaltiesOptions): GeneratedPenalties {
  const random = seededRandom(seed);
  const defectKindAt = new Map<number, DefectKind>();
  const kindOrder = random.shuffle(DEFECT_KINDS);
  random
    .shuffle(Array.from({ length: count }, (_, index) => index))
    .slice(0, Math.round(count * defectRate))
    .forEach((index, nth) => defectKindAt.set(index, kindOrder[nth % kindOrder.length]!));

  const makeParty = partyMaker(random);
  const serials = new Map<string, number>();
  const records: DemoPenalty[] = [];
  const defective = new Map<string, DefectKind>();

  timeline(random, count, start).forEach(({ id, updatedAt }, index) => {
    const defect = defectKindAt.get(index);
    const district = pickDistrict(random);
    const { caseKind, partyKind } = pickCaseFor(random, defect);
    const party = makeParty(partyKind, district);
    const decisionDate = isoDay(updatedAt + CHINA_OFFSET_MS - random.int(0, 20) * DAY_MS);
    const year = decisionDate.slice(0, 4);
    const serialKey = `${district.numberPrefix}${year}`;
    const serial = (serials.get(serialKey) ?? random.int(0, 40)) + 1;
    serials.set(serialKey, serial);
    const fineYuan = caseKind.fineYuan ? Math.round(random.int(...caseKind.fineYuan) / 100) * 100 : undefined;
    const lightOnly = caseKind.penaltyTypes.every((type) => type === '警告' || type === '通报批评');

    const record: DemoPenalty = {
      id,
      cf_wsh: writtenDecisionNumber(random, district.numberPrefix, year, serial),
      cf_ajmc: `${party.name}${caseKind.title}`,
      xdr_lb: partyKind,
      xdr_mc: party.name,
      xdr_shxym: party.creditCode,
      xdr_zjhm: party.idNumber,
      xdr_fddbr: party.representative,
      cf_sy: `经查，${caseKind.facts}`,
      cf_yj: caseKind.legalBasis,
      cf_cflb: caseKind.penaltyTypes.join(random.pick([',', '，', '、'])),
      cf_fk: fineYuan === undefined ? '' : writtenWan(random, fineYuan),
      cf_jdrq: writtenDate(random, decisionDate),
      cf_cfjg: district.authority,
      cf_cfjgdm: authorityCode(district),
      // Warnings are publicised for three months, heavier penalties for three years.
      cf_gsjzqx: random.chance(0.05) ? '' : addMonths(decisionDate, lightOnly ? 3 : 36),
      cf_zt: random.chance(0.9) ? '0' : nonNormalStatus(random.next()),
      dq: district.name,
      update_time: chinaWallClock(updatedAt),
    };
    if (defect) {
      applyDefect(random, record, defect, decisionDate);
      defective.set(id, defect);
    }
    records.push(record);
  });
  return { records, defective };
}

/** One of 撤销, 异议, 其他 by their weights, from one uniform draw. */
function nonNormalStatus(draw: number): Exclude<DemoStatusCode, '0'> {
  return (NON_NORMAL_STATUS_WEIGHTS.find((w) => draw < w.upTo) ?? NON_NORMAL_STATUS_WEIGHTS[NON_NORMAL_STATUS_WEIGHTS.length - 1]!).code;
}
