import { dayNumber, dayOfWeekOf, fromDayNumber, type CivilDate } from './civil-date.js';
import { chineseDaysTable, type HolidayTable } from './holiday-table.js';

/** Asked about a day of a year the holiday table does not hold: refusing beats guessing from weekends. */
export class CalendarCoverageError extends Error {
  constructor(
    readonly year: number,
    readonly coveredYears: readonly number[],
  ) {
    super(
      `the working-day calendar has no holiday arrangement for ${year} ` +
        `(it covers ${describeYears(coveredYears)}); update the chinese-days package once the State Council publishes ${year}'s notice`,
    );
    this.name = 'CalendarCoverageError';
  }
}

/** "2004–2026", or the years one by one when there are gaps. */
export function describeYears(years: readonly number[]): string {
  if (years.length === 0) return 'no year';
  const runs: string[] = [];
  let start = years[0]!;
  for (let i = 1; i <= years.length; i += 1) {
    if (years[i] === years[i - 1]! + 1) continue;
    const end = years[i - 1]!;
    runs.push(start === end ? `${start}` : `${start}–${end}`);
    start = years[i]!;
  }
  return runs.join(', ');
}

/** Working-day arithmetic on the PRC calendar (Mon–Fri, less holidays, plus make-up workdays). */
export interface WorkingDayCalendar {
  readonly coveredYears: readonly number[];
  /** True on a working day; throws CalendarCoverageError for a year the table does not hold. */
  isWorkingDay(date: CivilDate): boolean;
  /**
   * The n-th working day after `date` (n > 0), before it (n < 0), or `date` itself (n = 0).
   * `date` itself never counts, so addWorkingDays(decision, 7) is the last day a
   * "within 7 working days of the decision" disclosure is on time.
   */
  addWorkingDays(date: CivilDate, n: number): CivilDate;
  /**
   * The working days after `from` up to and including `to`: `from` is excluded, `to` included
   * (negative when `to` is earlier). A decision on D published on P is late when
   * workingDaysBetween(D, P) > 7; workingDaysBetween(d, addWorkingDays(d, n)) === n.
   */
  workingDaysBetween(from: CivilDate, to: CivilDate): number;
}

/** A calendar over one holiday table. */
export function workingDayCalendar(table: HolidayTable): WorkingDayCalendar {
  const covered = new Set(table.coveredYears);
  // Loops run on day numbers: one date string per day, for the table lookups.
  const isWorkingDayNumber = (day: number): boolean => {
    const date = fromDayNumber(day);
    const year = Number(date.slice(0, 4));
    if (!covered.has(year)) throw new CalendarCoverageError(year, table.coveredYears);
    if (table.makeUpWorkdays.has(date)) return true;
    if (table.holidays.has(date)) return false;
    const weekday = dayOfWeekOf(day);
    return weekday !== 0 && weekday !== 6;
  };
  const isWorkingDay = (date: CivilDate): boolean => isWorkingDayNumber(dayNumber(date));
  const addWorkingDays = (date: CivilDate, n: number): CivilDate => {
    if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be a whole number, not ${n}`);
    const step = Math.sign(n);
    let day = dayNumber(date);
    for (let left = Math.abs(n); left > 0;) {
      day += step;
      if (isWorkingDayNumber(day)) left -= 1;
    }
    return n === 0 ? date : fromDayNumber(day);
  };
  const workingDaysBetween = (from: CivilDate, to: CivilDate): number => {
    const [start, end] = [dayNumber(from), dayNumber(to)];
    const [low, high, sign] = end < start ? [end, start, -1] : [start, end, 1];
    let count = 0;
    for (let day = low + 1; day <= high; day += 1) if (isWorkingDayNumber(day)) count += 1;
    return sign * count;
  };
  return { coveredYears: table.coveredYears, isWorkingDay, addWorkingDays, workingDaysBetween };
}

/** The calendar over the `chinese-days` package's arrangements. */
export const prcCalendar: WorkingDayCalendar = workingDayCalendar(chineseDaysTable);

export const isWorkingDay = (date: CivilDate): boolean => prcCalendar.isWorkingDay(date);
export const addWorkingDays = (date: CivilDate, n: number): CivilDate => prcCalendar.addWorkingDays(date, n);
export const workingDaysBetween = (from: CivilDate, to: CivilDate): number => prcCalendar.workingDaysBetween(from, to);
