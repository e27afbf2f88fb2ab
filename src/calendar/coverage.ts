import { yearOf, type CivilDate } from './civil-date.js';
import { describeYears, prcCalendar, type WorkingDayCalendar } from './working-days.js';

/**
 * The startup check: a warning text when the calendar lacks the current year or the next one
 * (the State Council publishes next year's arrangement late in the year; until the package
 * carries it, deadlines running into January cannot be counted), undefined when both are held.
 */
export function checkCalendarCoverage(today: CivilDate, calendar: WorkingDayCalendar = prcCalendar): string | undefined {
  const year = yearOf(today);
  const missing = [year, year + 1].filter((y) => !calendar.coveredYears.includes(y));
  if (missing.length === 0) return undefined;
  const held = describeYears(calendar.coveredYears);
  const what = missing.includes(year)
    ? `has no holiday arrangement for the current year ${year}: working-day deadlines of this year cannot be counted`
    : `has no holiday arrangement for ${year + 1} yet: deadlines running into ${year + 1} cannot be counted`;
  return `WARNING: the working-day calendar ${what} (it covers ${held}); update the chinese-days package`;
}
