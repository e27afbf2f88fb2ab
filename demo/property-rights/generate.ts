import { personName } from '../enforcement/parties.js';
import { seededRandom, type Random } from '../enforcement/random.js';
import { INDUSTRIES, TRADE_NAMES } from '../enforcement/vocabulary.js';
import { addDays, chinaTimestamp, isoDay, plantDefects } from '../shared/defects.js';
import { BRANCHES, STATE_OWNED_GROUPS, type AssetKind, type Branch, type ProjectKind, type Transferor } from './catalogue.js';
import { listedAsset } from './assets.js';

/** One row of the trading system's project table (产权交易系统 项目库): announcement and result in one. */
export interface DemoPropertyRightsRow {
  id: number;
  /** 项目编号, 项目名称, 项目类型, 转让方 and its code, 标的类型. */
  xmbh: string;
  xmmc: string;
  xmlx: ProjectKind;
  zrf: string;
  zrfdm: string;
  /** As written; a planted defect writes a kind the mapping does not know. */
  bdlx: string;
  /** 挂牌价格（万元）, as the DECIMAL column prints it. */
  gpjg: string;
  gpqsrq: string;
  gpjzrq: string;
  /** 交易保证金（元）, 保证金收款银行, 保证金账号. */
  bzj: string;
  bzjkhh: string;
  bzjzh: string;
  /** 联系人, 办公电话, 手机. */
  lxr: string;
  bgdh: string;
  sjhm: string | null;
  /** 交易方式, 项目状态, 成交价格（万元）, 成交日期, 受让方类型, 受让方名称. */
  jyfs: string | null;
  xmzt: '挂牌中' | '中止' | '终结' | '已成交';
  cjjg: string | null;
  cjrq: string | null;
  srflx: '法人' | '非法人组织' | '自然人' | null;
  srfmc: string | null;
  /** 交易机构. */
  jyjg: string;
  updated_at: string;
}

/** Defects that make a row invalid (quarantined). */
export const PROPERTY_RIGHTS_DEFECTS = [
  'dealt-without-deal-date',
  'negative-price',
  'unknown-asset-type',
  'mobile-in-landline-field',
  'deal-before-listing-ends',
] as const;
export type PropertyRightsDefect = (typeof PROPERTY_RIGHTS_DEFECTS)[number];

/** Calendar days a listing runs at least: 20, 40 and 10 working days (国务院国资委 财政部令第32号), a franchise three weeks. */
const LISTING_DAYS: Readonly<Record<ProjectKind, number>> = { 产权转让: 28, 增资扩股: 56, 资产转让: 14, 公共资源: 21 };
const TYPE_LETTERS: Readonly<Record<ProjectKind, string>> = { 产权转让: 'GQ', 增资扩股: 'ZZ', 资产转让: 'ZC', 公共资源: 'GG' };
const STATUS_WEIGHTS = [
  ['已成交', 0.6],
  ['挂牌中', 0.2],
  ['终结', 0.12],
  ['中止', 0.08],
] as const;

interface Officer {
  readonly name: string;
  readonly landline: string;
  readonly mobile: string;
}

const MOBILE_HEADS = ['138', '139', '135', '137', '150', '151', '158', '159', '187', '188', '130', '131', '186', '133', '153', '189'] as const;
const digits = (random: Random, n: number): string => Array.from({ length: n }, () => String(random.int(0, 9))).join('');
const mobile = (random: Random): string => random.pick(MOBILE_HEADS) + digits(random, 8);

/** Each branch's project officers (项目经办人): two or three, each with an office line and a mobile. */
function officersOf(random: Random): Map<Branch, Officer[]> {
  return new Map(
    BRANCHES.map((b) => [
      b,
      Array.from({ length: random.int(2, 3) }, () => ({ name: personName(random), landline: b.landline + digits(random, 4), mobile: mobile(random) })),
    ]),
  );
}

