import type { DemoPartyKind } from './case-kinds.js';
import {
  buildUscc,
  orgCodeWithLead,
  organizationCodeOf,
  randomHkMacaoPermit,
  randomIdNumber,
  randomInstitutionCertificate,
  randomOrgCode,
  randomPassportNumber,
  randomRegistrationNumber,
  randomTaiwanPermit,
} from './identifiers.js';
import type { Random } from './random.js';
import { GIVEN_NAME_CHARS, INDUSTRIES, SHOP_KINDS, SURNAMES, TRADE_NAMES, type DemoDistrict } from './vocabulary.js';

/** 证件类型 labels of the national code list (FIELDS.md). */
export type IdTypeLabel = '身份证' | '护照号' | '港澳居民来往内地通行证' | '台湾居民来往大陆通行证';

/** A party with every identifier the standard carries; "" where it has none. */
export interface DemoParty {
  readonly kind: DemoPartyKind;
  readonly name: string;
  readonly creditCode: string;
  readonly idType: IdTypeLabel | '';
  readonly idNumber: string;
  /** 法定代表人 / 负责人 / 经营者 / 执行事务合伙人. */
  readonly representative: string;
  readonly representativeIdType: IdTypeLabel | '';
  readonly representativeIdNumber: string;
  readonly registrationNumber: string;
  readonly organizationCode: string;
  readonly institutionCertificate: string;
  readonly socialOrganizationCertificate: string;
}

/** A party as the national columns carry it: the 行政相对人 (XDR_*) and legal representative (FR_*) columns both APIs serve. */
export interface DemoPartyColumns {
  xdr_lb: DemoPartyKind;
  xdr_mc: string;
  xdr_shxym: string;
  xdr_zjlx: string;
  xdr_zjhm: string;
  xdr_fddbr: string;
  fr_zjlx: string;
  fr_zjhm: string;
  xdr_gszc: string;
  xdr_zzjg: string;
  xdr_sydw: string;
  xdr_shzz: string;
}

export function partyColumns(party: DemoParty): DemoPartyColumns {
  return {
    xdr_lb: party.kind,
    xdr_mc: party.name,
    xdr_shxym: party.creditCode,
    xdr_zjlx: party.idType,
    xdr_zjhm: party.idNumber,
    xdr_fddbr: party.representative,
    fr_zjlx: party.representativeIdType,
    fr_zjhm: party.representativeIdNumber,
    xdr_gszc: party.registrationNumber,
    xdr_zzjg: party.organizationCode,
    xdr_sydw: party.institutionCertificate,
    xdr_shzz: party.socialOrganizationCertificate,
  };
}

const FOREIGN_TRADERS = ['MUHAMMAD ASIF KHAN', 'RAJESH KUMAR SHARMA', 'AHMED HASSAN ALI', 'KIM MINJUN', 'OMAR FAROOQ', 'SANJAY PATEL'] as const;

/** Older residents kept the codes of the pre-2013 counties: 绍兴县 330621, 上虞市 330682. */
const OLD_DIVISIONS: Readonly<Record<string, string>> = { '330603': '330621', '330604': '330682' };

export function personName(random: Random): string {
  const given = random.pick(GIVEN_NAME_CHARS) + (random.chance(0.7) ? random.pick(GIVEN_NAME_CHARS) : '');
  return random.pick(SURNAMES) + given;
}

/** 绍兴市柯桥区, 诸暨市, or 绍兴市 for the city itself. */
export function districtFullName(district: DemoDistrict): string {
  if (district.name === '绍兴市本级') return '绍兴市';
  return district.name.endsWith('区') ? `绍兴市${district.name}` : district.name;
}

function residentId(random: Random, district: DemoDistrict): string {
  const old = OLD_DIVISIONS[district.divisionCode];
  return randomIdNumber(random, old && random.chance(0.4) ? old : district.divisionCode);
}

const BLANK = { registrationNumber: '', organizationCode: '', institutionCertificate: '', socialOrganizationCertificate: '' } as const;

/**
 * Makes parties. A firm fined twice keeps one credit code; identity documents other than a
 * resident card go only to natural persons (`allowForeignIds`), at small shares.
 */
