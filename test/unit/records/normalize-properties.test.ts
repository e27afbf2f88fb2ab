import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDocumentNumber, isUscc, isUsccChecksumValid } from '../../../src/records/formats.js';
import { legacyCreditCodes } from '../../../src/records/legacy-credit-codes.js';
import { capitalAmountToYuan, isCalendarDate, normalizeDecisionNumber, toIsoDate, toYuan } from '../../../src/records/normalize-values.js';

const RUNS = { numRuns: 10_000 };
const DIGITS = '〇一二三四五六七八九';
const CAPITALS = '零壹贰叁肆伍陆柒捌玖';
const DAY_MS = 86_400_000;

/** 12 → 十二, 21 → 二十一, 5 → 五: how documents write months and days. */
const chineseSmall = (n: number): string => (n < 10 ? DIGITS[n]! : `${n >= 20 ? DIGITS[Math.floor(n / 10)] : ''}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`);

/** A reference writer of capital amounts (壹万零伍佰元), independent of the parser under test. */
function capitalYuan(yuan: number): string {
  if (yuan === 0) return '零元';
  const sections = [Math.floor(yuan / 10_000), yuan % 10_000];
  let text = '';
  let pendingZero = false;
  sections.forEach((section, s) => {
    const digits = String(section).padStart(4, '0');
    for (let i = 0; i < 4; i++) {
      const d = Number(digits[i]);
      if (d === 0) {
        pendingZero ||= text !== '';
        continue;
      }
      if (pendingZero) text += '零';
      pendingZero = false;
      text += CAPITALS[d]! + ['仟', '佰', '拾', ''][i]!;
    }
    if (s === 0 && section > 0) text += '万';
  });
  return `${text}元`;
}

const days = fc.integer({ min: Date.UTC(1900, 2, 1) / DAY_MS, max: Date.UTC(2099, 11, 31) / DAY_MS }).map((day) => new Date(day * DAY_MS));

