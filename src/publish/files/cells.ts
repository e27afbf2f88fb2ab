/**
 * One value of a row as text, the way every release file spells it: amounts as exact decimals,
 * numbers without exponents, enum codes or their Chinese labels. A value that does not fit its
 * column is an error naming the dataset, file and field, never a silently changed cell.
 */
import type { ReleaseColumn } from '../release-columns.js';

/** Where a value is being written, for error messages. */
export interface CellSite {
  readonly dataset: string;
  readonly file: string;
}

/** Items of a string list in one CSV cell, the way Chinese tables list them. */
export const LIST_DELIMITER = '；';

export class ReleaseValueError extends Error {
  constructor(site: CellSite, column: ReleaseColumn, problem: string) {
    super(`dataset ${site.dataset}, file ${site.file}, field ${column.field}: ${problem}`);
    this.name = 'ReleaseValueError';
  }
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** DECIMAL(18,2): at most sixteen digits before the point and two after. */
const DECIMAL_TEXT = /^(-?)(\d{1,16})(?:\.(\d{1,2}))?$/;

/** A YYYY-MM-DD day that exists on the calendar (2025-02-30 does not). */
function isCalendarDay(text: string): boolean {
  if (!DATE.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/** A number in plain positional notation (String(1e-7) is "1e-7"; this gives "0.0000001"). */
export function plainNumber(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, rest = '', exp] = match;
  const digits = `${lead}${rest}`;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** An amount in 元 as exact text with two decimals: 1234.5 → "1234.50", never float noise. */
export function decimalText(value: unknown, fail: (problem: string) => never): string {
  // A number is taken at its shortest round-trip spelling (what JSON carried), never rounded:
  // float noise such as 0.30000000000000004 is an error, not a silently changed amount.
  const spelled =
    typeof value === 'number'
      ? Number.isFinite(value)
        ? plainNumber(value)
        : undefined
      : typeof value === 'string' || typeof value === 'bigint'
        ? String(value)
        : undefined;
  if (spelled === undefined) return fail(`${String(value)} is not an amount`);
  const match = DECIMAL_TEXT.exec(spelled);
  if (!match) return fail(`${spelled} is not an amount with at most two decimals and sixteen digits`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const cents = BigInt(`${sign}${whole}${fraction.padEnd(2, '0')}`);
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  const digits = magnitude.toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** The text of one value in codes, or undefined when the row has none. `numeric` cells are real numbers. */
export interface CellText {
  readonly text: string;
  readonly numeric: boolean;
}

/** Turns one column's values into text; `labelled` swaps enum codes for their Chinese labels. */
export function cellEncoder(site: CellSite, column: ReleaseColumn, labelled: boolean): (value: unknown) => CellText | undefined {
  const fail = (problem: string): never => {
    throw new ReleaseValueError(site, column, problem);
  };
  const labels = labelled ? column.labels : undefined;
  const label = (code: string): string => {
    if (!labels) return code;
    const text = labels[code];
    return text ?? fail(`no Chinese label for code "${code}"`);
  };
  const text = (value: unknown): string => (typeof value === 'string' ? value : fail(`${JSON.stringify(value)} is not text`));
  const encode = (value: unknown): CellText => {
    switch (column.type) {
      case 'string':
        return { text: label(text(value)), numeric: false };
      case 'integer':
        if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value))) return { text: String(value), numeric: true };
        return fail(`${JSON.stringify(value)} is not an integer`);
      case 'number':
        if (typeof value === 'number' && Number.isFinite(value)) return { text: plainNumber(value), numeric: true };
        return fail(`${JSON.stringify(value)} is not a number`);
      case 'decimal':
        return { text: decimalText(value, fail), numeric: true };
      case 'boolean':
        if (typeof value !== 'boolean') return fail(`${JSON.stringify(value)} is not true or false`);
        return { text: labelled ? (value ? '是' : '否') : String(value), numeric: false };
      case 'date':
        return isCalendarDay(text(value)) ? { text: value as string, numeric: false } : fail(`"${String(value)}" is not a date (YYYY-MM-DD)`);
      case 'date-time':
        return DATE_TIME.test(text(value)) && isCalendarDay((value as string).slice(0, 10)) && !Number.isNaN(Date.parse(value as string))
          ? { text: value as string, numeric: false }
          : fail(`"${String(value)}" is not an ISO 8601 date-time with an offset`);
      case 'string-list': {
        if (!Array.isArray(value)) return fail(`${JSON.stringify(value)} is not a list`);
        const items = value.map((item) => label(text(item)));
        if (items.some((item) => item.includes(LIST_DELIMITER))) fail(`an item contains the list delimiter ${LIST_DELIMITER}`);
        return { text: items.join(LIST_DELIMITER), numeric: false };
      }
      case 'object':
        return { text: JSON.stringify(value), numeric: false };
    }
  };
  return (value) => (value === undefined || value === null ? undefined : encode(value));
}
