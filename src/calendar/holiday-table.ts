import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { yearOf, type CivilDate } from './civil-date.js';

/**
 * The State Council's holiday arrangements: days off and make-up workdays (调休上班), by year.
 * Only the years the table holds are known; any other year is not guessed from weekends.
 */
export interface HolidayTable {
  /** Official days off (法定节假日 and the days moved to join them), weekends inside a holiday included. */
  readonly holidays: ReadonlySet<CivilDate>;
  /** Weekend days that are working days because a holiday borrowed a weekday (调休上班). */
  readonly makeUpWorkdays: ReadonlySet<CivilDate>;
  /** The years whose arrangement the table holds, ascending. */
  readonly coveredYears: readonly number[];
  /** Where the table comes from, for messages. */
  readonly source: string;
}

/** The entries of `chinese-days`' data file: date → "English name,中文名,days". */
interface ChineseDaysData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

/**
 * A year counts as covered only when its own Spring Festival and National Day are listed:
 * every annual notice arranges both, and a neighbouring year's New Year spill-over
 * (a holiday arranged across 31 December) must not make the next year look known.
 */
function yearsWithFullArrangement(holidays: Readonly<Record<string, string>>): number[] {
  const festivalsByYear = new Map<number, Set<string>>();
  for (const [date, label] of Object.entries(holidays)) {
    const festival = label.split(',')[1] ?? '';
    const year = yearOf(date);
    festivalsByYear.set(year, (festivalsByYear.get(year) ?? new Set()).add(festival));
  }
  return [...festivalsByYear]
    .filter(([, festivals]) => festivals.has('春节') && festivals.has('国庆节'))
    .map(([year]) => year)
    .sort((a, b) => a - b);
}

/** Builds a table from `chinese-days`-shaped data (exported so tests can build a table with a year missing). */
export function holidayTableFrom(raw: ChineseDaysData, source: string): HolidayTable {
  return {
    holidays: new Set(Object.keys(raw.holidays)),
    makeUpWorkdays: new Set(Object.keys(raw.workdays)),
    coveredYears: yearsWithFullArrangement(raw.holidays),
    source,
  };
}

/**
 * The table the `chinese-days` package ships in its own files (no network at call time).
 * Its data file is read rather than its functions: those answer for any year, falling back
 * to plain weekends where the package has no arrangement, which is the silent guess we refuse.
 */
export const chineseDaysTable: HolidayTable = holidayTableFrom(data, 'chinese-days');
