import { idCardCheckChar, isPlausibleBirthDate, isUscc } from './formats.js';

/**
 * The numbers that identify a natural person, recognised the same way by the masking of
 * released fields (src/grading), the free-text redaction (src/disclosure) and the publish
 * gate (src/publish/gate): one place decides what is a 身份证 number, a mobile or a card.
 */

/**
 * Province-level codes of GB/T 2260 (the first two digits of every district code and
 * identity number): 11–15 north, 21–23 north-east, 31–37 east, 41–46 south-central,
 * 50–54 south-west, 61–65 north-west, 71 Taiwan, 81–82 Hong Kong and Macao (residence
 * permits use them too). A number outside these cannot be a resident identity number.
 */
const PROVINCE_CODES = new Set('11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '));

/** A six-digit administrative division code (GB/T 2260) of a known province. */
export function isDistrictCode(code: string): boolean {
  return /^\d{6}$/.test(code) && PROVINCE_CODES.has(code.slice(0, 2)) && code.slice(2) !== '0000';
}

/** What an identity number says about its holder: the registering district and the birth date. */
export interface IdNumberParts {
  /** GB/T 2260 code of the district where the number was issued, e.g. 330602. */
  readonly district: string;
  /** YYYYMMDD. */
  readonly birthDate: string;
}

/**
 * The district and birth date of a resident identity number: 18 characters (GB 11643-1999)
 * with a valid check character, or the 15-digit legacy form (born 19YY, no check digit);
 * undefined for anything else (a passport number, a masked or mistyped number).
 */
export function idNumberParts(candidate: string, today?: Date): IdNumberParts | undefined {
  const id = candidate.trim().toUpperCase();
  let birthDate: string;
  if (/^\d{17}[\dX]$/.test(id)) {
    if (idCardCheckChar(id.slice(0, 17)) !== id.charAt(17)) return undefined;
    birthDate = id.slice(6, 14);
  } else if (/^\d{15}$/.test(id)) {
    birthDate = `19${id.slice(6, 12)}`;
  } else return undefined;
  const district = id.slice(0, 6);
  if (!isDistrictCode(district) || !isPlausibleBirthDate(birthDate, today)) return undefined;
  return { district, birthDate };
}

/** An 18-character resident identity number: check character, a birth date that existed, a known province. */
export function isResidentIdNumber(candidate: string, today?: Date): boolean {
  return candidate.length === 18 && idNumberParts(candidate, today) !== undefined;
}

/** A mainland mobile number: 11 digits starting 13–19 (after an optional +86 / 0086 / 86). */
export function isMainlandMobile(digits: string): boolean {
  return /^1[3-9]\d{9}$/.test(digits.replace(/^(?:\+|00)?86(?=1[3-9]\d{9}$)/, ''));
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Issuer prefixes of the cards issued in China: 62 UnionPay, 4 Visa, 51–55 and 22–27
 * Mastercard, 35 JCB. Any 16–19 digit run passes Luhn one time in ten, so without the
 * prefix a register number or a serial would be taken for a card far too often.
 */
const CARD_ISSUER = /^(?:62|4|5[1-5]|2[2-7]|35)/;

/**
 * A bank card number: 16–19 digits, a known issuer prefix and a valid Luhn check digit;
 * an all-digit 统一社会信用代码 is not a card.
 */
export function isBankCardNumber(digits: string): boolean {
  return /^\d{16,19}$/.test(digits) && CARD_ISSUER.test(digits) && passesLuhn(digits) && !(digits.length === 18 && isUscc(digits));
}
