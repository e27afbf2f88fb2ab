import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactText } from '../../../src/disclosure/redact-text.js';
import { idNumber } from './fixtures.js';

/** Chinese text around the planted number: Han characters and Chinese punctuation, no digits. */
const chineseText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCodePoint(code)),
      fc.constantFrom('，', '。', '：', '（', '）', ' '),
    ),
    {
      maxLength: 30,
    },
  )
  .map((chars) => chars.join(''));

const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

const validIdNumber = fc
  .tuple(
    fc.integer({ min: 110000, max: 659999 }),
    fc.date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
    digits(3),
  )
  .map(([area, birth, sequence]) => idNumber(String(area), birth.toISOString().slice(0, 10).replace(/-/g, ''), sequence));

const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]) => `1${second}${rest}`);

describe('redaction of generated numbers in random Chinese text', () => {
  it('leaves no valid 18-digit identity number in the output', () => {
    fc.assert(
      fc.property(chineseText, validIdNumber, chineseText, (before, id, after) => {
        const out = redactText(`${before}${id}${after}`);
        expect(out).not.toContain(id);
        expect(redactText(out)).toBe(out);
      }),
    );
  });

  it('leaves no 11-digit mobile number in the output', () => {
    fc.assert(
      fc.property(chineseText, mobile, chineseText, (before, number, after) => {
        const out = redactText(`${before}${number}${after}`);
        expect(out).not.toContain(number);
        expect(redactText(out)).toBe(out);
      }),
    );
  });
});
