import { unitNumber } from './chinese-numerals.js';

/**
 * Amounts of money to yuan, rounded to the cent. Sources write 12.5万元, 3,000元,
 * ￥3000.50, 人民币壹万贰仟元整, or bare numbers in a unit their column implies.
 * What cannot be read comes back unchanged, for the validator to reject.
 */

export type AmountUnit = 'yuan' | 'wan-yuan';

const UNIT_SCALE: Readonly<Record<AmountUnit, number>> = { yuan: 1, 'wan-yuan': 10_000 };
const CURRENCY_PREFIX = /^(?:人民币|RMB|CNY|¥|￥)\s*/iu;
const UNIT_SUFFIX = /(亿元|万元|元|圆)(?:整|正)?$/u;

const SCALE_DIGITS: Readonly<Record<number, number>> = { 1: 0, 10_000: 4, 100_000_000: 8 };

/**
 * A decimal text times 10^shift, moved in the text so binary fractions never leak in
 * (1.15 万元 is 11500 元, not 11499.999…). Nothing is rounded: a fraction of a cent stays
 * for the validator to reject.
 */
function shiftDecimal(text: string, shift: number): number {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const digits = `${whole}${fraction.padEnd(shift, '0')}`;
  const point = whole.length + shift;
  const shifted = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/^0+(?=\d)/u, '');
  return Number(`${negative ? '-' : ''}${shifted}`);
}

function scaled(value: number | string, scale: number): number {
  const text = typeof value === 'number' ? String(value) : value;
  // Numbers JavaScript prints in exponent form are far beyond any amount; scale them as numbers.
  return /^-?\d+(?:\.\d+)?$/u.test(text) ? shiftDecimal(text, SCALE_DIGITS[scale] ?? 0) : Number(value) * scale;
}

/** 壹万贰仟叁佰肆拾伍元陆角柒分 → 12345.67; undefined when not a capital-numeral amount. */
export function capitalAmountToYuan(text: string): number | undefined {
  const match = /^(.*?)(?:[元圆](?:(.)角)?(?:(.)分)?)?(?:整|正)?$/u.exec(text);
  if (!match) return undefined;
  const yuan = match[1] === '' ? 0 : unitNumber(match[1]!);
  const jiao = match[2] === undefined ? 0 : unitNumber(match[2]);
  const fen = match[3] === undefined ? 0 : unitNumber(match[3]);
  if (yuan === undefined || jiao === undefined || fen === undefined || text === '') return undefined;
  return (yuan * 100 + jiao * 10 + fen) / 100;
}

/**
 * Yuan from an amount. A number, or a text without a unit, is read in `unit` (the
 * column's unit); a text's own 元/万元/亿元 wins over it.
 */
export function toYuan(raw: number | string, unit: AmountUnit = 'yuan'): number | string {
  if (typeof raw === 'number') return Number.isFinite(raw) ? scaled(raw, UNIT_SCALE[unit]) : raw;
  const text = raw
    .normalize('NFKC')
    .trim()
    .replace(CURRENCY_PREFIX, '')
    .replace(/[,，\s]/gu, '');
  if (text === '') return raw;
  const suffix = UNIT_SUFFIX.exec(text);
  const scale = suffix ? { 亿元: 100_000_000, 万元: 10_000, 元: 1, 圆: 1 }[suffix[1] as '亿元' | '万元' | '元' | '圆'] : UNIT_SCALE[unit];
  const number = suffix ? text.slice(0, suffix.index) : text;
  if (/^-?\d+(?:\.\d+)?$/u.test(number)) return scaled(number, scale);
  // Capital numerals are read in yuan only: in a 万元 column, 五千 could mean either.
  const capital = (suffix ? scale === 1 : unit === 'yuan') ? capitalAmountToYuan(text) : undefined;
  return capital ?? raw;
}
