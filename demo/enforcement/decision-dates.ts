import { addCalendarDays, chinaDate, prcCalendar, type CivilDate } from '../../src/calendar/index.js';
import type { Random } from './random.js';

/** The default as-of date when a caller gives none (tests and the bench): a fixed working day. */
export const DEFAULT_AS_OF: CivilDate = '2025-06-30';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The last working day on or before `date`. */
export function workingDayOnOrBefore(date: CivilDate): CivilDate {
  let day = date;
  while (!prcCalendar.isWorkingDay(day)) day = addCalendarDays(day, -1);
  return day;
}

/**
 * The demo's as-of date for today: China's date, or the last day the working-day calendar
 * covers when today lies beyond it (the stack's startup check warns about that loudly).
 */
export function demoAsOfFor(now: Date): CivilDate {
  const today = chinaDate(now);
  const lastYear = prcCalendar.coveredYears[prcCalendar.coveredYears.length - 1]!;
  return Number(today.slice(0, 4)) > lastYear ? `${lastYear}-12-31` : today;
}

/**
 * How many working days before the as-of date a decision was taken: most within the last
 * ~60 working days (the current publicity work), some within the year, a few up to 3.5
 * years back (so some publicity periods have run out).
 */
export function drawDecisionAge(random: Random): number {
  const roll = random.next();
  if (roll < 0.85) return random.int(0, 60);
  if (roll < 0.95) return random.int(61, 250);
  return random.int(251, MAX_AGE);
}

const MAX_AGE = 860;
const workingDaysBack = new Map<CivilDate, CivilDate[]>();

/** A decision date `age` working days before the last working day on or before asOf. */
export function decisionDateAt(asOf: CivilDate, age: number): CivilDate {
  // The working days back from an as-of date, listed once: thousands of records ask for them.
  let days = workingDaysBack.get(asOf);
  if (!days) {
    days = [workingDayOnOrBefore(asOf)];
    while (days.length <= MAX_AGE) days.push(prcCalendar.addWorkingDays(days[days.length - 1]!, -1));
    workingDaysBack.set(asOf, days);
  }
  return days[age] ?? prcCalendar.addWorkingDays(days[0]!, -age);
}

/** The instant of a China wall-clock time on a date. */
export function chinaInstant(date: CivilDate, hour: number, minute: number, second: number): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute, second) - CHINA_OFFSET_MS;
}

/**
 * When the case was entered (or last changed) in the system: on a working day `delay`
 * working days after `date`, during office hours, never after the as-of date.
 */
export function entryInstant(random: Random, date: CivilDate, delay: number, asOf: CivilDate): number {
  const last = workingDayOnOrBefore(asOf);
  let day = date;
  // Step day by day rather than addWorkingDays, so nothing past the as-of date is ever asked of the calendar.
  for (let left = delay, next = addCalendarDays(day, 1); left > 0 && next <= last; next = addCalendarDays(next, 1)) {
    if (!prcCalendar.isWorkingDay(next)) continue;
    day = next;
    left -= 1;
  }
  return chinaInstant(day, random.int(8, 16), random.int(0, 59), random.int(0, 59));
}
