import { addCalendarDays, type CivilDate } from '../../src/calendar/index.js';
import { AUTHORITIES, authorityFor, type DemoAuthority } from './authorities.js';
import { DEFAULT_AS_OF, decisionDateAt, drawDecisionAge, entryInstant } from './decision-dates.js';
import { LICENSE_KINDS, type DemoLicenseKind } from './license-kinds.js';
import { partyColumns, partyMaker, type DemoParty, type DemoPartyColumns } from './parties.js';
import { addMonths } from './penalty-text.js';
import { seededRandom } from './random.js';
import { DISTRICTS } from './vocabulary.js';
import { assignIds, pickWeighted, serialsPerAuthorityYear } from './written-forms.js';

/** One 行政许可 decision as the platform's /api/v1/licenses serves it (XK_* columns, FIELDS.md). */
export interface DemoLicense extends DemoPartyColumns {
  id: string;
  xk_wsh: string;
  xk_xkws: string;
  xk_xkzs: string;
  xk_xkbh: string;
  xk_xklb: string;
  xk_nr: string;
  xk_jdrq: string;
  xk_yxqz: string;
  xk_yxqzi: string;
  xk_xkjg: string;
  xk_xkjgdm: string;
  /** 许可状态: 1 有效, 2 无效. */
  xk_zt: '1' | '2';
  xk_lydw: string;
  xk_lydwdm: string;
  bz: string;
  dq: string;
  update_time: string;
}

export interface GenerateLicensesOptions {
  count: number;
  seed: number;
  asOf?: CivilDate;
}

interface LicenseDraft {
  readonly index: number;
  readonly kind: DemoLicenseKind;
  readonly authority: DemoAuthority;
  readonly party: DemoParty;
  readonly age: number;
  readonly revoked: boolean;
}

/** A deterministic set of licence decisions by the competent authorities, on working days. */
export function generateLicenses({ count, seed, asOf = DEFAULT_AS_OF }: GenerateLicensesOptions): DemoLicense[] {
  const random = seededRandom(seed ^ 0x5a5a5a5a);
  const makeParty = partyMaker(random);
  const cityLevel = AUTHORITIES.find((a) => a.district.name === '绍兴市本级')!.district;
  const drafts: LicenseDraft[] = Array.from({ length: count }, (_, index) => {
    const kind = pickWeighted(random, LICENSE_KINDS, (k) => k.weight);
    const district = pickWeighted(random, DISTRICTS, (d) => d.weight);
    const authority = authorityFor(kind.grantor, kind.cityOnly ? cityLevel : district);
    const party = makeParty(random.pick(kind.parties), district, false);
    return { index, kind, authority, party, age: drawDecisionAge(random), revoked: random.chance(0.03) };
  });
  const dated = drafts.map((draft) => {
    const date = decisionDateAt(asOf, draft.age);
    return { draft, date, entered: entryInstant(random, date, random.int(0, 3), asOf) };
  });
  const serialOf = serialsPerAuthorityYear(
    seed,
    dated.map(({ draft, date }) => ({ key: draft.index, prefix: draft.authority.licensePrefix, date })),
  );
  return assignIds(
    random,
    dated.map(({ draft, entered }) => ({ key: draft.index, instant: entered })),
  ).map(({ key, id, updateTime }) => {
    const { draft, date } = dated[key]!;
    const { kind, authority, party } = draft;
    const year = date.slice(0, 4);
    const decisionNumber = `${authority.licensePrefix}〔${year}〕${serialOf.get(key)!}号`;
    const validUntil = addCalendarDays(addMonths(date, kind.validYears * 12), -1);
    const expired = validUntil < asOf;
    return {
      id,
      xk_wsh: decisionNumber,
      xk_xkws: kind.documentName,
      xk_xkzs: kind.licenseName,
      xk_xkbh: kind.number(random, { divisionCode: authority.district.divisionCode, year, creditCode: party.creditCode, decisionNumber }),
      xk_xklb: kind.category,
      xk_nr: kind.content(random),
      xk_jdrq: date,
      xk_yxqz: date,
      xk_yxqzi: validUntil,
      xk_xkjg: authority.name,
      xk_xkjgdm: authority.creditCode,
      xk_zt: expired || draft.revoked ? '2' : '1',
      xk_lydw: authority.name,
      xk_lydwdm: authority.creditCode,
      bz: expired ? '许可有效期届满' : draft.revoked ? '经营者申请注销' : '',
      ...partyColumns(party),
      dq: authority.district.name,
      update_time: updateTime,
    };
  });
}
