import { describe, expect, it } from 'vitest';
import { chinaDate } from '../../../src/calendar/index.js';
import { addMonthsClamped, publicityOf } from '../../../src/disclosure/publicity.js';
import type { DisclosureRules } from '../../../src/generated/dataset.types.js';

const rules: DisclosureRules = {
  periods: [{ decisionKind: 'penalty', months: 36, rule: '最长公示期三年', source: '国家发展和改革委员会令2023年第58号' }],
};
const decided = { decisionDate: '2025-03-05', publicityEndDate: '2026-03-05', status: 'in-force' };

describe('publicityOf', () => {
  it('publishes a decision in force until its 公示截止期', () => {
    expect(publicityOf(decided, '2025-06-01', rules)).toEqual({ published: true, until: '2026-03-05' });
  });

  it('publishes on the decision date and on the last day, and not the day after', () => {
    expect(publicityOf(decided, '2025-03-05', rules).published).toBe(true);
    expect(publicityOf(decided, '2026-03-05', rules).published).toBe(true);
    expect(publicityOf(decided, '2026-03-06', rules)).toEqual({ published: false, reason: 'expired', until: '2026-03-05' });
  });

  it('withholds a decision dated after today', () => {
    expect(publicityOf(decided, '2025-03-04', rules)).toEqual({ published: false, reason: 'not-yet-decided' });
  });

  it('withdraws a revoked decision at once, inside its period', () => {
    expect(publicityOf({ ...decided, status: 'revoked' }, '2025-06-01', rules)).toEqual({ published: false, reason: 'revoked' });
  });

  it('keeps a decision under objection by default and suspends it when configured', () => {
    const objected = { ...decided, status: 'objection' };
    expect(publicityOf(objected, '2025-06-01', rules).published).toBe(true);
    expect(publicityOf(objected, '2025-06-01', { ...rules, objection: 'keep' }).published).toBe(true);
    expect(publicityOf(objected, '2025-06-01', { ...rules, objection: 'suspend' })).toEqual({ published: false, reason: 'objection-suspended' });
  });

  it('keeps 其他 and a changed decision like one in force', () => {
    expect(publicityOf({ ...decided, status: 'other' }, '2025-06-01', rules).published).toBe(true);
    expect(publicityOf({ ...decided, status: 'changed' }, '2025-06-01', rules).published).toBe(true);
  });

  it('applies the configured period of its kind when the source sends no end date', () => {
    const open = { decisionDate: '2025-03-05', status: 'in-force' };
    expect(publicityOf(open, '2028-03-05', rules)).toEqual({ published: true, until: '2028-03-05' });
    expect(publicityOf(open, '2028-03-06', rules)).toEqual({ published: false, reason: 'expired', until: '2028-03-05' });
    // A licence has no configured period here: it stays public.
    expect(publicityOf({ ...open, decisionKind: 'license' }, '2030-01-01', rules)).toEqual({ published: true });
  });

  it('rejects a today that is no date', () => {
    expect(() => publicityOf(decided, '2025-6-1', rules)).toThrow(/not a date/);
  });
});

describe('China dates and month periods', () => {
  it('reads the date in Asia/Shanghai', () => {
    expect(chinaDate(new Date('2026-11-26T15:59:59Z'))).toBe('2026-11-26');
    expect(chinaDate(new Date('2026-11-26T16:00:00Z'))).toBe('2026-11-27');
  });

  it('ends a month period on the corresponding day, or the month end when there is none', () => {
    expect(addMonthsClamped('2025-03-05', 36)).toBe('2028-03-05');
    expect(addMonthsClamped('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonthsClamped('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonthsClamped('2025-11-30', 3)).toBe('2026-02-28');
  });
});
