import { idCardCheckChar, USCC_CHARSET, usccCheckChar } from '../../src/records/formats.js';
import type { Random } from './random.js';

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const DIGITS = '0123456789';

/** Check character of a GB 11714 organization code (the 9 characters a USCC embeds). */
export function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let position = 0; position < 8; position += 1) {
    sum += Number.parseInt(first8.charAt(position), 36) * ORG_CODE_WEIGHTS[position]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function randomChars(random: Random, alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += alphabet.charAt(random.int(0, alphabet.length - 1));
  return text;
}

/** A 9-character organization code: either post-2015 "MA…" style or an older all-digit one. */
export function randomOrgCode(random: Random): string {
  const first8 = random.chance(0.6) ? `MA${randomChars(random, USCC_CHARSET, 6)}` : randomChars(random, DIGITS, 8);
  return first8 + orgCodeCheckChar(first8);
}

/**
 * A unified social credit code with a valid check character.
 * registration: 1 机构编制, 9 市场监管; category: 1 企业/机关, 2 个体工商户.
 */
export function buildUscc(registration: '1' | '9', category: '1' | '2', divisionCode: string, orgCode: string): string {
  const first17 = `${registration}${category}${divisionCode}${orgCode}`;
  const check = usccCheckChar(first17);
  if (check === undefined) throw new Error(`cannot build a USCC from ${first17}`);
  return first17 + check;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

/** An 18-digit identity number registered in divisionCode, with a real birth date and check digit. */
export function randomIdNumber(random: Random, divisionCode: string): string {
  const birth = new Date(Date.UTC(random.int(1955, 2003), 0, 1) + random.int(0, 364) * 86_400_000);
  const first17 = `${divisionCode}${isoDay(birth)}${randomChars(random, DIGITS, 3)}`;
  return first17 + idCardCheckChar(first17)!;
}

/** The same code with its check character replaced by a wrong one, or one character short. */
export function malformUscc(random: Random, code: string): string {
  if (random.chance(0.3)) return code.slice(0, 17);
  const wrong = USCC_CHARSET.replace(code.charAt(17), '');
  return code.slice(0, 17) + wrong.charAt(random.int(0, wrong.length - 1));
}
