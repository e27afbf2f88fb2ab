import type { CrossFieldRule } from './record-type.js';
import { idCardCheckChar, isChineseIdCard } from './formats.js';

/** 证件类型 of the national 双公示 standard, by our canonical code. */
export const IDENTITY_DOCUMENT_TYPES = ['resident-id-card', 'passport', 'hk-macao-permit', 'taiwan-permit', 'foreign-permanent-residence'] as const;
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];

interface DocumentShape {
  readonly test: (number: string) => boolean;
  readonly en: string;
  readonly zh: string;
}

/**
 * The 2023 permanent-residence card: 18 characters starting with 9, its last the GB 11643
 * check character of the first 17.
 */
function isNewPermanentResidenceCard(number: string): boolean {
  return /^9\d{16}[\dX]$/.test(number) && idCardCheckChar(number.slice(0, 17)) === number.charAt(17);
}

/** What each document's number looks like; only the resident identity card carries a checksum we can verify. */
const SHAPES: Readonly<Record<IdentityDocumentType, DocumentShape>> = {
  'resident-id-card': {
    test: isChineseIdCard,
    en: 'is not a valid resident identity number (GB 11643-1999)',
    zh: '无效（格式、出生日期或校验位不符合 GB 11643-1999）',
  },
  // ICAO 9303 document numbers, and the longer ones some states issue: capitals and digits only.
  passport: {
    test: (n) => /^[A-Z0-9]{5,17}$/.test(n),
    en: 'is not a passport number (5–17 capital letters and digits)',
    zh: '不是有效的护照号码（5至17位大写字母或数字）',
  },
  // 港澳居民来往内地通行证: H (Hong Kong) or M (Macao), 8 digits, and on renewed cards 2 more.
  'hk-macao-permit': {
    test: (n) => /^[HM]\d{8}(\d{2})?$/.test(n),
    en: 'is not a Mainland Travel Permit number for Hong Kong and Macao residents (H or M and 8 or 10 digits)',
    zh: '不是有效的港澳居民来往内地通行证号码（H或M加8位或10位数字）',
  },
  // 台湾居民来往大陆通行证: 8 digits on the card issued since 2015, 10 digits (a letter may follow) before.
  'taiwan-permit': {
    test: (n) => /^(\d{8}|\d{10}[A-Z]?)$/.test(n),
    en: 'is not a Mainland Travel Permit number for Taiwan residents (8 digits, or 10 digits and a letter)',
    zh: '不是有效的台湾居民来往大陆通行证号码（8位数字，或10位数字加字母）',
  },
  // 外国人永久居留身份证: 3 letters of the nationality and 12 digits (2004 card), or the 2023 card's 18 characters.
  'foreign-permanent-residence': {
    test: (n) => /^[A-Z]{3}\d{12}$/.test(n) || isNewPermanentResidenceCard(n),
    en: 'is not a foreign permanent resident ID number (3 letters and 12 digits, or 18 characters starting with 9 with a valid check character)',
    zh: '不是有效的外国人永久居留身份证号码（3位字母加12位数字，或以9开头、校验位正确的18位号码）',
  },
};

const isDocumentType = (value: unknown): value is IdentityDocumentType => typeof value === 'string' && Object.hasOwn(SHAPES, value);

/** Whether `number` has the shape of a number of `type`. */
export function isIdentityDocumentNumber(type: IdentityDocumentType, number: string): boolean {
  return SHAPES[type].test(number);
}

/**
 * The number in `numberField` must have the shape of the document `typeField` names, a
 * resident identity card when the type is absent. An unknown type is the schema's to report.
 */
export function identityNumberMatchesType(numberField: string, typeField: string): CrossFieldRule {
  return (candidate, labels) => {
    const number = candidate[numberField];
    const declared = candidate[typeField] ?? 'resident-id-card';
    if (typeof number !== 'string' || number === '' || !isDocumentType(declared)) return [];
    const shape = SHAPES[declared];
    if (shape.test(number)) return [];
    return [
      {
        path: `/${numberField}`,
        keyword: 'identityDocumentNumber',
        message: `${numberField} (${declared}) ${shape.en}`,
        messageZh: `${labels[numberField] ?? numberField}${shape.zh}`,
      },
    ];
  };
}
