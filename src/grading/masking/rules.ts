import { addressDistrict } from '../../disclosure/redact-address.js';
import { maskMobile } from '../../disclosure/redact-numbers.js';
import { COMPOUND_SURNAMES } from '../../disclosure/surnames.js';
import { idNumberParts } from '../../records/personal-numbers.js';

/**
 * The standard masking of one value of each kind of personal information. Every rule
 * returns undefined when the value cannot be masked as the rule says: the value is then
 * left out of the row, never published unmasked.
 */

/** 138****8000: the network prefix and the last four digits; other numbers keep only their last four. */
export function maskMobileNumber(value: string): string | undefined {
  const digits = value.replace(/\D/g, '').replace(/^(?:0086|86)(?=1[3-9]\d{9}$)/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return maskMobile(digits);
  return digits.length >= 7 ? `****${digits.slice(-4)}` : undefined;
}

/**
 * 张*, 欧阳*: the surname and one star whatever the given name's length, so the mask does
 * not tell how long the name is. A compound surname (欧阳, 司马 …) keeps both characters; a
 * name that starts with none of them keeps its first character, which is the surname of
 * nearly every Chinese name.
 */
export function surnameOnly(value: string): string | undefined {
  const name = value.trim();
  if (name === '') return undefined;
  const compound = COMPOUND_SURNAMES.find((surname) => name.startsWith(surname) && name.length > surname.length);
  return `${compound ?? [...name][0]}*`;
}

/** 浙江省绍兴市越城区解放路100号 → 浙江省绍兴市越城区. */
export function addressToDistrict(value: string): string | undefined {
  return addressDistrict(value);
}

/** What an identity number becomes under age-band-district: two values, each its own column. */
export interface AgeBandDistrict {
  /** "30-39岁"; "80岁及以上" from 80, so the oldest are not singled out. */
  readonly ageBand?: string;
  /** GB/T 2260 six-digit code of the district that issued the number, e.g. 330602. */
  readonly district: string;
}

/** Whole years between a YYYYMMDD birth date and a YYYY-MM-DD day. */
function ageOn(birthDate: string, day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [bornYear, bornMonth, bornDate] = [Number(birthDate.slice(0, 4)), Number(birthDate.slice(4, 6)), Number(birthDate.slice(6, 8))];
  const age = year - bornYear - (month < bornMonth || (month === bornMonth && date < bornDate) ? 1 : 0);
  return age >= 0 ? age : undefined;
}

export function ageBand(age: number): string {
  if (age >= 80) return '80岁及以上';
  const low = Math.floor(age / 10) * 10;
  return `${low}-${low + 9}岁`;
}

/**
 * The age band on `asOf` (YYYY-MM-DD) and the issuing district of a resident identity
 * number; undefined for what is not one (a passport number, a mistyped number).
 */
export function idNumberToAgeBandDistrict(value: string, asOf: string | undefined): AgeBandDistrict | undefined {
  const parts = idNumberParts(value);
  if (!parts) return undefined;
  const age = asOf === undefined ? undefined : ageOn(parts.birthDate, asOf);
  return age === undefined ? { district: parts.district } : { ageBand: ageBand(age), district: parts.district };
}
