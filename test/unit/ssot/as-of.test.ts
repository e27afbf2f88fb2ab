import { describe, expect, it } from 'vitest';
import { parseAsOf } from '../../../src/ssot/as-of.js';

describe('as-of moments', () => {
  it('reads a date as the end of that day in China time, in any written form', () => {
    const endOfDay = new Date('2025-03-01T15:59:59.999Z');
    expect(parseAsOf('2025-03-01')).toEqual(endOfDay);
    expect(parseAsOf('2025年3月1日')).toEqual(endOfDay);
    expect(parseAsOf('二〇二五年三月一日')).toEqual(endOfDay);
  });

  it('takes an ISO date-time with a zone as written, and refuses one without', () => {
    expect(parseAsOf('2025-03-01T09:30:00+08:00')).toEqual(new Date('2025-03-01T01:30:00Z'));
    expect(() => parseAsOf('2025-03-01 09:30')).toThrow(/neither a date .* nor an ISO date-time with a time zone/);
    expect(() => parseAsOf('2025-02-30')).toThrow(/as-of "2025-02-30"/);
  });
});
