import { parseArgs } from 'node:util';
import { chinaDate, checkCalendarCoverage, describeYears, prcCalendar, yearOfDate } from '../../calendar/index.js';
import { ConfigError } from '../../config/catalog.js';
import type { CliCommand } from '../command.js';

export const calendarCheckCommand: CliCommand = {
  path: ['calendar', 'check'],
  usage: 'calendar check [--today YYYY-MM-DD]',
  summary: 'the years the working-day calendar covers; fails when the current year is missing, warns when the next one is',
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { today: { type: 'string' } } });
    const today = values.today ?? chinaDate(new Date());
    let year: number;
    try {
      year = yearOfDate(today);
    } catch (error) {
      throw new ConfigError(`calendar check: --today ${(error as Error).message}`);
    }
    io.out(`covered\t${describeYears(prcCalendar.coveredYears)}\t(chinese-days)`);
    const warning = checkCalendarCoverage(today);
    if (warning) io.say(warning);
    return prcCalendar.coveredYears.includes(year) ? 0 : 1;
  },
};
