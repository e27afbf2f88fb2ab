import { chinaTimeToIso, normalizeDecisionNumber, toIsoDate, toYuan, type AmountUnit } from '../records/normalize-values.js';

/**
 * Value converters a field map names. Each receives a present, non-blank value and
 * returns its canonical form, or the value unchanged when it cannot read it (the
 * validator then reports the field).
 */
export const CONVERTER_NAMES = ['text', 'upper', 'date', 'china-time', 'document-number', 'yuan', 'integer', 'number', 'boolean', 'list', 'raw'] as const;
export type ConverterName = (typeof CONVERTER_NAMES)[number];

export interface ConverterOptions {
  readonly unit?: AmountUnit;
  /** Characters that separate list items in one text value. */
  readonly separators?: string;
}

const DEFAULT_SEPARATORS = ',，、;；';
const TRUE_WORDS = new Set(['是', 'Y', 'y', 'yes', 'true', '1', '√']);
const FALSE_WORDS = new Set(['否', 'N', 'n', 'no', 'false', '0', '×']);

/** Trimmed text; blank or missing → undefined; numbers as text; anything else passed on. */
export function cleanText(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function onText(value: unknown, convert: (text: string) => unknown): unknown {
  const text = cleanText(value);
  return typeof text === 'string' ? convert(text) : text;
}

function numeric(value: unknown, integer: boolean): unknown {
  if (typeof value === 'number') return value;
  return onText(value, (text) => {
    const n = Number(text.normalize('NFKC').replace(/[,，]/gu, ''));
    return Number.isFinite(n) && (!integer || Number.isInteger(n)) ? n : text;
  });
}

function escapeForClass(characters: string): string {
  return characters.replace(/[\]\\^-]/g, '\\$&');
}

export function convert(name: ConverterName, value: unknown, options: ConverterOptions = {}): unknown {
  switch (name) {
    case 'raw':
      return value === null ? undefined : value;
    case 'text':
      return cleanText(value);
    case 'upper':
      return onText(value, (text) => text.toUpperCase());
    case 'date':
      return typeof value === 'number' ? toIsoDate(value) : onText(value, toIsoDate);
    case 'china-time':
      // A day alone (a spreadsheet's date column) is the start of that day in China.
      return onText(value, (text) => (/^\d{4}-\d{2}-\d{2}$/u.test(text) ? `${text}T00:00:00+08:00` : chinaTimeToIso(text)));
    case 'document-number':
      return onText(value, normalizeDecisionNumber);
    case 'yuan':
      return typeof value === 'number' ? toYuan(value, options.unit) : onText(value, (text) => toYuan(text, options.unit));
    case 'integer':
      return numeric(value, true);
    case 'number':
      return numeric(value, false);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      return onText(value, (text) => (TRUE_WORDS.has(text) ? true : FALSE_WORDS.has(text) ? false : text));
    case 'list': {
      if (Array.isArray(value)) return value.map(cleanText).filter((item) => item !== undefined);
      const separators = new RegExp(`[${escapeForClass(options.separators ?? DEFAULT_SEPARATORS)}]`, 'u');
      return onText(value, (text) =>
        text
          .split(separators)
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      );
    }
  }
}
