import type { Format } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isAllowedLegacyCreditCode } from './legacy-credit-codes.js';

/** GB 32100-2015 code charset: digits and capitals without I, O, Z, S, V. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** W_i = 3^(i-1) mod 31 for positions 1..17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (weighted sum mod 11), GB 11643-1999. */
const ID_CARD_CHECK_CHARS = '10X98765432';

/**
 * The 18th character of a unified social credit code for its first 17 characters,
 * or undefined when they are not 17 characters of the code charset.
 */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let position = 0; position < 17; position += 1) {
    const value = USCC_CHARSET.indexOf(first17.charAt(position));
    if (value < 0) return undefined;
    sum += value * USCC_WEIGHTS[position]!;
  }
  // C18 = 31 - MOD(sum, 31), where a result of 31 wraps to 0.
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** 统一社会信用代码 (GB 32100-2015): 18 characters with a valid check character. */
export function isUsccChecksumValid(code: string): boolean {
  return code.length === 18 && usccCheckChar(code.slice(0, 17)) === code.charAt(17);
}

/**
 * A credit code the schemas accept: valid by GB 32100-2015, or one of the legacy codes
 * issued before the standard was enforced that the bureau has confirmed as real.
 */
export function isUscc(code: string): boolean {
  return isUsccChecksumValid(code) || isAllowedLegacyCreditCode(code);
}

/** The check character of an 18-digit identity number for its first 17 digits. */
export function idCardCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let position = 0; position < 17; position += 1) {
    sum += Number(first17.charAt(position)) * ID_CARD_WEIGHTS[position]!;
  }
  return ID_CARD_CHECK_CHARS.charAt(sum % 11);
}

/** A YYYYMMDD date that exists on the calendar, years 1900–2099; no clock is read. */
export function isCalendarDate(yyyymmdd: string): boolean {
  const match = /^(19|20)(\d{2})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!match) return false;
  const [year, month, day] = [Number(`${match[1]}${match[2]}`), Number(match[3]), Number(match[4])];
  if (month < 1 || month > 12 || day < 1) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/** A YYYYMMDD birth date that exists on the calendar, from 1900 up to today. */
export function isPlausibleBirthDate(yyyymmdd: string, today: Date = new Date()): boolean {
  if (!isCalendarDate(yyyymmdd)) return false;
  const birth = Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8)));
  return birth <= Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
}

/** 公民身份号码 (GB 11643-1999), 18-character form with a real birth date. */
export function isChineseIdCard(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (!isPlausibleBirthDate(id.slice(6, 14))) return false;
  return idCardCheckChar(id.slice(0, 17)) === id.charAt(17);
}

/**
 * 发文字号 in GB/T 9704-2012 form: the issuer's abbreviation, the year in 〔〕 and the
 * serial without leading zeros, ending in 号 (绍政办发〔2021〕4号).
 */
export function isDocumentNumber(text: string): boolean {
  return /^[^\s〔〕[\]()（）【】]+〔(?:19|20)\d{2}〕[1-9]\d*号$/u.test(text);
}

/**
 * The formats schemas may use (ajv-formats' full set, date and date-time among them, plus
 * ours), keyed by format name. Generated validators read this map at run time, so ajv
 * must compile against these very definitions.
 */
export const recordFormats: Readonly<Record<string, Format>> = {
  ...fullFormats,
  uscc: isUscc,
  'cn-id-card': isChineseIdCard,
  'document-number': isDocumentNumber,
};
