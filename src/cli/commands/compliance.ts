import { parseArgs } from 'node:util';
import { prcCalendar } from '../../calendar/index.js';
import { ConfigError } from '../../config/catalog.js';
import { classifyDisclosures, DISCLOSURE_WORKING_DAYS } from '../../disclosure/compliance.js';
import type { DisclosureEntry } from '../../ports/index.js';
import type { CliCommand } from '../command.js';
import { connectToRunningStack } from '../stack-connection.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateOption(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !DATE.test(value)) throw new ConfigError(`compliance report: --${name} must be YYYY-MM-DD, not ${value}`);
  return value;
}

export const complianceReportCommand: CliCommand = {
  path: ['compliance', 'report'],
  usage: 'compliance report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
  summary: `decisions (by decision date) first published later than ${DISCLOSURE_WORKING_DAYS} working days after it; a table on a terminal, JSON otherwise`,
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false } } });
    const window = { from: dateOption('from', values.from), to: dateOption('to', values.to) };
    const app = connectToRunningStack(io.env);
    const ledger = app.disclosureLedger();
    const recordTypes = [...new Set((await app.catalog()).datasets.map((d) => d.recordType))];
    const entries: DisclosureEntry[] = [];
    for (const recordType of recordTypes) entries.push(...(await ledger.list(recordType)));
    const report = classifyDisclosures(entries, prcCalendar, window);
    const counts = { late: report.late.length, onTime: report.onTime.length, uncounted: report.uncounted.length };
    if (values.json || !process.stdout.isTTY) {
      io.out(JSON.stringify({ window, limitWorkingDays: DISCLOSURE_WORKING_DAYS, counts, late: report.late, uncounted: report.uncounted }));
    } else {
      io.out(['record type', 'record', 'decided', 'first published', 'working days', 'late by'].join('\t'));
      for (const d of report.late) io.out([d.recordType, d.recordId, d.decisionDate, d.publishedOn, d.workingDays, d.daysLate].join('\t'));
      io.say(`${counts.late} late, ${counts.onTime} on time, ${counts.uncounted} not countable (calendar year missing)`);
      for (const u of report.uncounted) io.say(`${u.recordType}\t${u.recordId}\t${u.decisionDate}\t${u.reason}`);
    }
    return 0;
  },
};
