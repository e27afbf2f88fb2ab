import { buildUscc, orgCodeCheckChar } from '../enforcement/identifiers.js';

/**
 * Shaoxing's administrative divisions (GB/T 2260) and the public bodies of each that the demo
 * departments name: which body determines what, under its real name, with a valid code.
 */
export interface ShaoxingDivision {
  /** GB/T 2260 code: 3306xx. */
  readonly code: string;
  readonly name: string;
  /** How a body's name begins: 绍兴市越城区…, 诸暨市… */
  readonly bodyPrefix: string;
  /** 机关代字 of its departments' 文号: 越, 柯, 虞, 新, 诸, 嵊; the city's own is 市. */
  readonly abbreviation: string;
  /** The people's court's code in case numbers: 浙0602, or the intermediate court's 浙06. */
  readonly courtCode: string;
  readonly court: string;
}

export const CITY_DIVISION: ShaoxingDivision = {
  code: '330600',
  name: '绍兴市本级',
  bodyPrefix: '绍兴市',
  abbreviation: '市',
  courtCode: '浙06',
  court: '绍兴市中级人民法院',
};

/** The counties (districts, county-level cities), whose codes also head their residents' ID numbers. */
export const COUNTY_DIVISIONS: readonly ShaoxingDivision[] = [
  { code: '330602', name: '越城区', bodyPrefix: '绍兴市越城区', abbreviation: '越', courtCode: '浙0602', court: '绍兴市越城区人民法院' },
  { code: '330603', name: '柯桥区', bodyPrefix: '绍兴市柯桥区', abbreviation: '柯', courtCode: '浙0603', court: '绍兴市柯桥区人民法院' },
  { code: '330604', name: '上虞区', bodyPrefix: '绍兴市上虞区', abbreviation: '虞', courtCode: '浙0604', court: '绍兴市上虞区人民法院' },
  { code: '330624', name: '新昌县', bodyPrefix: '新昌县', abbreviation: '新', courtCode: '浙0624', court: '新昌县人民法院' },
  { code: '330681', name: '诸暨市', bodyPrefix: '诸暨市', abbreviation: '诸', courtCode: '浙0681', court: '诸暨市人民法院' },
  { code: '330683', name: '嵊州市', bodyPrefix: '嵊州市', abbreviation: '嵊', courtCode: '浙0683', court: '嵊州市人民法院' },
];

export const SHAOXING_DIVISIONS: readonly ShaoxingDivision[] = [CITY_DIVISION, ...COUNTY_DIVISIONS];

/** The city's credit body: a 委员会, not a 局. */
export const CITY_DEVELOPMENT_AND_REFORM = '绍兴市发展和改革委员会';

/** Kinds of competent body the demo's credit records come from. */
export type BodyKind = 'market' | 'tax' | 'human-resources' | 'emergency' | 'environment' | 'court';

export interface PublicBody {
  readonly name: string;
  /** 统一社会信用代码: registration authority 1 (机构编制), category 1 (机关), the division's code. */
  readonly code: string;
  readonly division: ShaoxingDivision;
  readonly kind: BodyKind;
}

/**
 * A body's name in its division. Tax offices are the State Taxation Administration's (垂直管理);
 * environmental penalties are the city bureau's (its county branches act in its name).
 */
export function bodyName(kind: BodyKind, division: ShaoxingDivision): string {
  switch (kind) {
    case 'market':
      return `${division.bodyPrefix}市场监督管理局`;
    case 'tax':
      return `国家税务总局${division.bodyPrefix}税务局`;
    case 'human-resources':
      return `${division.bodyPrefix}人力资源和社会保障局`;
    case 'emergency':
      return `${division.bodyPrefix}应急管理局`;
    case 'environment':
      return '绍兴市生态环境局';
    case 'court':
      return division.court;
  }
}

/** A stable, valid organization code from a body's name: 0025 and four digits, with its GB 11714 check character. */
function orgCodeOf(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) % 10_000;
  const first8 = `0025${String(hash).padStart(4, '0')}`;
  return first8 + orgCodeCheckChar(first8);
}

/** A body's 统一社会信用代码 from its name and seat: stable, valid, of its division. */
export const bodyCode = (name: string, seat: ShaoxingDivision): string => buildUscc('1', '1', seat.code, orgCodeOf(name));

/** The body of a kind for a division, named and coded. */
export function publicBody(kind: BodyKind, division: ShaoxingDivision): PublicBody {
  const name = bodyName(kind, division);
  const seat = kind === 'environment' ? CITY_DIVISION : division;
  return { name, code: bodyCode(name, seat), division: seat, kind };
}
