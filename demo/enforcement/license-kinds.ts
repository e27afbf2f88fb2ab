import type { EnforcerKind } from './authorities.js';
import type { DemoPartyKind } from './case-kinds.js';
import type { Random } from './random.js';

/** 许可类别 of the national code list (XK_XKLB). */
export type LicenseCategory = '普通' | '特许' | '认可' | '核准' | '登记' | '其他';

/** A kind of licence a Shaoxing authority grants, and how its certificate is numbered. */
export interface DemoLicenseKind {
  /** 行政许可决定文书名称 (XK_XKWS). */
  readonly documentName: string;
  /** 许可证书名称 (XK_XKZS). */
  readonly licenseName: string;
  readonly category: LicenseCategory;
  readonly grantor: EnforcerKind;
  /** Only the city-level authority grants it (排污许可: 设区的市级生态环境主管部门, 排污许可管理条例 第六条). */
  readonly cityOnly: boolean;
  readonly parties: readonly DemoPartyKind[];
  readonly validYears: number;
  /** The certificate number (XK_XKBH); `decisionNumber` for kinds whose certificate carries the decision's number. */
  number(random: Random, context: { divisionCode: string; year: string; creditCode: string; decisionNumber: string }): string;
  /** 许可内容 (XK_NR). */
  content(random: Random): string;
  readonly weight: number;
}

const digits = (random: Random, length: number): string => String(random.int(0, 10 ** length - 1)).padStart(length, '0');

export const LICENSE_KINDS: readonly DemoLicenseKind[] = [
  {
    documentName: '食品经营许可决定书',
    licenseName: '食品经营许可证',
    category: '普通',
    grantor: 'market-regulation',
    cityOnly: false,
    parties: ['个体工商户', '法人', '非法人组织'],
    validYears: 5,
    // JY + 主体业态 (1 销售, 2 餐饮) + 6-digit division + 6-digit sequence + check digit.
    number: (random, { divisionCode }) => `JY${random.pick(['1', '2'])}${divisionCode}${digits(random, 6)}${random.int(0, 9)}`,
    content: (random) =>
      random.pick([
        '预包装食品（含冷藏冷冻食品）销售；散装食品（不含冷藏冷冻食品）销售',
        '热食类食品制售；冷食类食品制售',
        '预包装食品（不含冷藏冷冻食品）销售',
      ]),
    weight: 10,
  },
  {
    documentName: '药品经营许可决定书',
    licenseName: '药品经营许可证',
    category: '普通',
    grantor: 'market-regulation',
    cityOnly: false,
    parties: ['法人', '非法人组织'],
    validYears: 5,
    // 省份简称 + 分类代码 (D 单体零售 / C 连锁门店, A 法人 / B 非法人) + 4-digit area + 5-digit sequence.
    number: (random, { divisionCode }) => `浙${random.pick(['DA', 'CB'])}${divisionCode.slice(2)}${digits(random, 5)}`,
    content: () => '经营范围：中成药、化学药、生物制品（除疫苗）；经营方式：零售',
    weight: 3,
  },
  {
    documentName: '排污许可证核发决定书',
    licenseName: '排污许可证',
    category: '普通',
    grantor: 'ecology-environment',
    cityOnly: true,
    parties: ['法人'],
    validYears: 5,
    number: (random, { creditCode }) => `${creditCode}001${random.pick(['V', 'U', 'P'])}`,
    content: (random) =>
      `行业类别：${random.pick(['棉印染精加工', '化纤织物染整精加工', '黄酒制造', '金属表面处理及热处理加工'])}；管理类别：${random.pick(['重点管理', '简化管理'])}`,
    weight: 3,
  },
  {
    documentName: '建设工程规划许可决定书',
    licenseName: '建设工程规划许可证',
    category: '普通',
    grantor: 'natural-resources',
    cityOnly: false,
    parties: ['法人'],
    validYears: 1,
    number: (random, { divisionCode, year }) => `建字第${divisionCode}${year}${digits(random, 5)}号`,
    content: (random) => `建设规模：${(random.int(20_000, 900_000) / 10).toFixed(1)}平方米；建设性质：${random.pick(['新建', '改建', '扩建'])}`,
    weight: 3,
  },
  {
    documentName: '户外广告设施设置许可决定书',
    licenseName: '户外广告设施设置许可',
    category: '普通',
    grantor: 'urban-management',
    cityOnly: false,
    parties: ['法人', '个体工商户'],
    validYears: 2,
    number: (_random, { decisionNumber }) => decisionNumber,
    content: (random) => `设置形式：${random.pick(['店招标牌', '墙面广告', '立柱广告'])}；面积：${random.int(4, 60)}平方米`,
    weight: 3,
  },
  {
    documentName: '城市建筑垃圾处置核准决定书',
    licenseName: '城市建筑垃圾处置核准',
    category: '核准',
    grantor: 'urban-management',
    cityOnly: false,
    parties: ['法人'],
    validYears: 1,
    number: (_random, { decisionNumber }) => decisionNumber,
    content: (random) => `处置量：${random.int(500, 30_000)}立方米；消纳场所：${random.pick(['城东建筑垃圾消纳场', '城南资源化利用中心'])}`,
    weight: 2,
  },
];
