/** The PRC working-day clock: pure, its holiday data loaded with the module, no I/O at call time. */
export { addCalendarDays, chinaDate, dayOfWeek, yearOf as yearOfDate, type CivilDate } from './civil-date.js';
export { checkCalendarCoverage } from './coverage.js';
export { chineseDaysTable, holidayTableFrom, type HolidayTable } from './holiday-table.js';
export {
  addWorkingDays,
  CalendarCoverageError,
  describeYears,
  isWorkingDay,
  prcCalendar,
  workingDayCalendar,
  workingDaysBetween,
  type WorkingDayCalendar,
} from './working-days.js';
