import { idCardCheckChar, usccCheckChar } from '../../../src/records/formats.js';

/** An 18-digit identity number with a valid check digit for the given area, birth date and sequence. */
export function idNumber(area: string, birth: string, sequence: string): string {
  const first17 = `${area}${birth}${sequence}`;
  return `${first17}${idCardCheckChar(first17)!}`;
}

/** A credit code with a valid check character for its first 17 characters. */
export function creditCode(first17: string): string {
  return `${first17}${usccCheckChar(first17)!}`;
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = Number(digits.charAt(digits.length - 1 - i));
    sum += i % 2 === 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
  }
  return sum % 10 === 0;
}

/** An all-digit credit code that also passes the Luhn check: the case a card rule alone would mask. */
export function luhnValidDigitCreditCode(): string {
  for (let serial = 0; serial < 100000; serial += 1) {
    const code = creditCode(`91330602${String(serial).padStart(9, '0')}`);
    if (/^\d{18}$/.test(code) && passesLuhn(code)) return code;
  }
  throw new Error('no all-digit Luhn-valid credit code in range');
}
