import type { CivilDate } from '../../src/calendar/index.js';
import { authorityFor, type DemoAuthority } from './authorities.js';
import { CASE_KINDS, type DemoCaseKind, type DemoPartyKind, type Sanction } from './case-kinds.js';
import { DEFAULT_AS_OF, decisionDateAt, drawDecisionAge, entryInstant } from './decision-dates.js';
import { malformUscc } from './identifiers.js';
import { partyColumns, partyMaker, personName, type DemoParty, type DemoPartyColumns } from './parties.js';
import { addMonths, factsText, fineInside, penaltyContent, publicityMonths } from './penalty-text.js';
import { seededRandom, type Random } from './random.js';
import { assignIds, pickWeighted, serialsPerAuthorityYear, writtenDate, writtenDecisionNumber, writtenWan } from './written-forms.js';
import { DISTRICTS, NON_NORMAL_STATUS_WEIGHTS, type DemoDistrict, type DemoStatusCode } from './vocabulary.js';

export { chinaWallClock } from './written-forms.js';
export type { DemoPartyKind } from './case-kinds.js';

/** One penalty decision as the law-enforcement platform's API serves it (national 双公示 column names, FIELDS.md). */
export interface DemoPenalty extends DemoPartyColumns {
  /** Source primary key, an integer written as a string. */
  id: string;
  cf_wsh: string;
  cf_ajmc: string;
  cf_wfxw: string;
  cf_sy: string;
  cf_yj: string;
  cf_cflb: string;
  cf_nr: string;
  /** 罚款金额 in 万元: some systems send a string, some a number, "" when there is no fine. */
  cf_fk: string | number;
  /** 没收违法所得、没收非法财物的金额 in 万元, "" when nothing is confiscated. */
  cf_nr_wfff: string;
  cf_nr_zkdx: string;
  cf_jdrq: string;
  cf_yxq: string;
  cf_gsjzqx: string;
  cf_cfjg: string;
  cf_cfjgdm: string;
  cf_sjly: string;
  cf_sjlydm: string;
  /** 当前状态: 0 正常, 1 撤销, 2 异议, 3 其他 (the national code list). */
  cf_zt: DemoStatusCode;
  bz: string;
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
  /** The run's China date: decisions are dated relative to it (tests pass a fixed one; the demo, today). */
  asOf?: CivilDate;
}

/** What a case is, before it is written out: the facts the API and the CSV export both show. */
export interface DemoCase {
  readonly id: string;
  readonly authority: DemoAuthority;
  readonly kind: DemoCaseKind;
  readonly sanction: Sanction;
  readonly party: DemoParty;
  readonly decisionDate: CivilDate;
  readonly fineYuan: number | undefined;
  readonly confiscatedYuan: number | undefined;
  /** Canonical 文号, GB/T 9704 form. */
  readonly decisionNumber: string;
}

export interface GeneratedPenalties {
  records: DemoPenalty[];
  /** Source id → defect kind, for exactly the records that must fail validation. */
  defective: ReadonlyMap<string, DefectKind>;
  /** Source id → the case behind the record (before any defect was applied). */
  cases: ReadonlyMap<string, DemoCase>;
  /** Source ids whose 违法事实 names a bystander with a mobile number (for redaction tests). */
  piiInFacts: ReadonlySet<string>;
}

function pickDistrict(random: Random): DemoDistrict {
  return pickWeighted(random, DISTRICTS, (district) => district.weight);
}

function pickCaseFor(random: Random, defect: DefectKind | undefined): { kind: DemoCaseKind; partyKind: DemoPartyKind } {
  const kind = pickWeighted(random, CASE_KINDS, (k) => k.weight);
  // A bad credit code needs a party that has one.
  const parties = defect === 'malformed-credit-code' ? kind.parties.filter((p) => p !== '自然人') : kind.parties;
  if (parties.length === 0) return pickCaseFor(random, defect);
  return { kind, partyKind: random.pick(parties) };
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
      record.cf_gsjzqx = addMonths(decisionDate, -random.int(1, 2));
      return;
  }
}

/** 当前状态: mostly 正常; else 撤销, 异议 or 其他 by their weights. */
function drawStatus(random: Random): DemoStatusCode {
  if (random.chance(0.92)) return '0';
  const draw = random.next();
  return (NON_NORMAL_STATUS_WEIGHTS.find((w) => draw < w.upTo) ?? NON_NORMAL_STATUS_WEIGHTS[NON_NORMAL_STATUS_WEIGHTS.length - 1]!).code;
}

const REMARKS: Readonly<Record<DemoStatusCode, string>> = {
  '0': '',
  '1': '该处罚决定已被本机关依法撤销',
  '2': '当事人对公示信息提出异议，正在核查',
  '3': '该处罚决定经行政复议部分变更',
};

/** Everything random about one case, drawn in a fixed order so the same seed gives the same cases on any day. */
interface Draft {
  readonly index: number;
  readonly age: number;
  readonly entryDelay: number;
  readonly authority: DemoAuthority;
  readonly kind: DemoCaseKind;
  readonly sanction: Sanction;
  readonly party: DemoParty;
  readonly fineYuan: number | undefined;
  readonly confiscatedYuan: number | undefined;
  readonly status: DemoStatusCode;
  readonly bystander: string | undefined;
  readonly defect: DefectKind | undefined;
}

