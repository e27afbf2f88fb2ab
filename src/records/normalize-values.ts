/**
 * Pure normalizations of values as departmental systems write them. None of them repairs
 * a value: what cannot be read is returned unchanged so the validator reports it.
 */
export { isCalendarDate, toIsoDate, excelSerialToIsoDate, chineseNumeralDate } from './normalize-dates.js';
export { toYuan, capitalAmountToYuan, type AmountUnit } from './normalize-amounts.js';

const OPENING_BRACKETS = '[(（〔【﹝［';
const CLOSING_BRACKETS = '])）〕】﹞］';
const YEAR_AND_SERIAL = new RegExp(`[${escapeForClass(OPENING_BRACKETS)}](\\d{4})[${escapeForClass(CLOSING_BRACKETS)}](第?)0*(\\d+)(?:号|$)`, 'u');

function escapeForClass(characters: string): string {
  return characters.replace(/[\]\\^-]/g, '\\$&');
}

/**
 * Canonical form of a document number (文号) per GB/T 9704-2012: no whitespace, the
 * year in 〔〕, the serial without leading zeros and ending in 号.
 * `绍越市监罚[2021]045号` and `绍越市监罚（2021）45` both become `绍越市监罚〔2021〕45号`.
 */
export function normalizeDecisionNumber(raw: string): string {
  // NFKC folds full-width digits and brackets (（ → (, ［ → [, ﹝ → 〔) before matching.
  const compact = raw.normalize('NFKC').replace(/\s+/gu, '');
  return compact.replace(YEAR_AND_SERIAL, (_match, year: string, ordinal: string, serial: string) => `〔${year}〕${ordinal}${serial}号`);
}

/**
 * ISO 8601 with +08:00 from a China-time `YYYY-MM-DD HH:mm:ss` (or `T`-separated,
 * fractional seconds allowed). A value that already carries an offset or Z is kept.
 */
export function chinaTimeToIso(raw: string): string {
  const trimmed = raw.trim();
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/u.exec(trimmed);
  if (!match) return trimmed;
  const time = match[2]!.length === 5 ? `${match[2]}:00` : match[2]!;
  return `${match[1]}T${time}${match[3] ?? '+08:00'}`;
}

/**
 * Yuan, rounded to the cent, from an amount in 万元 written as a number or a numeric
 * string (commas allowed). Anything else comes back unchanged for the validator to reject.
 */
export function wanYuanToYuan(raw: number | string): number | string {
  const numeric = typeof raw === 'number' ? raw : Number(raw.trim().replace(/[,，]/gu, ''));
  if (typeof raw === 'string' && raw.trim() === '') return raw;
  if (!Number.isFinite(numeric)) return raw;
  // Scale in integer cents (1 万元 = 1,000,000 分) so binary fractions do not leak in.
  return Math.round(numeric * 1_000_000) / 100;
}
