import { parseArgs } from 'node:util';
import { chinaDate, prcCalendar } from '../../calendar/index.js';
import { ConfigError } from '../../config/catalog.js';
import { classifyDisclosures, disclosuresDue, DISCLOSURE_WORKING_DAYS, DUE_HORIZON_WORKING_DAYS, type PendingDecision } from '../../disclosure/compliance.js';
import { pendingDecisions } from '../../disclosure/pending-decisions.js';
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
  summary: `decisions (by decision date) first published later than ${DISCLOSURE_WORKING_DAYS} working days after it, and unpublished ones falling due within ${DUE_HORIZON_WORKING_DAYS}; a table on a terminal, JSON otherwise`,
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false } } });
    const window = { from: dateOption('from', values.from), to: dateOption('to', values.to) };
    const inWindow = (date: string) => (!window.from || date >= window.from) && (!window.to || date <= window.to);
    const app = connectToRunningStack(io.env);
    const ledger = app.disclosureLedger();
    const records = app.recordStore();
    const recordTypes = [...new Set((await app.catalog()).datasets.map((d) => d.recordType))];
    const entries: DisclosureEntry[] = [];
    const pending: PendingDecision[] = [];
    for (const recordType of recordTypes) {
      const published = await ledger.list(recordType);
      entries.push(...published);
      const publishedIds = new Set(published.map((e) => e.recordId));
      pending.push(...(await pendingDecisions(recordType, records.listCurrent(recordType), publishedIds)).filter((p) => inWindow(p.decisionDate)));
    }
    const report = classifyDisclosures(entries, prcCalendar, window);
    const today = chinaDate(new Date());
    const { due, uncounted: dueUncounted } = disclosuresDue(pending, prcCalendar, today);
    const uncounted = [...report.uncounted, ...dueUncounted.map((d) => ({ ...d, reason: 'the working-day calendar does not cover its year' }))];
    const counts = {
      late: report.late.length,
      onTime: report.onTime.length,
      dueSoon: due.length,
      overdueUnpublished: due.filter((d) => d.overdue).length,
      uncounted: uncounted.length,
    };
    if (values.json || !process.stdout.isTTY) {
      const limits = { disclosureWorkingDays: DISCLOSURE_WORKING_DAYS, dueHorizonWorkingDays: DUE_HORIZON_WORKING_DAYS };
      io.out(JSON.stringify({ window, today, limits, counts, late: report.late, due, uncounted }));
      return 0;
    }
    io.out(['record type', 'record', 'decided', 'first published', 'working days', 'late by'].join('\t'));
    for (const d of report.late) io.out([d.recordType, d.recordId, d.decisionDate, d.publishedOn, d.workingDays, d.daysLate].join('\t'));
    io.out('');
    io.out(['record type', 'record', 'decided', 'due on', 'overdue'].join('\t'));
    for (const d of due) io.out([d.recordType, d.recordId, d.decisionDate, d.dueOn, d.overdue ? 'overdue' : ''].join('\t'));
    io.say(
      `${counts.late} late, ${counts.onTime} on time; ${counts.dueSoon} unpublished due within ${DUE_HORIZON_WORKING_DAYS} working days (${counts.overdueUnpublished} overdue); ${counts.uncounted} not countable`,
    );
    for (const u of uncounted) io.say(`not countable: ${u.recordType}\t${u.recordId}\t${u.decisionDate}`);
    return 0;
  },
};
