import { describe, expect, it } from 'vitest';
import { CalendarCoverageError, checkCalendarCoverage, holidayTableFrom, prcCalendar, workingDayCalendar } from '../../../src/calendar/index.js';
import { calendarCheckCommand } from '../../../src/cli/commands/calendar.js';

/** A small arrangement for the listed years: each with its Spring Festival and National Day. */
const tableOf = (years: readonly number[], extraHolidays: Record<string, string> = {}) => {
  const holidays: Record<string, string> = { ...extraHolidays };
  for (const y of years) {
    holidays[`${y}-02-01`] = 'Spring Festival,春节,4';
    holidays[`${y}-10-01`] = 'National Day,国庆节,3';
  }
  return holidayTableFrom({ holidays, workdays: {} }, 'test');
};

describe('checkCalendarCoverage', () => {
  const calendar = workingDayCalendar(tableOf([2024, 2025]));

  it('is silent when the current and the next year are held', () => {
    expect(checkCalendarCoverage('2024-06-01', calendar)).toBeUndefined();
  });

  it('warns, naming the next year, when only it is missing', () => {
    const warning = checkCalendarCoverage('2025-12-01', calendar);
    expect(warning).toMatch(/^WARNING: .*no holiday arrangement for 2026 yet/);
    expect(warning).toContain('covers 2024–2025');
  });

  it('warns, naming the current year, when it is missing', () => {
    expect(checkCalendarCoverage('2026-03-01', calendar)).toMatch(/current year 2026/);
  });

  it('on the shipped table: silent inside it, loud in its last year', () => {
    const last = prcCalendar.coveredYears.at(-1)!;
    expect(checkCalendarCoverage(`${last - 1}-05-01`)).toBeUndefined();
    expect(checkCalendarCoverage(`${last}-05-01`)).toContain(`${last + 1}`);
  });
});

describe('what counts as a covered year', () => {
  it('a New Year day spilling into the next year does not make that year known', () => {
    const table = tableOf([2025], { '2026-01-01': "New Year's Day,元旦,1" });
    expect(table.coveredYears).toEqual([2025]);
    expect(() => workingDayCalendar(table).isWorkingDay('2026-01-05')).toThrow(CalendarCoverageError);
  });

  it('a gap is reported year by year', () => {
    const calendar = workingDayCalendar(tableOf([2020, 2021, 2023]));
    expect(() => calendar.isWorkingDay('2022-03-01')).toThrow('(it covers 2020–2021, 2023)');
  });
});

describe('tongyuan calendar check', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const said: string[] = [];
    const code = await calendarCheckCommand.run(args, { env: {}, out: (l) => out.push(l), say: (l) => said.push(l) });
    return { code, out, said };
  };
  const last = prcCalendar.coveredYears.at(-1)!;

  it('prints the covered years and passes inside them', async () => {
    const { code, out, said } = await run(['--today', `${last - 1}-05-01`]);
    expect(code).toBe(0);
    expect(out).toEqual([`covered\t${prcCalendar.coveredYears[0]}–${last}\t(chinese-days)`]);
    expect(said).toEqual([]);
  });

  it('warns but passes when only the next year is missing', async () => {
    const { code, said } = await run(['--today', `${last}-12-01`]);
    expect(code).toBe(0);
    expect(said.join('\n')).toContain(`${last + 1}`);
  });

  it('fails when the current year is missing', async () => {
    const { code, said } = await run(['--today', `${last + 1}-01-02`]);
    expect(code).toBe(1);
    expect(said.join('\n')).toMatch(/current year/);
  });

  it('refuses a --today that is not a date', async () => {
    await expect(run(['--today', '2025-13-01'])).rejects.toThrow(/not a calendar date/);
  });
});
