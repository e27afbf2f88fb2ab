/**
 * Pure normalizations of values as departmental systems write them. None of them repairs
 * a value: what cannot be read is returned unchanged so the validator reports it.
 */

const OPENING_BRACKETS = '[(（〔【﹝［';
const CLOSING_BRACKETS = '])）〕】﹞］';
const YEAR_AND_SERIAL = new RegExp(
  `[${escapeForClass(OPENING_BRACKETS)}](\\d{4})[${escapeForClass(CLOSING_BRACKETS)}](第?)0*(\\d+)(?:号|$)`,
  'u',
);

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

const DATE_PATTERNS: readonly RegExp[] = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/u,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/u,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/u,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/u,
  /^(\d{4})(\d{2})(\d{2})$/u,
];

/**
 * `YYYY-MM-DD` from the ways sources write a date (2024-3-5, 2024年3月5日, 2024/3/5,
 * 2024.03.05, 20240305). Impossible dates keep their digits (2024-02-30 stays so);
 * an unrecognized value comes back trimmed but otherwise unchanged.
 */
export function toIsoDate(raw: string): string {
  const trimmed = raw.trim();
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(trimmed);
    if (match) return `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  }
  return trimmed;
}

/** Whether `YYYY-MM-DD` names a day that exists on the calendar. */
export function isCalendarDate(isoDate: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && date.getUTCFullYear() === year && date.getUTCDate() === day && date.getUTCMonth() === month - 1;
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
