import { parseArgs } from 'node:util';
import { chinaDate, prcCalendar } from '../../calendar/index.js';
import { ConfigError } from '../../config/catalog.js';
import { DISCLOSURE_WORKING_DAYS, DUE_HORIZON_WORKING_DAYS } from '../../disclosure/compliance.js';
import { complianceReport } from '../../disclosure/compliance-report.js';
import type { LeavingDeliveryCheck } from '../../disclosure/feed-delivery-compliance.js';
import { WITHDRAWAL_WORKING_DAYS } from '../../disclosure/withdrawal-compliance.js';
import type { CliCommand } from '../command.js';
import { connectToRunningStack } from '../stack-connection.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** How a leaving delivery stands, in words: on time, late by N days, or not yet consumed (N days overdue). */
function deliveryStatus(d: LeavingDeliveryCheck): string {
  const working = d.workingDaysLate === undefined ? '' : ` (${d.workingDaysLate} working)`;
  if (d.status === 'on-time') return 'on time';
  if (d.status === 'late') return `late by ${d.daysLate} days${working}`;
  return d.daysLate > 0 ? `not yet consumed, ${d.daysLate} days overdue${working}` : 'not yet consumed, not yet due';
}

function dateOption(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !DATE.test(value)) throw new ConfigError(`compliance report: --${name} must be YYYY-MM-DD, not ${value}`);
  return value;
}

export const complianceReportCommand: CliCommand = {
  path: ['compliance', 'report'],
  usage: 'compliance report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
  summary: `decisions (by decision date) first published later than ${DISCLOSURE_WORKING_DAYS} working days after it, revocations withdrawn later than ${WITHDRAWAL_WORKING_DAYS}, expiries missed, unpublished ones falling due within ${DUE_HORIZON_WORKING_DAYS}, and withdrawals delivered to feed subscribers against their deadlines; a table on a terminal, JSON otherwise`,
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false } } });
    const window = { from: dateOption('from', values.from), to: dateOption('to', values.to) };
    const app = connectToRunningStack(io.env);
    const sources = { ledger: app.disclosureLedger(), records: app.recordStore(), datasets: (await app.catalog()).datasets, deliveries: app.deliveryLedger() };
    const report = await complianceReport(sources, prcCalendar, chinaDate(new Date()), window);
    const { counts, uncounted } = report;
    if (values.json || !process.stdout.isTTY) {
      io.out(JSON.stringify(report));
      return 0;
    }
    io.out(['record type', 'record', 'decided', 'first published', 'working days', 'late by'].join('\t'));
    for (const d of report.late) io.out([d.recordType, d.recordId, d.decisionDate, d.publishedOn, d.workingDays, d.daysLate].join('\t'));
    io.out('');
    io.out(['record type', 'record', 'revocation stored', 'withdrawn', 'working days', 'late by'].join('\t'));
    for (const w of report.lateWithdrawals)
      io.out([w.recordType, w.recordId, w.observedOn, w.withdrawnOn ?? 'still public', w.workingDays, w.daysLate].join('\t'));
    io.out('');
    io.out(['record type', 'record', 'public until', 'expires on', 'withdrawn', 'days late'].join('\t'));
    for (const m of report.missedExpiries)
      io.out([m.recordType, m.recordId, m.publicUntil, m.expiresOn, m.withdrawnOn ?? 'still public', m.daysLate].join('\t'));
    io.out('');
    io.out(['record type', 'record', 'decided', 'due on', 'overdue'].join('\t'));
    for (const d of report.due) io.out([d.recordType, d.recordId, d.decisionDate, d.dueOn, d.overdue ? 'overdue' : ''].join('\t'));
    io.out('');
    io.out('withdrawals delivered to subscribers');
    io.out(['subscriber', 'feed', 'event', 'record', 'deadline', 'delivered', 'consumed', 'status'].join('\t'));
    for (const s of report.withdrawalsDeliveredToSubscribers)
      for (const d of s.deliveries)
        io.out([s.subscriber, d.feed, d.eventId, d.recordId, d.deadline, d.deliveredOn, d.consumedOn ?? '-', deliveryStatus(d)].join('\t'));
    io.say(
      `${counts.late} late, ${counts.onTime} on time; ${counts.lateWithdrawals} withdrawals later than ${WITHDRAWAL_WORKING_DAYS} working days (${counts.onTimeWithdrawals} on time); ${counts.missedExpiries} expiries missed; ` +
        `${counts.dueSoon} unpublished due within ${DUE_HORIZON_WORKING_DAYS} working days (${counts.overdueUnpublished} overdue); ${counts.uncounted} not countable`,
    );
    io.say(
      `withdrawals delivered to subscribers: ${counts.subscriberDeliveriesOnTime} consumed on time, ${counts.subscriberDeliveriesLate} late, ` +
        `${counts.subscriberDeliveriesUnconsumed} not yet consumed (${counts.subscriberDeliveriesOverdue} overdue)`,
    );
    for (const u of uncounted) io.say(`not countable: ${u.recordType}\t${u.recordId}\t${u.decisionDate ?? ''}`);
    return 0;
  },
};
