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
 * registration: 1 机构编制, 5 民政, 9 市场监管; category: 1 企业/机关, 2 个体工商户/事业单位/民办非企业单位.
 */
export function buildUscc(registration: '1' | '5' | '9', category: '1' | '2', divisionCode: string, orgCode: string): string {
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

/** GB/T 17710 (ISO 7064 MOD 11,10) check digit of a 14-digit 工商注册号 body. */
export function registrationCheckDigit(first14: string): string {
  let product = 10;
  for (const digit of first14) {
    const sum = (product % 11) + Number(digit);
    product = (sum % 10 === 0 ? 10 : sum % 10) * 2;
  }
  return String((11 - (product % 11)) % 10);
}

/** A 15-digit 工商注册号 (pre-2015 business registration number) with a valid check digit. */
export function isRegistrationNumber(text: string): boolean {
  return /^\d{15}$/.test(text) && registrationCheckDigit(text.slice(0, 14)) === text.charAt(14);
}

/** A pre-2015 business registration number issued in `divisionCode` (内资: sequence starting 0). */
export function randomRegistrationNumber(random: Random, divisionCode: string): string {
  const first14 = `${divisionCode}0${randomChars(random, DIGITS, 7)}`;
  return first14 + registrationCheckDigit(first14);
}

/** The organization code a USCC embeds, written as certificates wrote it: XXXXXXXX-X. */
export function organizationCodeOf(uscc: string): string {
  return `${uscc.slice(8, 16)}-${uscc.charAt(16)}`;
}

/** An organization code of 8 random characters after a fixed lead ("MJ" 民政, "MA" 市场监管, "" numeric). */
export function orgCodeWithLead(random: Random, lead: string): string {
  const first8 = lead + (lead === '' ? randomChars(random, DIGITS, 8) : randomChars(random, USCC_CHARSET, 8 - lead.length));
  return first8 + orgCodeCheckChar(first8);
}

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Passport numbers in the shapes Shaoxing's foreign traders carry (two letters + 7 digits, or one letter + 7–8). */
export function randomPassportNumber(random: Random): string {
  return random.chance(0.5)
    ? randomChars(random, LETTERS, 2) + randomChars(random, DIGITS, 7)
    : randomChars(random, LETTERS, 1) + randomChars(random, DIGITS, random.pick([7, 8]));
}

/** 港澳居民来往内地通行证: H (Hong Kong) or M (Macao) + 8 digits. */
export function randomHkMacaoPermit(random: Random): string {
  return random.pick(['H', 'H', 'H', 'M']) + randomChars(random, DIGITS, 8);
}

/** 台湾居民来往大陆通行证 (the five-year card): 8 digits. */
export function randomTaiwanPermit(random: Random): string {
  return randomChars(random, DIGITS, 8);
}

/** 事业单位法人证书号: 1 + the registering division + 5 digits. */
export function randomInstitutionCertificate(random: Random, divisionCode: string): string {
  return `1${divisionCode}${randomChars(random, DIGITS, 5)}`;
}