describe('the date parser (property-based)', () => {
  const written: Array<(d: Date) => string | number> = [
    (d) => `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()}`,
    (d) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`,
    (d) => `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`,
    (d) => `${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${String(d.getUTCDate()).padStart(2, '0')}`,
    (d) => d.toISOString().slice(0, 10).replaceAll('-', ''),
    (d) => `${d.toISOString().slice(0, 10)} 00:00:00`,
    (d) => `${[...String(d.getUTCFullYear())].map((c) => DIGITS[Number(c)]).join('')}年${chineseSmall(d.getUTCMonth() + 1)}月${chineseSmall(d.getUTCDate())}日`,
    (d) => (d.getTime() - Date.UTC(1899, 11, 30)) / DAY_MS,
    // As text, only five-digit serials are read (from 1927-05-18): shorter digit runs are too ambiguous.
    (d) => `${Math.max(10_000, (d.getTime() - Date.UTC(1899, 11, 30)) / DAY_MS) + 0.25}`,
    (d) =>
      d
        .toISOString()
        .slice(0, 10)
        .replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c))),
  ];

  it('reads every way of writing a date back to the same ISO date', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: written.length - 1 }), (day, form) => {
        const serial = (day.getTime() - Date.UTC(1899, 11, 30)) / DAY_MS;
        fc.pre(form !== 8 || serial >= 10_000);
        expect(toIsoDate(written[form]!(day))).toBe(day.toISOString().slice(0, 10));
      }),
      RUNS,
    );
  });

  it('never invents a date: it returns a calendar-shaped date or the input, trimmed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 16 }), (raw) => {
        const out = toIsoDate(raw);
        expect(out === raw.trim() || /^\d{4}-\d{2}-\d{2}$/.test(out)).toBe(true);
      }),
      RUNS,
    );
  });

  it('keeps impossible dates impossible, in every notation', () => {
    const impossible = fc.constantFrom([2, 30], [2, 31], [4, 31], [6, 31], [9, 31], [11, 31], [13, 1], [0, 5]);
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 2099 }), impossible, (year, [month, day]) => {
        expect(isCalendarDate(toIsoDate(`${year}年${month}月${day}日`))).toBe(false);
        expect(isCalendarDate(toIsoDate(`${year}-${month}-${day}`))).toBe(false);
        expect(isCalendarDate(toIsoDate(`${year}/${month}/${day}`))).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('amounts (property-based)', () => {
  const cents = fc.integer({ min: 0, max: 99_999_999_999 });
  const yuanText = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
  const withCommas = (text: string) => text.replace(/^(\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));

  it('reads yuan with and without currency, commas and unit to the exact cent', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom('', '元', '元整'), fc.constantFrom('', '¥', '￥', '人民币'), fc.boolean(), (c, unit, currency, commas) => {
        const text = `${currency}${commas ? withCommas(yuanText(c)) : yuanText(c)}${unit}`;
        expect(toYuan(text)).toBe(c / 100);
      }),
      RUNS,
    );
  });

  it('reads 万元, as text or in a 万元 column, to the exact cent', () => {
    fc.assert(
      fc.property(cents, (c) => {
        const wan = `${Math.floor(c / 1_000_000)}.${String(c % 1_000_000).padStart(6, '0')}`;
        expect(toYuan(`${wan}万元`)).toBe(c / 100);
        expect(toYuan(wan, 'wan-yuan')).toBe(c / 100);
      }),
      RUNS,
    );
  });

  it('reads capital numerals (大写金额) as a reference writer writes them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 99 }), (yuan, fraction) => {
        const jiao = Math.floor(fraction / 10);
        const fen = fraction % 10;
        const tail = fraction === 0 ? '整' : `${jiao > 0 ? `${CAPITALS[jiao]}角` : ''}${fen > 0 ? `${CAPITALS[fen]}分` : ''}`;
        expect(capitalAmountToYuan(`${capitalYuan(yuan)}${tail}`)).toBe((yuan * 100 + fraction) / 100);
      }),
      RUNS,
    );
  });

  it('leaves what is not an amount unchanged', () => {
    expect(toYuan('约三千')).toBe('约三千');
    expect(toYuan('')).toBe('');
    expect(toYuan('1.005')).toBe(1.005);
  });
});

describe('document numbers (GB/T 9704-2012, property-based)', () => {
  const issuers = fc.constantFrom('绍政发', '绍政办发', '绍市监罚', '越政发', '柯政办', '浙政发');
  const brackets = fc.constantFrom(['〔', '〕'], ['[', ']'], ['(', ')'], ['（', '）'], ['【', '】'], ['［', '］'], ['﹝', '﹞']);

  it('normalizes every bracket and zero-padding to one canonical form, idempotently', () => {
    fc.assert(
      fc.property(
        issuers,
        fc.integer({ min: 1990, max: 2099 }),
        fc.integer({ min: 1, max: 9999 }),
        brackets,
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        (issuer, year, serial, [open, close], zeros, hao) => {
          const raw = `${issuer}${open}${year}${close}${'0'.repeat(zeros)}${serial}${hao ? '号' : ''}`;
          const canonical = `${issuer}〔${year}〕${serial}号`;
          expect(normalizeDecisionNumber(raw)).toBe(canonical);
          expect(normalizeDecisionNumber(canonical)).toBe(canonical);
          expect(isDocumentNumber(canonical)).toBe(true);
          expect(isDocumentNumber(raw)).toBe(raw === canonical);
        },
      ),
      RUNS,
    );
  });
});

describe('legacy credit codes', () => {
  it('accepts allow-listed codes that fail the GB 32100-2015 check, and nothing else that fails it', () => {
    for (const code of legacyCreditCodes()) {
      expect(isUsccChecksumValid(code)).toBe(false);
      expect(isUscc(code)).toBe(true);
    }
    expect(isUscc('913306007046958831')).toBe(false);
  });
});
