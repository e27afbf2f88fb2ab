import { addCalendarDays, chinaDate, dayNumber } from '../calendar/civil-date.js';

/** China keeps UTC+8 all year, so its midnight is a fixed instant of each date. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant a China calendar date (YYYY-MM-DD) begins. */
export function chinaMidnight(date: string): Date {
  return new Date(dayNumber(date) * DAY_MS - CHINA_OFFSET_MS);
}

/** Whole seconds from `now` until the next China midnight (at least 1): when a daily quota resets. */
export function secondsUntilNextChinaDay(now: Date): number {
  const next = chinaMidnight(addCalendarDays(chinaDate(now), 1));
  return Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000));
}

/** The last instant of a China calendar date, as an ISO string: a grant for a period ends here. */
export function endOfChinaDay(date: string): string {
  return new Date(chinaMidnight(addCalendarDays(date, 1)).getTime() - 1).toISOString();
}
