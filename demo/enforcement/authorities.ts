import { buildUscc, orgCodeCheckChar } from './identifiers.js';
import { DISTRICTS, type DemoDistrict } from './vocabulary.js';

/** Which line of law enforcement an authority belongs to: it decides the cases it can hear. */
export type EnforcerKind = 'market-regulation' | 'urban-management' | 'ecology-environment' | 'natural-resources';

/** A Shaoxing authority that decides penalties or licences, with its own 机关代字. */
export interface DemoAuthority {
  readonly name: string;
  readonly kind: EnforcerKind;
  /** The district whose cases it hears (dq), and whose division code its credit code carries. */
  readonly district: DemoDistrict;
  /** 机关代字 of its penalty decisions: 柯市监罚 in 柯市监罚〔2026〕12号 (GB/T 9704 发文字号). */
  readonly penaltyPrefix: string;
  /** 机关代字 of its licence decisions. */
  readonly licensePrefix: string;
  /** 统一社会信用代码: 11 (机构编制, 机关) + 3306xx + a 2019-reform "MB" organization code. */
  readonly creditCode: string;
}

const districtNamed = (name: string): DemoDistrict => {
  const found = DISTRICTS.find((district) => district.name === name);
  if (!found) throw new Error(`no demo district ${name}`);
  return found;
};

/** The organization code bodies (first 8 characters) are the demo's own, never a real body's. */
function authority(kind: EnforcerKind, districtName: string, name: string, prefixes: readonly [string, string], orgBase: string): DemoAuthority {
  const district = districtNamed(districtName);
  const creditCode = buildUscc('1', '1', district.divisionCode, orgBase + orgCodeCheckChar(orgBase));
  return { name, kind, district, penaltyPrefix: prefixes[0], licensePrefix: prefixes[1], creditCode };
}

const CITY = '绍兴市本级';

export const AUTHORITIES: readonly DemoAuthority[] = [
  authority('market-regulation', CITY, '绍兴市市场监督管理局', ['绍市监罚', '绍市监许'], 'MB1C4052'),
  authority('market-regulation', '越城区', '绍兴市越城区市场监督管理局', ['越市监罚', '越市监许'], 'MB1D2287'),
  authority('market-regulation', '柯桥区', '绍兴市柯桥区市场监督管理局', ['柯市监罚', '柯市监许'], 'MB1E0634'),
  authority('market-regulation', '上虞区', '绍兴市上虞区市场监督管理局', ['虞市监罚', '虞市监许'], 'MB1F3518'),
  authority('market-regulation', '诸暨市', '诸暨市市场监督管理局', ['诸市监罚', '诸市监许'], 'MB1G7741'),
  authority('market-regulation', '嵊州市', '嵊州市市场监督管理局', ['嵊市监罚', '嵊市监许'], 'MB1H5096'),
  authority('market-regulation', '新昌县', '新昌县市场监督管理局', ['新市监罚', '新市监许'], 'MB1J8823'),
  authority('urban-management', CITY, '绍兴市综合行政执法局', ['绍综执罚', '绍综执许'], 'MB1K2410'),
  authority('urban-management', '越城区', '绍兴市越城区综合行政执法局', ['越综执罚', '越综执许'], 'MB1L6673'),
  authority('urban-management', '柯桥区', '绍兴市柯桥区综合行政执法局', ['柯综执罚', '柯综执许'], 'MB1M0159'),
  authority('urban-management', '上虞区', '绍兴市上虞区综合行政执法局', ['虞综执罚', '虞综执许'], 'MB1N4382'),
  authority('urban-management', '诸暨市', '诸暨市综合行政执法局', ['诸综执罚', '诸综执许'], 'MB1P9027'),
  authority('urban-management', '嵊州市', '嵊州市综合行政执法局', ['嵊综执罚', '嵊综执许'], 'MB1Q3364'),
  authority('urban-management', '新昌县', '新昌县综合行政执法局', ['新综执罚', '新综执许'], 'MB1R7705'),
  // The district bureaus of ecology and environment are branches (分局) of the city bureau since the 2019 reform.
  authority('ecology-environment', CITY, '绍兴市生态环境局', ['绍市环罚', '绍市环许'], 'MB1T1248'),
  authority('ecology-environment', '越城区', '绍兴市生态环境局越城分局', ['绍越环罚', '绍越环许'], 'MB1U5590'),
  authority('ecology-environment', '柯桥区', '绍兴市生态环境局柯桥分局', ['绍柯环罚', '绍柯环许'], 'MB1W2836'),
  authority('ecology-environment', '上虞区', '绍兴市生态环境局上虞分局', ['绍虞环罚', '绍虞环许'], 'MB1X6171'),
  authority('ecology-environment', '诸暨市', '绍兴市生态环境局诸暨分局', ['绍诸环罚', '绍诸环许'], 'MB1Y0413'),
  authority('ecology-environment', '嵊州市', '绍兴市生态环境局嵊州分局', ['绍嵊环罚', '绍嵊环许'], 'MB2A4759'),
  authority('ecology-environment', '新昌县', '绍兴市生态环境局新昌分局', ['绍新环罚', '绍新环许'], 'MB2B8092'),
  authority('natural-resources', CITY, '绍兴市自然资源和规划局', ['绍自然资规罚', '绍自然资规许'], 'MB2C1326'),
  authority('natural-resources', '越城区', '绍兴市自然资源和规划局越城分局', ['绍越自然资规罚', '绍越自然资规许'], 'MB2D5663'),
  authority('natural-resources', '柯桥区', '绍兴市自然资源和规划局柯桥分局', ['绍柯自然资规罚', '绍柯自然资规许'], 'MB2E9904'),
  authority('natural-resources', '上虞区', '绍兴市自然资源和规划局上虞分局', ['绍虞自然资规罚', '绍虞自然资规许'], 'MB2F3241'),
  authority('natural-resources', '诸暨市', '诸暨市自然资源和规划局', ['诸自然资规罚', '诸自然资规许'], 'MB2G7588'),
  authority('natural-resources', '嵊州市', '嵊州市自然资源和规划局', ['嵊自然资规罚', '嵊自然资规许'], 'MB2H1825'),
  authority('natural-resources', '新昌县', '新昌县自然资源和规划局', ['新自然资规罚', '新自然资规许'], 'MB2J6162'),
];

/** The authority of a kind that hears a district's cases. */
export function authorityFor(kind: EnforcerKind, district: DemoDistrict): DemoAuthority {
  const found = AUTHORITIES.find((a) => a.kind === kind && a.district.name === district.name);
  if (!found) throw new Error(`no ${kind} authority for ${district.name}`);
  return found;
}

/** The authority named `name`, for tests and the export view. */
export function authorityNamed(name: string): DemoAuthority | undefined {
  return AUTHORITIES.find((a) => a.name === name);
}
