import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, addWorkingDays, chineseDaysTable, dayOfWeek, isWorkingDay, prcCalendar, workingDaysBetween } from '../../../src/calendar/index.js';

const RUNS = { numRuns: 200 };
const years = prcCalendar.coveredYears;
const lastYear = years.at(-1)!;

/** A date of `year`; in the last covered year only up to August, so 60 working days or 120 calendar days ahead stay inside the table. */
const dateIn = (year: number): fc.Arbitrary<string> => {
  const lastDay = year === lastYear ? `${year}-08-31` : `${year}-12-31`;
  const span = Math.round((Date.parse(lastDay) - Date.parse(`${year}-01-01`)) / 86_400_000);
  return fc.integer({ min: 0, max: span }).map((offset) => addCalendarDays(`${year}-01-01`, offset));
};
const steps = fc.integer({ min: 1, max: 60 });

describe.each(years)('working-day arithmetic in %i', (year) => {
  it('addWorkingDays(d, n) is a working day, after d, for n > 0', () => {
    fc.assert(
      fc.property(dateIn(year), steps, (d, n) => {
        const due = addWorkingDays(d, n);
        expect(isWorkingDay(due)).toBe(true);
        expect(due > d).toBe(true);
      }),
      RUNS,
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n, and adding back returns to a working d', () => {
    fc.assert(
      fc.property(dateIn(year), steps, (d, n) => {
        const due = addWorkingDays(d, n);
        expect(workingDaysBetween(d, due)).toBe(n);
        expect(workingDaysBetween(due, d)).toBe(-n);
        if (isWorkingDay(d)) expect(addWorkingDays(due, -n)).toBe(d);
      }),
      RUNS,
    );
  });

  it('is monotone: more working days never end earlier; a later end never counts fewer', () => {
    fc.assert(
      fc.property(dateIn(year), steps, steps, (d, a, b) => {
        const [n, m] = a <= b ? [a, b] : [b, a];
        if (n < m) expect(addWorkingDays(d, n) < addWorkingDays(d, m)).toBe(true);
        const [near, far] = [addCalendarDays(d, n), addCalendarDays(d, m)];
        expect(workingDaysBetween(d, near)).toBeLessThanOrEqual(workingDaysBetween(d, far));
      }),
      RUNS,
    );
  });

  it('splits additively: between(a, c) = between(a, b) + between(b, c)', () => {
    fc.assert(
      fc.property(dateIn(year), steps, steps, (a, x, y) => {
        const [b, c] = [addCalendarDays(a, x), addCalendarDays(a, x + y)];
        expect(workingDaysBetween(a, c)).toBe(workingDaysBetween(a, b) + workingDaysBetween(b, c));
      }),
      RUNS,
    );
  });

  it('a weekend day that is not a make-up workday, and any holiday, is never a working day (every day of the year)', () => {
    for (let day = `${year}-01-01`; day <= `${year}-12-31`; day = addCalendarDays(day, 1)) {
      const weekend = dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
      if (chineseDaysTable.holidays.has(day)) expect(isWorkingDay(day), day).toBe(false);
      else if (weekend) expect(isWorkingDay(day), day).toBe(chineseDaysTable.makeUpWorkdays.has(day));
      else expect(isWorkingDay(day), day).toBe(true);
    }
  });

  it('every make-up workday falls on a weekend and is no holiday', () => {
    const makeUps = [...chineseDaysTable.makeUpWorkdays].filter((day) => day.startsWith(`${year}-`));
    for (const day of makeUps) {
      expect([0, 6], day).toContain(dayOfWeek(day));
      expect(chineseDaysTable.holidays.has(day), day).toBe(false);
    }
  });
});
