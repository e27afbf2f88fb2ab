import { buildUscc, randomOrgCode } from '../enforcement/identifiers.js';
import { seededRandom } from '../enforcement/random.js';
import { bodyCode, COUNTY_DIVISIONS, CITY_DIVISION, type ShaoxingDivision } from '../shared/shaoxing-bodies.js';

/**
 * What the city's public resource trading centre (绍兴市公共资源交易中心, which runs the 产权交易
 * of the city and, through its county branches, of each county) lists: who offers what, at
 * which branch, and who handles it there.
 */

/** The front database's 项目类型 and 标的类型, as the trading system writes them. */
export type ProjectKind = '产权转让' | '增资扩股' | '资产转让' | '公共资源';
export type AssetKind = '股权' | '房产' | '土地使用权' | '机动车辆' | '机器设备' | '特许经营权';

export interface Branch {
  readonly division: ShaoxingDivision;
  /** The branch's name, the transactions' 交易机构. */
  readonly name: string;
  /** Two letters heading its 项目编号: SX, YC, KQ … */
  readonly letters: string;
  /** Its office numbers begin so: 0575-8513 … */
  readonly landline: string;
  /** Where the project's deposit is paid: the branch's deposit account and its bank. */
  readonly bank: string;
  /** Digits every sub-account of the deposit account starts with, and how long an account is. */
  readonly accountPrefix: string;
  readonly accountLength: number;
  /** Roads of its town centre, for buildings it sells. */
  readonly roads: readonly string[];
}

const branch = (division: ShaoxingDivision, letters: string, landline: string, bank: [string, string, number], roads: string[]): Branch => ({
  division,
  name: `${division.bodyPrefix}公共资源交易中心`,
  letters,
  landline,
  bank: bank[0],
  accountPrefix: bank[1],
  accountLength: bank[2],
  roads,
});

const [yuecheng, keqiao, shangyu, xinchang, zhuji, shengzhou] = COUNTY_DIVISIONS as [
  ShaoxingDivision,
  ShaoxingDivision,
  ShaoxingDivision,
  ShaoxingDivision,
  ShaoxingDivision,
  ShaoxingDivision,
];

/** The city centre lists most; the county branches their own counties' projects. */
export const BRANCHES: readonly Branch[] = [
  branch(CITY_DIVISION, 'SX', '0575-8513', ['中国工商银行绍兴分行营业部', '12110110', 19], ['解放北路', '中兴中路', '延安东路', '胜利东路', '人民中路']),
  branch(CITY_DIVISION, 'SX', '0575-8513', ['中国银行绍兴市分行营业部', '3567', 12], ['解放南路', '环城西路', '二环北路']),
  branch(yuecheng, 'YC', '0575-8812', ['中国农业银行绍兴越城支行', '195151', 17], ['迪荡新城财富中心', '斗门镇新城路', '东浦街道鉴湖路']),
  branch(keqiao, 'KQ', '0575-8412', ['中国建设银行绍兴柯桥支行', '330501654', 20], ['笛扬路', '金柯桥大道', '湖西路', '华齐路']),
  branch(shangyu, 'SY', '0575-8215', ['绍兴银行上虞支行', '110', 18], ['人民大道', '市民大道', '江扬路']),
  branch(xinchang, 'XC', '0575-8602', ['中国工商银行新昌支行', '12110450', 19], ['人民中路', '鼓山西路', '七星路']),
  branch(zhuji, 'ZJ', '0575-8701', ['中国银行诸暨支行', '3789', 12], ['望云路', '艮塔西路', '暨阳路']),
  branch(shengzhou, 'SZ', '0575-8302', ['中国农业银行嵊州支行', '195161', 17], ['北直街', '官河南路', '剡湖路']),
];

export interface Transferor {
  readonly name: string;
  readonly code: string;
  readonly division: ShaoxingDivision;
}

// Fixed, so the same state-owned groups carry the same codes in every run.
const codes = seededRandom(330600);
const company = (name: string, division: ShaoxingDivision): Transferor => ({ name, division, code: buildUscc('9', '1', division.code, randomOrgCode(codes)) });

/** State-owned groups that sell equity and assets, by division. */
export const STATE_OWNED_GROUPS: readonly Transferor[] = [
  company('绍兴市城市建设投资集团有限公司', CITY_DIVISION),
  company('绍兴市交通投资集团有限公司', CITY_DIVISION),
  company('绍兴市文化旅游集团有限公司', CITY_DIVISION),
  company('绍兴市公共交通集团有限公司', CITY_DIVISION),
  company('绍兴市国有资本运营有限公司', CITY_DIVISION),
  company('绍兴市越城区城市发展建设集团有限公司', yuecheng),
  company('绍兴市柯桥区国有资产投资经营集团有限公司', keqiao),
  company('绍兴市柯桥区交通投资建设集团有限公司', keqiao),
  company('绍兴市上虞区国有资本投资运营有限公司', shangyu),
  company('新昌县国有资产投资集团有限公司', xinchang),
  company('诸暨市国有资产经营有限公司', zhuji),
  company('嵊州市国有资产投资控股集团有限公司', shengzhou),
];

/** Public bodies that grant 特许经营权 through the centre, in a division. */
export function grantingBody(division: ShaoxingDivision, franchise: Franchise): Transferor {
  const name = `${division.bodyPrefix}${franchise.grantor}`;
  return { name, code: bodyCode(name, division), division };
}

export interface Franchise {
  readonly name: string;
  readonly grantor: string;
  /** Typical price range in 万元. */
  readonly range: readonly [number, number];
  /** Who bids: firms of this line of business. */
  readonly bidders: string;
}

export const FRANCHISES: readonly Franchise[] = [
  { name: '城区户外广告设施经营权', grantor: '综合行政执法局', range: [80, 1500], bidders: '广告传媒有限公司' },
  { name: '公共停车泊位经营权', grantor: '综合行政执法局', range: [50, 900], bidders: '停车管理有限公司' },
  { name: '城市公交候车亭广告经营权', grantor: '交通运输局', range: [60, 600], bidders: '文化传媒有限公司' },
  { name: '农村生活垃圾收运特许经营权', grantor: '综合行政执法局', range: [100, 1200], bidders: '环境服务有限公司' },
];

export const VEHICLES = ['大众帕萨特', '别克GL8', '丰田凯美瑞', '本田雅阁', '奥迪A6L', '大众桑塔纳', '江淮瑞风', '金杯海狮'] as const;
export const EQUIPMENT = [
  '闲置纺织机械设备一批',
  '报废锅炉及配套设备',
  '印染生产线设备',
  '废旧钢材及边角料一批',
  '办公家具及电子设备一批',
  '淘汰空压机组',
] as const;
export const BUILDINGS = ['商铺', '办公用房', '住宅', '厂房及附属用房', '仓库'] as const;