function drawCases(random: Random, count: number, defectKindAt: ReadonlyMap<number, DefectKind>): Draft[] {
  const makeParty = partyMaker(random);
  return Array.from({ length: count }, (_, index) => {
    const defect = defectKindAt.get(index);
    const district = pickDistrict(random);
    const { kind, partyKind } = pickCaseFor(random, defect);
    const party = makeParty(partyKind, district, defect === undefined);
    const sanction = pickWeighted(random, kind.sanctions, (s) => s.weight);
    const fineYuan = sanction.fine ? fineInside(random, sanction.fine.minYuan, sanction.fine.maxYuan) : undefined;
    const confiscatedYuan = sanction.confiscatedYuan ? random.int(...sanction.confiscatedYuan) : undefined;
    const status = drawStatus(random);
    // A changed status is entered weeks later; a new case within days.
    const entryDelay = status === '0' ? random.int(0, 4) : random.int(10, 40);
    const bystander = defect === undefined && random.chance(0.015) ? personName(random) : undefined;
    return {
      index,
      age: drawDecisionAge(random),
      entryDelay,
      authority: authorityFor(kind.enforcer, district),
      kind,
      sanction,
      party,
      fineYuan,
      confiscatedYuan,
      status,
      bystander,
      defect,
    };
  });
}

/** A deterministic platform's worth of penalty decisions, with known defective records. */
export function generatePenalties({ count, seed, defectRate = 0.02, asOf = DEFAULT_AS_OF }: GeneratePenaltiesOptions): GeneratedPenalties {
  const random = seededRandom(seed);
  const defectKindAt = new Map<number, DefectKind>();
  const kindOrder = random.shuffle(DEFECT_KINDS);
  random
    .shuffle(Array.from({ length: count }, (_, index) => index))
    .slice(0, Math.round(count * defectRate))
    .forEach((index, nth) => defectKindAt.set(index, kindOrder[nth % kindOrder.length]!));

  const drafts = drawCases(random, count, defectKindAt);
  const dated = drafts.map((draft) => {
    const decisionDate = decisionDateAt(asOf, draft.age);
    return { draft, decisionDate, entered: entryInstant(random, decisionDate, draft.entryDelay, asOf) };
  });
  const serialOf = serialsPerAuthorityYear(
    seed,
    dated.map(({ draft, decisionDate }) => ({ key: draft.index, prefix: draft.authority.penaltyPrefix, date: decisionDate })),
  );
  const slots = assignIds(
    random,
    dated.map(({ draft, entered }) => ({ key: draft.index, instant: entered })),
  );

  const records: DemoPenalty[] = [];
  const defective = new Map<string, DefectKind>();
  const cases = new Map<string, DemoCase>();
  const piiInFacts = new Set<string>();
  for (const { key, id, updateTime } of slots) {
    const { draft, decisionDate } = dated[key]!;
    const { authority, kind, sanction, party, fineYuan, confiscatedYuan } = draft;
    const year = decisionDate.slice(0, 4);
    const serial = serialOf.get(key)!;
    const licence = `食品经营许可证（JY1${authority.district.divisionCode}${String(random.int(0, 999_999)).padStart(6, '0')}${random.int(0, 9)}）`;
    const validUntil = random.chance(0.03) ? '' : addMonths(decisionDate, publicityMonths(sanction, fineYuan));
    const record: DemoPenalty = {
      id,
      cf_wsh: writtenDecisionNumber(random, authority.penaltyPrefix, year, serial),
      cf_ajmc: `${party.name}${kind.title}`,
      ...partyColumns(party),
      cf_wfxw: kind.violationType,
      cf_sy: factsText(random, kind, draft.bystander),
      cf_yj: kind.legalBasis,
      cf_cflb: sanction.types.join(random.pick([',', '，', '、'])),
      cf_nr: penaltyContent(sanction, fineYuan, confiscatedYuan, licence.replace(/（.*/, '')),
      cf_fk: fineYuan === undefined ? '' : writtenWan(random, fineYuan),
      cf_nr_wfff: confiscatedYuan === undefined ? '' : String(confiscatedYuan / 10_000),
      cf_nr_zkdx: sanction.types.includes('吊销许可证件') ? licence : '',
      cf_jdrq: writtenDate(random, decisionDate),
      cf_yxq: validUntil,
      cf_gsjzqx: validUntil,
      cf_cfjg: authority.name,
      cf_cfjgdm: authority.creditCode,
      cf_sjly: authority.name,
      cf_sjlydm: authority.creditCode,
      cf_zt: draft.status,
      bz: REMARKS[draft.status],
      dq: authority.district.name,
      update_time: updateTime,
    };
    if (draft.defect) {
      applyDefect(random, record, draft.defect, decisionDate);
      defective.set(id, draft.defect);
    }
    if (draft.bystander) piiInFacts.add(id);
    cases.set(id, {
      id,
      authority,
      kind,
      sanction,
      party,
      decisionDate,
      fineYuan,
      confiscatedYuan,
      decisionNumber: `${authority.penaltyPrefix}〔${year}〕${serial}号`,
    });
    records.push(record);
  }
  return { records, defective, cases, piiInFacts };
}