export function partyMaker(random: Random): (kind: DemoPartyKind, district: DemoDistrict, allowForeignIds: boolean) => DemoParty {
  const known = new Map<string, DemoParty>();
  const remember = (party: DemoParty): DemoParty => {
    const earlier = known.get(party.name);
    if (earlier) return earlier;
    known.set(party.name, party);
    return party;
  };
  const town = (district: DemoDistrict): string => (district.towns.length > 0 && random.chance(0.3) ? random.pick(district.towns) : '');

  const naturalPerson = (district: DemoDistrict, allowForeignIds: boolean): DemoParty => {
    const roll = allowForeignIds ? random.next() : 1;
    const [idType, name, idNumber]: [IdTypeLabel, string, string] =
      roll < 0.04
        ? ['护照号', random.pick(FOREIGN_TRADERS), randomPassportNumber(random)]
        : roll < 0.07
          ? ['港澳居民来往内地通行证', personName(random), randomHkMacaoPermit(random)]
          : roll < 0.09
            ? ['台湾居民来往大陆通行证', personName(random), randomTaiwanPermit(random)]
            : ['身份证', personName(random), residentId(random, district)];
    return { kind: '自然人', name, creditCode: '', idType, idNumber, representative: '', representativeIdType: '', representativeIdNumber: '', ...BLANK };
  };

  const withRepresentative = (district: DemoDistrict, representative = personName(random)) => ({
    representative,
    representativeIdType: '身份证' as const,
    representativeIdNumber: residentId(random, district),
  });

  const individualBusiness = (district: DemoDistrict): DemoParty => {
    const operator = personName(random);
    const place = town(district);
    const name = random.chance(0.5)
      ? `${districtFullName(district)}${place && `${place}镇`}${operator.charAt(0)}记${random.pick(SHOP_KINDS)}`
      : `${random.pick(district.firmPrefixes)}${place}${random.pick(TRADE_NAMES)}${random.pick(SHOP_KINDS)}`;
    const creditCode = buildUscc('9', '2', district.divisionCode, randomOrgCode(random));
    return remember({ kind: '个体工商户', name, creditCode, idType: '', idNumber: '', ...withRepresentative(district, operator), ...BLANK });
  };

  const legalPerson = (district: DemoDistrict): DemoParty => {
    const roll = random.next();
    if (roll < 0.06) {
      // 事业单位 (a health centre or a school canteen): 12 + division, and its 事业单位法人证书号.
      const name = `${districtFullName(district)}${town(district) || random.pick(['城南', '城北', '城东'])}${random.pick(['社区卫生服务中心', '中学', '中心幼儿园'])}`;
      const creditCode = buildUscc('1', '2', district.divisionCode, orgCodeWithLead(random, ''));
      return remember({
        kind: '法人',
        name,
        creditCode,
        idType: '',
        idNumber: '',
        ...withRepresentative(district),
        ...BLANK,
        institutionCertificate: randomInstitutionCertificate(random, district.divisionCode),
      });
    }
    if (roll < 0.1) {
      // 民办非企业单位 registered by 民政: 52 + division + an "MJ" code, and its 登记证号.
      const name = `${districtFullName(district)}${random.pick(TRADE_NAMES)}${random.pick(['职业技能培训学校', '养老服务中心', '艺术培训学校'])}`;
      const creditCode = buildUscc('5', '2', district.divisionCode, orgCodeWithLead(random, 'MJ'));
      const certificate = `${district.name.charAt(0)}民证字第${String(random.int(100, 9999)).padStart(6, '0')}号`;
      return remember({
        kind: '法人',
        name,
        creditCode,
        idType: '',
        idNumber: '',
        ...withRepresentative(district),
        ...BLANK,
        socialOrganizationCertificate: certificate,
      });
    }
    const suffix = random.chance(0.1) ? '股份有限公司' : '有限公司';
    const name = `${random.pick(district.firmPrefixes)}${town(district)}${random.pick(TRADE_NAMES)}${random.pick(INDUSTRIES)}${suffix}`;
    const orgCode = randomOrgCode(random);
    const creditCode = buildUscc('9', '1', district.divisionCode, orgCode);
    // Firms registered before the 2015 三证合一 (numeric organization codes) still carry their old numbers.
    const old = /^\d/.test(orgCode);
    return remember({
      kind: '法人',
      name,
      creditCode,
      idType: '',
      idNumber: '',
      ...withRepresentative(district),
      ...BLANK,
      registrationNumber: old ? randomRegistrationNumber(random, district.divisionCode) : '',
      organizationCode: old ? organizationCodeOf(creditCode) : '',
    });
  };

  const unincorporated = (district: DemoDistrict): DemoParty => {
    const trade = random.pick(TRADE_NAMES);
    const industry = random.pick(INDUSTRIES);
    const roll = random.next();
    const name =
      roll < 0.5
        ? `浙江${trade}${industry}有限公司${districtFullName(district).replace('绍兴市', '绍兴')}分公司`
        : roll < 0.75
          ? `${random.pick(district.firmPrefixes)}${trade}${industry}投资合伙企业（有限合伙）`
          : `${districtFullName(district)}${town(district)}${trade}${industry}厂`;
    const creditCode = buildUscc('9', '1', district.divisionCode, orgCodeWithLead(random, 'MA'));
    return remember({ kind: '非法人组织', name, creditCode, idType: '', idNumber: '', ...withRepresentative(district), ...BLANK });
  };

  return (kind, district, allowForeignIds) => {
    switch (kind) {
      case '自然人':
        return naturalPerson(district, allowForeignIds);
      case '个体工商户':
        return individualBusiness(district);
      case '非法人组织':
        return unincorporated(district);
      case '法人':
        return legalPerson(district);
    }
  };
}
