/**
 * Chinese numerals as documents write them: digit by digit for years (二〇二一), with 十
 * for months and days (十二, 二十一, 廿一), and financial capitals for amounts (壹万贰仟).
 */

const DIGITS: Readonly<Record<string, number>> = Object.fromEntries(
  [
    ['〇○零ＯO', 0],
    ['一壹', 1],
    ['二两贰貳', 2],
    ['三叁參', 3],
    ['四肆', 4],
    ['五伍', 5],
    ['六陆陸', 6],
    ['七柒', 7],
    ['八捌', 8],
    ['九玖', 9],
  ].flatMap(([chars, digit]) => [...(chars as string)].map((char) => [char, digit as number])),
);

export const CHINESE_DIGIT_CHARS = Object.keys(DIGITS).join('');

/** 二〇二一 → 2021: each character one digit. Undefined if any character is not a digit. */
export function digitsToNumber(text: string): number | undefined {
  if (text === '') return undefined;
  let value = 0;
  for (const char of text) {
    const digit = DIGITS[char];
    if (digit === undefined) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

/** 1..99 in 十 notation: 五, 十, 十二, 二十, 二十一, 廿一, 卅. Undefined otherwise. */
export function smallNumber(text: string): number | undefined {
  const normalized = text.replace(/^廿/u, '二十').replace(/^卅/u, '三十').replace(/拾/gu, '十');
  const match = /^([^十]?)(十?)([^十]?)$/u.exec(normalized);
  if (!match || normalized === '') return undefined;
  const [, tensText, ten, onesText] = match;
  if (ten === '') return tensText === '' || onesText !== '' ? undefined : nonZeroDigit(tensText!);
  const tens = tensText === '' ? 1 : nonZeroDigit(tensText!);
  const ones = onesText === '' ? 0 : nonZeroDigit(onesText!);
  return tens === undefined || ones === undefined ? undefined : tens * 10 + ones;
}

function nonZeroDigit(char: string): number | undefined {
  const digit = DIGITS[char];
  return digit === undefined || digit === 0 ? undefined : digit;
}

const SMALL_UNITS: Readonly<Record<string, number>> = { 拾: 10, 十: 10, 佰: 100, 百: 100, 仟: 1000, 千: 1000 };
const LARGE_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000, 億: 100_000_000 };

/**
 * An integer written with units (壹万贰仟叁佰肆拾伍, 一百零五, 拾元 → 10). Undefined when the
 * text is not such a numeral. Amounts beyond 亿 units are not needed by any record type.
 */
export function unitNumber(text: string): number | undefined {
  if (text === '') return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const char of text) {
    if (DIGITS[char] !== undefined) {
      digit = DIGITS[char];
      continue;
    }
    const small = SMALL_UNITS[char];
    if (small !== undefined) {
      section += (digit ?? 1) * small;
      digit = undefined;
      continue;
    }
    const large = LARGE_UNITS[char];
    if (large === undefined) return undefined;
    total = (total + section + (digit ?? 0)) * large;
    section = 0;
    digit = undefined;
  }
  return total + section + (digit ?? 0);
}
