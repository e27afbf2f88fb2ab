import chineseDays from 'chinese-days';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  CalendarCoverageError,
  chinaDate,
  isWorkingDay,
  prcCalendar,
  workingDaysBetween,
} from '../../../src/calendar/index.js';

/** Every date from `from` to `to`, both included. */
const datesFrom = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
};

describe('Spring Festival 2025 (国务院办公厅 2024年11月12日通知)', () => {
  it('28 January to 4 February are holidays, weekdays and weekend alike', () => {
    for (const day of datesFrom('2025-01-28', '2025-02-04')) expect(isWorkingDay(day), day).toBe(false);
  });

  it('Sunday 26 January and Saturday 8 February are make-up workdays (调休上班)', () => {
    expect(isWorkingDay('2025-01-26')).toBe(true);
    expect(isWorkingDay('2025-02-08')).toBe(true);
    // Their neighbours are ordinary weekend days.
    expect(isWorkingDay('2025-01-25')).toBe(false);
    expect(isWorkingDay('2025-02-09')).toBe(false);
  });

  it('counts 7 working days across the holiday, through both make-up days', () => {
    // Fri 24 Jan: Sun 26 (1), Mon 27 (2), [28 Jan–4 Feb off], 5 (3), 6 (4), 7 (5), Sat 8 (6), Mon 10 (7).
    expect(addWorkingDays('2025-01-24', 7)).toBe('2025-02-10');
    expect(workingDaysBetween('2025-01-24', '2025-02-10')).toBe(7);
    expect(workingDaysBetween('2025-01-24', '2025-02-09')).toBe(6);
    expect(workingDaysBetween('2025-01-24', '2025-02-11')).toBe(8);
  });
});

describe('a make-up Saturday', () => {
  it('2025-02-08 counts, and a decision on the Friday before has it as its first working day', () => {
    expect(addWorkingDays('2025-02-07', 1)).toBe('2025-02-08');
    expect(workingDaysBetween('2025-02-07', '2025-02-08')).toBe(1);
  });
});

describe('National Day 2025', () => {
  it('1 to 8 October are off (National Day with Mid-Autumn on the 6th)', () => {
    for (const day of datesFrom('2025-10-01', '2025-10-08')) expect(isWorkingDay(day), day).toBe(false);
  });

  it('Sunday 28 September and Saturday 11 October are make-up workdays', () => {
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
    expect(isWorkingDay('2025-10-12')).toBe(false);
  });

  it('a decision on Friday 26 September is due on 13 October', () => {
    // Sun 28 (1), 29 (2), 30 (3), [1–8 Oct off], 9 (4), 10 (5), Sat 11 (6), Mon 13 (7).
    expect(addWorkingDays('2025-09-26', 7)).toBe('2025-10-13');
  });
});

describe('the counting convention', () => {
  it('excludes the start day and includes the end day', () => {
    expect(workingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
    expect(workingDaysBetween('2025-03-03', '2025-03-04')).toBe(1);
    expect(workingDaysBetween('2025-03-07', '2025-03-09')).toBe(0); // Fri → Sun
    expect(workingDaysBetween('2025-03-10', '2025-03-03')).toBe(-5);
  });

  it('n = 0 is the date itself; negative n counts back', () => {
    expect(addWorkingDays('2025-03-08', 0)).toBe('2025-03-08');
    expect(addWorkingDays('2025-02-10', -7)).toBe('2025-01-24');
    expect(() => addWorkingDays('2025-03-03', 1.5)).toThrow(RangeError);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => isWorkingDay('2025/03/01')).toThrow(RangeError);
  });
});

describe('years the calendar does not hold', () => {
  const last = prcCalendar.coveredYears.at(-1)!;
  const first = prcCalendar.coveredYears[0]!;

  it('throws naming the year rather than guessing from weekends', () => {
    expect(() => isWorkingDay(`${last + 1}-01-04`)).toThrow(CalendarCoverageError);
    expect(() => isWorkingDay(`${last + 1}-01-04`)).toThrow(new RegExp(`no holiday arrangement for ${last + 1}`));
    expect(() => isWorkingDay(`${first - 1}-06-01`)).toThrow(CalendarCoverageError);
  });

  it('throws when a count runs off the end of the table', () => {
    expect(() => addWorkingDays(`${last}-12-28`, 10)).toThrow(CalendarCoverageError);
    expect(() => workingDaysBetween(`${last}-12-01`, `${last + 1}-01-10`)).toThrow(CalendarCoverageError);
  });
});

describe('dates are China dates, whatever the host zone', () => {
  const hostZone = process.env.TZ;
  afterEach(() => {
    if (hostZone === undefined) delete process.env.TZ;
    else process.env.TZ = hostZone;
  });

  it('an instant after 16:00 UTC is already the next day in Shanghai', () => {
    expect(chinaDate(new Date('2025-01-26T15:59:59Z'))).toBe('2025-01-26');
    expect(chinaDate(new Date('2025-01-26T16:00:00Z'))).toBe('2025-01-27');
  });

  it('gives the same answers on a host set to another zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(addWorkingDays('2025-01-24', 7)).toBe('2025-02-10');
    expect(isWorkingDay('2025-02-08')).toBe(true);
    expect(chinaDate(new Date('2025-01-26T16:00:00Z'))).toBe('2025-01-27');
    process.env.TZ = 'Pacific/Kiritimati';
    expect(workingDaysBetween('2025-09-26', '2025-10-13')).toBe(7);
  });
});

describe('agreement with the chinese-days package on every covered day', () => {
  it('our isWorkingDay equals its isWorkday wherever it has data', () => {
    const years = prcCalendar.coveredYears;
    const disagreements = datesFrom(`${years[0]}-01-01`, `${years.at(-1)}-12-31`).filter((day) => isWorkingDay(day) !== chineseDays.isWorkday(day));
    expect(disagreements).toEqual([]);
  });
});
