/**
 * Calendar dates as China counts them: 'YYYY-MM-DD' strings on the Asia/Shanghai calendar.
 * Day arithmetic runs on a day number (days since 1970-01-01), never on a host-timezone Date,
 * so a machine in another zone cannot shift a deadline by a day.
 */

/** A China calendar date, 'YYYY-MM-DD'. */
export type CivilDate = string;

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The day number of a date; throws on anything that is not a real 'YYYY-MM-DD' date. */
export function dayNumber(date: CivilDate): number {
  const match = SHAPE.exec(date);
  if (!match) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2025-02-30 over into March; a date that does not round-trip is not a date.
  if (fromDayNumber(ms / MS_PER_DAY) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return ms / MS_PER_DAY;
}

/** The date of a day number. */
export function fromDayNumber(days: number): CivilDate {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date `n` calendar days after `date` (before it when n is negative). */
export function addCalendarDays(date: CivilDate, n: number): CivilDate {
  return fromDayNumber(dayNumber(date) + n);
}

/** 0 Sunday … 6 Saturday, of a day number. */
export function dayOfWeekOf(day: number): number {
  // 1970-01-01, day 0, was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

/** 0 Sunday … 6 Saturday. */
export function dayOfWeek(date: CivilDate): number {
  return dayOfWeekOf(dayNumber(date));
}

/** The calendar year of a date. */
export function yearOf(date: CivilDate): number {
  dayNumber(date);
  return Number(date.slice(0, 4));
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The China calendar date at an instant (what a clock in Shaoxing shows). */
export function chinaDate(instant: Date): CivilDate {
  return SHANGHAI.format(instant);
}