/** A firm or a person that bids, as the kind of asset attracts them. */
function transferee(random: Random, asset: AssetKind, bidders: string | undefined): { kind: '法人' | '非法人组织' | '自然人'; name: string } {
  const personShare: Partial<Record<AssetKind, number>> = { 机动车辆: 0.7, 房产: 0.4, 机器设备: 0.3 };
  if (random.chance(personShare[asset] ?? 0)) return { kind: '自然人', name: personName(random) };
  const trade = random.pick(TRADE_NAMES);
  if ((asset === '股权' || asset === '土地使用权') && random.chance(0.2)) return { kind: '非法人组织', name: `绍兴${trade}股权投资合伙企业（有限合伙）` };
  const line = bidders ?? (asset === '机器设备' || asset === '机动车辆' ? '再生资源回收有限公司' : `${random.pick(INDUSTRIES)}有限公司`);
  return { kind: '法人', name: `${random.pick(['浙江', '绍兴', '杭州'])}${trade}${asset === '股权' ? '投资有限公司' : line}` };
}

const wan = (yuan: number): string => (yuan / 10_000).toFixed(4);

/**
 * A deterministic trading system: rows in (updated_at, id) order, each a project at its last
 * event (listed, suspended, terminated, or dealt with its result), ~2% invalid
 * (PROPERTY_RIGHTS_DEFECTS) and, per 150 rows, one valid row that reuses another project's
 * 项目编号 (`reused`: row id → the id of the row whose number it took): an identity conflict.
 */
export function generatePropertyRightsRows(
  count: number,
  seed: number,
  start: Date,
): { rows: DemoPropertyRightsRow[]; defective: ReadonlyMap<number, PropertyRightsDefect>; reused: ReadonlyMap<number, number> } {
  const random = seededRandom(seed);
  const defects = plantDefects(random, count, PROPERTY_RIGHTS_DEFECTS);
  const officers = officersOf(random);
  const rows: DemoPropertyRightsRow[] = [];
  const branches: Branch[] = [];
  let instant = start.getTime();
  let micros = 0;
  for (let i = 0; i < count; i++) {
    if (!random.chance(0.2)) [instant, micros] = [instant + random.int(1_800, 43_200) * 1000, random.int(0, 999_999)];
    const updated = isoDay(instant + 8 * 3_600_000);
    const defect = defects.get(i);
    const b = random.pick(BRANCHES);
    const local = STATE_OWNED_GROUPS.filter((g) => g.division === b.division);
    const group: Transferor = random.pick(local.length > 0 ? local : STATE_OWNED_GROUPS);
    const asset = listedAsset(random, b, group);
    const officer = random.pick(officers.get(b)!);
    let status = weighted(random);
    if (defect === 'dealt-without-deal-date' || defect === 'deal-before-listing-ends') status = '已成交';
    const days = LISTING_DAYS[asset.kind] + random.int(0, 7);
    // The dates run back from the row's last event: its announcement, suspension, end or deal.
    const listed = status === '挂牌中' ? updated : status === '中止' ? addDays(updated, -random.int(3, days - 1)) : addDays(updated, -days - random.int(1, 12));
    const row: DemoPropertyRightsRow = {
      id: 50_000 + i,
      xmbh: '', // numbered below, in listing order
      xmmc: asset.name,
      xmlx: asset.kind,
      zrf: asset.transferor.name,
      zrfdm: asset.transferor.code,
      bdlx: asset.asset,
      gpjg: wan(asset.priceYuan),
      gpqsrq: listed,
      gpjzrq: addDays(listed, days),
      bzj: asset.depositYuan.toFixed(2),
      bzjkhh: b.bank,
      bzjzh: b.accountPrefix + digits(random, b.accountLength - b.accountPrefix.length),
      lxr: officer.name,
      bgdh: officer.landline,
      sjhm: random.chance(0.7) ? officer.mobile : null,
      jyfs: null,
      xmzt: status,
      cjjg: null,
      cjrq: null,
      srflx: null,
      srfmc: null,
      jyjg: b.name,
      updated_at: chinaTimestamp(instant, micros),
    };
    if (status === '已成交') {
      const single = asset.kind !== '增资扩股' && random.chance(0.25);
      const buyer = transferee(random, asset.asset, asset.bidders);
      const step = Math.max(100, Math.round(asset.priceYuan / 100 / 100) * 100);
      row.jyfs = single
        ? '协议转让'
        : asset.kind === '增资扩股'
          ? '竞争性谈判'
          : asset.kind === '公共资源' && random.chance(0.5)
            ? '招投标'
            : random.chance(0.2)
              ? '拍卖'
              : '网络竞价';
      row.cjjg = wan(single ? asset.priceYuan : asset.priceYuan + step * random.int(1, 30));
      row.cjrq = updated;
      [row.srflx, row.srfmc] = [buyer.kind, buyer.name];
    }
    rows.push(row);
    branches.push(b);
  }
  numberInListingOrder(rows, branches);
  const defective = new Map<number, PropertyRightsDefect>();
  rows.forEach((row, i) => {
    const defect = defects.get(i);
    if (!defect) return;
    if (defect === 'dealt-without-deal-date') row.cjrq = null;
    if (defect === 'negative-price') row.gpjg = `-${row.gpjg}`;
    if (defect === 'unknown-asset-type') row.bdlx = '林权';
    if (defect === 'mobile-in-landline-field') [row.bgdh, row.sjhm] = [mobile(random), null];
    if (defect === 'deal-before-listing-ends') row.cjrq = addDays(row.gpjzrq, -random.int(1, 5));
    defective.set(row.id, defect);
  });
  return { rows, defective, reused: reuseNumbers(rows, defective, random) };
}

