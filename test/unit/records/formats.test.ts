import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_CHARSET, idCardCheckChar, isChineseIdCard, isPlausibleBirthDate, isUscc, recordFormats, usccCheckChar } from '../../../src/records/formats.js';

// Published codes: GB 32100-2015's worked example, then Huawei, Tencent and Alibaba.
const PUBLISHED_USCCS = ['91350100M000100Y43', '914403001922038216', '91440300708461136T', '91330100799655058B'];

const usccFirst17 = fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 17, maxLength: 17 }).map((chars) => chars.join(''));

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(PUBLISHED_USCCS)('accepts the published code %s', (code) => {
    expect(isUscc(code)).toBe(true);
  });

  it('computes the check character of the standard worked example', () => {
    // Weighted sum 1640, mod 31 = 28, 31 - 28 = 3.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('wraps a check value of 31 to 0', () => {
    // A weighted sum of 0 gives 31 - 0 = 31, which the standard maps to character 0.
    expect(usccCheckChar('00000000000000000')).toBe('0');
    expect(isUscc('000000000000000000')).toBe(true);
  });

  it('rejects the standard example with a wrong check character', () => {
    expect(isUscc('91350100M000100Y4Z')).toBe(false);
    expect(isUscc('91350100M000100Y44')).toBe(false);
  });

  it('rejects wrong lengths, lower case and characters outside the code set', () => {
    expect(isUscc('91350100M000100Y4')).toBe(false);
    expect(isUscc('91350100M000100Y433')).toBe(false);
    expect(isUscc('91350100m000100y43')).toBe(false);
    expect(isUscc('91350100I000100Y43')).toBe(false);
    expect(isUscc('')).toBe(false);
    expect(usccCheckChar('9135010OM000100Y4')).toBeUndefined();
  });

  it('accepts every code built with the computed check character', () => {
    fc.assert(
      fc.property(usccFirst17, (first17) => isUscc(first17 + usccCheckChar(first17)!)),
      { numRuns: 10_000 },
    );
  });

  it('rejects every single-character change of a valid code', () => {
    fc.assert(
      fc.property(usccFirst17, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...`${USCC_CHARSET}IOZSVa`), (first17, position, replacement) => {
        const code = first17 + usccCheckChar(first17)!;
        fc.pre(code.charAt(position) !== replacement);
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        return !isUscc(changed);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('resident identity number (GB 11643-1999)', () => {
  it('accepts the standard example with an X check character', () => {
    expect(isChineseIdCard('11010519491231002X')).toBe(true);
  });

  it('computes the check digit of the standard examples', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardCheckChar('44052418800101001')).toBe('4');
  });

  it('rejects a wrong check digit, a lower-case x and wrong lengths', () => {
    expect(isChineseIdCard('110105194912310021')).toBe(false);
    expect(isChineseIdCard('11010519491231002x')).toBe(false);
    expect(isChineseIdCard('11010519491231002')).toBe(false);
    expect(isChineseIdCard('110105491231002')).toBe(false);
  });

  it('rejects impossible, pre-1900 and future birth dates even with a matching check digit', () => {
    const withCheck = (first17: string) => first17 + idCardCheckChar(first17)!;
    expect(isChineseIdCard(withCheck('33060220230229001'))).toBe(false);
    expect(isChineseIdCard(withCheck('33060220240229001'))).toBe(true);
    expect(isChineseIdCard(withCheck('33060219991301001'))).toBe(false);
    expect(isChineseIdCard('440524188001010014')).toBe(false);
    expect(isChineseIdCard(withCheck('33060299990101001'))).toBe(false);
  });

  it('judges birth dates against the day given', () => {
    expect(isPlausibleBirthDate('20260101', new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(isPlausibleBirthDate('20260102', new Date('2026-01-01T00:00:00Z'))).toBe(false);
    expect(isPlausibleBirthDate('19000101')).toBe(true);
    expect(isPlausibleBirthDate('18991231')).toBe(false);
  });

  it('rejects every single-digit change of a valid number', () => {
    const first17 = fc
      .tuple(
        fc.constantFrom('330602', '330603', '330604', '330681', '330683', '330624'),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([division, birth, sequence]) => `${division}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`);
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789X'), (digits, position, replacement) => {
        const id = digits + idCardCheckChar(digits)!;
        if (!isChineseIdCard(id)) return false;
        fc.pre(id.charAt(position) !== replacement);
        return !isChineseIdCard(id.slice(0, position) + replacement + id.slice(position + 1));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('format map', () => {
  it('has the custom formats and ajv-formats date and date-time', () => {
    expect(recordFormats.uscc).toBe(isUscc);
    expect(recordFormats['cn-id-card']).toBe(isChineseIdCard);
    expect(recordFormats.date).toBeDefined();
    expect(recordFormats['date-time']).toBeDefined();
  });
});
