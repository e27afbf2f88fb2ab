import { CHINESE_DIGIT_CHARS, digitsToNumber, smallNumber } from './chinese-numerals.js';

/**
 * Dates as departmental systems write them, to `YYYY-MM-DD`. None of these repairs a
 * value: impossible dates keep their digits (2024-02-30 stays so) and what cannot be
 * read comes back trimmed but otherwise unchanged, for the validator to report.
 */

const pad = (n: number | string): string => String(n).padStart(2, '0');

const NUMERIC_PATTERNS: readonly RegExp[] = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/u,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/u,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/u,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/u,
  /^(\d{4})(\d{2})(\d{2})$/u,
  // A database datetime at local midnight (no offset, so no day can shift).
  /^(\d{4})-(\d{1,2})-(\d{1,2})[ T]00:00(?::00(?:\.0+)?)?$/u,
];

const CHINESE_DATE = new RegExp(`^([${CHINESE_DIGIT_CHARS}]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十廿卅]{1,4})日$`, 'u');

/** Excel's 1900 date system counts 1900-02-29, which never existed: from serial 61 on, day 0 is 1899-12-30. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_FIRST_SERIAL = 61;
/** 9999-12-31, the last day Excel represents. */
const EXCEL_LAST_SERIAL = 2_958_465;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an Excel serial day number (fractions are a time of day and dropped), or undefined outside 1900-03-01..9999-12-31. */
export function excelSerialToIsoDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < EXCEL_FIRST_SERIAL || serial >= EXCEL_LAST_SERIAL + 1) return undefined;
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** 二〇二一年二月四日 → 2021-02-04; undefined when the text is not such a date. */
export function chineseNumeralDate(text: string): string | undefined {
  const match = CHINESE_DATE.exec(text);
  if (!match) return undefined;
  const year = digitsToNumber(match[1]!);
  const month = smallNumber(match[2]!);
  const day = smallNumber(match[3]!);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * `YYYY-MM-DD` from 2024-3-5, 2024年3月5日, 二〇二四年三月五日, 2024/3/5, 2024.03.05,
 * 20240305, 2024-03-05 00:00:00, and Excel serial day numbers (45356, as a number or as
 * a five-digit text, which is how XLSX cells and CSV exports of them arrive).
 */
export function toIsoDate(raw: string | number): string {
  if (typeof raw === 'number') return excelSerialToIsoDate(raw) ?? String(raw);
  // NFKC folds full-width digits and punctuation (２０２４／３／５).
  const folded = raw.normalize('NFKC').trim();
  for (const pattern of NUMERIC_PATTERNS) {
    const match = pattern.exec(folded);
    if (match) return `${match[1]}-${pad(match[2]!)}-${pad(match[3]!)}`;
  }
  const serial = /^\d{5}(?:\.\d+)?$/u.test(folded) ? excelSerialToIsoDate(Number(folded)) : undefined;
  return serial ?? chineseNumeralDate(folded.replace(/\s+/gu, '')) ?? raw.trim();
}

/** Whether `YYYY-MM-DD` names a day that exists on the calendar. */
export function isCalendarDate(isoDate: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && date.getUTCFullYear() === year && date.getUTCDate() === day && date.getUTCMonth() === month - 1;
}
