import { describe, expect, it } from 'vitest';
import { msUntilChinaTime } from '../../../src/local/runtime/china-time.js';

const MINUTE = 60_000;

describe('time until a China wall-clock time', () => {
  it('counts to the same China day when the time is still ahead', () => {
    // 2026-11-30T16:00Z is 12-01 00:00 in Shanghai.
    expect(msUntilChinaTime('00:05', new Date('2026-11-30T16:00:00Z'))).toBe(5 * MINUTE);
  });

  it('counts to the next China day when the time has passed or is now', () => {
    expect(msUntilChinaTime('00:05', new Date('2026-11-30T16:05:00Z'))).toBe(24 * 60 * MINUTE);
    // 08:00 UTC is 16:00 in Shanghai: 8 h 5 min to 00:05.
    expect(msUntilChinaTime('00:05', new Date('2026-12-01T08:00:00Z'))).toBe((8 * 60 + 5) * MINUTE);
  });

  it('refuses a time that is no HH:MM', () => {
    expect(() => msUntilChinaTime('24:00', new Date())).toThrow(/not a time of day/);
  });
});
