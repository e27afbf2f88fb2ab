import { idCardCheckChar, isCalendarDate, isUscc } from '../records/formats.js';
import { passesLuhn } from '../records/personal-numbers.js';

/**
 * Masks the numbers that identify a natural person inside free text: resident identity
 * numbers, bank cards, mobile and landline numbers. Every pattern is anchored so that it
 * never matches part of a longer run of digits or letters (a 统一社会信用代码, a serial).
 * Masks keep enough to tell one number from another in a table, never enough to dial
 * or to identify: they contain no run of digits that another pattern would match again.
 */

const NOT_ALNUM_BEFORE = '(?<![0-9A-Za-z])';
const NOT_ALNUM_AFTER = '(?![0-9A-Za-z])';

/** 18-digit GB 11643 numbers (last may be X) and 15-digit legacy numbers. */
const ID_NUMBER = new RegExp(`${NOT_ALNUM_BEFORE}(\\d{17}[\\dXx]|\\d{15})${NOT_ALNUM_AFTER}`, 'g');
/** 16–19 digits, bare or in groups of four the way cards are printed (a date range is neither). */
const CARD_NUMBER = new RegExp(`${NOT_ALNUM_BEFORE}(?:\\d{16,19}|\\d{4}(?:[ -]\\d{4}){3}(?:[ -]?\\d{1,3})?)${NOT_ALNUM_AFTER}`, 'g');
/** 1[3-9]x mobiles, with or without +86/0086 and with spaces or hyphens (3-4-4 grouping). */
const MOBILE = new RegExp(`${NOT_ALNUM_BEFORE}((?:\\+|00)?86[ -]?)?(1[3-9]\\d)[ -]?(\\d{4})[ -]?(\\d{4})${NOT_ALNUM_AFTER}`, 'g');
/** Area code (0 and 2–3 digits) and a 7–8 digit number, separated or bracketed; optional extension. */
const LANDLINE = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:[(（](0\\d{2,3})[)）]\\s?|(0\\d{2,3})[-－ ])(\\d{3,4})[- ]?(\\d{4})((?:[-－转]\\d{1,5})?)${NOT_ALNUM_AFTER}`,
  'g',
);
/** A bare area code and number is a landline only when the text says it is a telephone. */
const CUED_BARE_LANDLINE = /((?:电话|座机|固话|联系方式)(?:号码)?[:：]?\s?)(0\d{2,3})(\d{7,8})(?!\d)/g;

const stars = (count: number) => '*'.repeat(count);

/** Identity numbers keep the province-and-city prefix and the last four characters: 3306**********1234. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 4)}${stars(id.length - 8)}${id.slice(-4).toUpperCase()}`;
}

/** Mobiles keep the network prefix and the last four digits: 138****8000. */
export function maskMobile(digits: string): string {
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** Landlines keep the area code and the last four digits: 0575-****3456. */
const maskLandline = (areaCode: string, lastFour: string) => `${areaCode}-****${lastFour}`;

/** Cards keep the first and last four digits, as receipts print them: 6222***********1234. */
export function maskCardNumber(digits: string): string {
  return `${digits.slice(0, 4)}${stars(digits.length - 8)}${digits.slice(-4)}`;
}

/**
 * An identity number is recognised by the birth date it carries. A valid check digit makes
 * it an identity number whatever else the digits might be; a mistyped one still identifies
 * its holder and is masked too, unless the 18 characters are a valid credit code instead
 * (a credit code's digits 7–14 are part of an organisation code and may read as a date).
 */
function looksLikeIdNumber(candidate: string): boolean {
  const id = candidate.toUpperCase();
  const birth = id.length === 18 ? id.slice(6, 14) : `19${id.slice(6, 12)}`;
  if (!/^[1-9]/.test(id) || !isCalendarDate(birth)) return false;
  return id.length === 15 || idCardCheckChar(id.slice(0, 17)) === id.charAt(17) || !isUscc(id);
}

/** A bank card passes the Luhn check; a credit code that happens to be all digits is not a card. */
function looksLikeCardNumber(digits: string): boolean {
  return digits.length >= 16 && digits.length <= 19 && passesLuhn(digits) && !(digits.length === 18 && isUscc(digits));
}

export function redactNumbers(text: string): string {
  return text
    .replace(ID_NUMBER, (match: string) => (looksLikeIdNumber(match) ? maskIdNumber(match) : match))
    .replace(CARD_NUMBER, (match: string) => {
      const digits = match.replace(/[ -]/g, '');
      return looksLikeCardNumber(digits) ? maskCardNumber(digits) : match;
    })
    .replace(
      MOBILE,
      (_match: string, prefix: string | undefined, head: string, middle: string, tail: string) => `${prefix ?? ''}${maskMobile(`${head}${middle}${tail}`)}`,
    )
    .replace(
      LANDLINE,
      (_match: string, bracketed: string | undefined, separated: string | undefined, _first: string, lastFour: string, extension: string) =>
        `${maskLandline(bracketed ?? separated ?? '', lastFour)}${extension ? '-***' : ''}`,
    )
    .replace(CUED_BARE_LANDLINE, (_match: string, cue: string, areaCode: string, number: string) => `${cue}${maskLandline(areaCode, number.slice(-4))}`);
}