function weighted(random: Random): DemoPropertyRightsRow['xmzt'] {
  let roll = random.next();
  for (const [status, weight] of STATUS_WEIGHTS) if ((roll -= weight) < 0) return status;
  return '已成交';
}

/** 项目编号 per branch, kind and year, from 1 in listing order: SXCQ2025-GQ-0001. */
function numberInListingOrder(rows: DemoPropertyRightsRow[], branches: readonly Branch[]): void {
  const order = rows
    .map((row, i) => ({ row, b: branches[i]! }))
    .sort((x, y) => (x.row.gpqsrq < y.row.gpqsrq ? -1 : x.row.gpqsrq > y.row.gpqsrq ? 1 : x.row.id - y.row.id));
  const serials = new Map<string, number>();
  for (const { row, b } of order) {
    const prefix = `${b.letters}CQ${row.gpqsrq.slice(0, 4)}-${TYPE_LETTERS[row.xmlx]}-`;
    const serial = (serials.get(prefix) ?? 0) + 1;
    serials.set(prefix, serial);
    row.xmbh = prefix + String(serial).padStart(4, '0');
  }
}

/**
 * The exchange's mistake: a later valid project handed the number of an earlier one by
 * another transferor, of another kind of asset — one in every 150 rows, at least one.
 */
function reuseNumbers(rows: DemoPropertyRightsRow[], defective: ReadonlyMap<number, PropertyRightsDefect>, random: Random): Map<number, number> {
  const reused = new Map<number, number>();
  const valid = rows.filter((row) => !defective.has(row.id));
  const taken = new Set<number>();
  for (let n = 0; n < Math.max(1, Math.floor(rows.length / 150)); n++) {
    const later = random.pick(valid.slice(Math.floor(valid.length / 2)));
    const earlier = valid.find((row) => row.id < later.id && row.zrfdm !== later.zrfdm && row.bdlx !== later.bdlx && !taken.has(row.id));
    if (!earlier || taken.has(later.id)) continue;
    later.xmbh = earlier.xmbh;
    reused.set(later.id, earlier.id);
    taken.add(later.id).add(earlier.id);
  }
  return reused;
}
