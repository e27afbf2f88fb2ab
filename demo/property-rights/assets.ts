import { buildUscc, randomOrgCode } from '../enforcement/identifiers.js';
import type { Random } from '../enforcement/random.js';
import { INDUSTRIES, TRADE_NAMES } from '../enforcement/vocabulary.js';
import { BUILDINGS, EQUIPMENT, FRANCHISES, grantingBody, VEHICLES, type AssetKind, type Branch, type ProjectKind, type Transferor } from './catalogue.js';

/** What one project offers: its kind, the asset, who offers it, at what price and deposit. */
export interface ListedAsset {
  readonly kind: ProjectKind;
  readonly asset: AssetKind;
  readonly name: string;
  readonly transferor: Transferor;
  readonly priceYuan: number;
  readonly depositYuan: number;
  /** The line of business of the firms that bid for a franchise. */
  readonly bidders?: string;
}

/** A price in 万元 between lo and hi, to the hundred yuan. */
const priceIn = (random: Random, lo: number, hi: number): number => random.int(lo * 100, hi * 100) * 100;
/** A share of the price, rounded down to `unit` yuan, at least 1,000 yuan. */
const depositOf = (price: number, share: number, unit: number): number => Math.max(1000, Math.floor((price * share) / unit) * unit);

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Where a branch's buildings stand: the city centre's are in 越城区. */
const placeOf = (b: Branch): string => (b.division.code === '330600' ? '绍兴市越城区' : b.division.bodyPrefix);

/** A project a branch lists for `group` (or, for a franchise, a public body of its division). */
export function listedAsset(random: Random, b: Branch, group: Transferor): ListedAsset {
  const roll = random.next();
  const firm = `绍兴${random.pick(TRADE_NAMES)}${random.pick(INDUSTRIES)}有限公司`;
  if (roll < 0.2) {
    const pct = random.pick([10, 15, 20, 25, 30, 35, 40, 49, 51, 100]);
    const price = priceIn(random, 50, 8000);
    return {
      kind: '产权转让',
      asset: '股权',
      name: `${group.name}所持${firm}${pct}%股权转让`,
      transferor: group,
      priceYuan: price,
      depositYuan: depositOf(price, random.pick([0.1, 0.2, 0.3]), 10_000),
    };
  }
  if (roll < 0.3) {
    // The company raising capital is the party that lists: a subsidiary of the group.
    const raising: Transferor = { name: firm, code: buildUscc('9', '1', group.division.code, randomOrgCode(random)), division: group.division };
    const price = priceIn(random, 500, 20_000);
    return { kind: '增资扩股', asset: '股权', name: `${firm}增资项目`, transferor: raising, priceYuan: price, depositYuan: depositOf(price, 0.1, 10_000) };
  }
  if (roll < 0.5) {
    const franchise = random.pick(FRANCHISES);
    const price = priceIn(random, franchise.range[0], franchise.range[1]);
    return {
      kind: '公共资源',
      asset: '特许经营权',
      name: `${placeOf(b)}${franchise.name}（${random.pick([3, 5, 8])}年）`,
      transferor: grantingBody(b.division, franchise),
      priceYuan: price,
      depositYuan: depositOf(price, 0.2, 10_000),
      bidders: franchise.bidders,
    };
  }
  const asset = random.next();
  if (asset < 0.4) {
    const plate = `浙D${PLATE_LETTERS.charAt(random.int(0, PLATE_LETTERS.length - 1))}${String(random.int(0, 9999)).padStart(4, '0')}`;
    const price = priceIn(random, 1, 25);
    return {
      kind: '资产转让',
      asset: '机动车辆',
      name: `${plate} ${random.pick(VEHICLES)}车辆转让`,
      transferor: group,
      priceYuan: price,
      depositYuan: random.pick([2000, 5000, 10_000]),
    };
  }
  if (asset < 0.75) {
    const building = random.pick(BUILDINGS);
    const area = random.int(45, 2400);
    const price = priceIn(random, 60, 3000);
    return {
      kind: '资产转让',
      asset: '房产',
      name: `${placeOf(b)}${random.pick(b.roads)}${random.int(1, 399)}号${building}（建筑面积${area}平方米）转让`,
      transferor: group,
      priceYuan: price,
      depositYuan: depositOf(price, 0.1, 10_000),
    };
  }
  if (asset < 0.85) {
    const price = priceIn(random, 500, 10_000);
    const name = `${placeOf(b)}${random.pick(b.roads)}地块国有建设用地使用权及地上建筑物转让`;
    return { kind: '资产转让', asset: '土地使用权', name, transferor: group, priceYuan: price, depositYuan: depositOf(price, 0.2, 10_000) };
  }
  const price = priceIn(random, 3, 200);
  return {
    kind: '资产转让',
    asset: '机器设备',
    name: `${group.name}${random.pick(EQUIPMENT)}转让`,
    transferor: group,
    priceYuan: price,
    depositYuan: depositOf(price, 0.1, 1000),
  };
}
