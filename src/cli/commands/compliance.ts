import { parseArgs } from 'node:util';
import { chinaDate, prcCalendar } from '../../calendar/index.js';
import { ConfigError } from '../../config/catalog.js';
import { classifyDisclosures, disclosuresDue, DISCLOSURE_WORKING_DAYS, DUE_HORIZON_WORKING_DAYS, type PendingDecision } from '../../disclosure/compliance.js';
import { pendingDecisions } from '../../disclosure/pending-decisions.js';
import { publicityJudgeFor } from '../../disclosure/publicity-by-type.js';
import { disclosingDataset } from '../../publish/dataset-filter.js';
import { ENFORCEMENT_DECISION } from '../../records/enforcement-decision.js';
import { classifyWithdrawals, WITHDRAWAL_WORKING_DAYS } from '../../disclosure/withdrawal-compliance.js';
import { outstandingWithdrawals, withheldOf, type HiddenVersion, type OutstandingWithdrawal } from '../../disclosure/withdrawals.js';
import type { DisclosureEntry } from '../../ports/index.js';
import type { StoredVersion } from '../../ssot/model.js';
import type { CliCommand } from '../command.js';
import { connectToRunningStack } from '../stack-connection.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateOption(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !DATE.test(value)) throw new ConfigError(`compliance report: --${name} must be YYYY-MM-DD, not ${value}`);
  return value;
}

async function* once(versions: readonly StoredVersion[]): AsyncIterable<readonly StoredVersion[]> {
  yield versions;
}

export const complianceReportCommand: CliCommand = {
  path: ['compliance', 'report'],
  usage: 'compliance report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
  summary: `decisions (by decision date) first published later than ${DISCLOSURE_WORKING_DAYS} working days after it, revocations withdrawn later than ${WITHDRAWAL_WORKING_DAYS}, expiries missed, and unpublished ones falling due within ${DUE_HORIZON_WORKING_DAYS}; a table on a terminal, JSON otherwise`,
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false } } });
    const window = { from: dateOption('from', values.from), to: dateOption('to', values.to) };
    const inWindow = (date: string) => (!window.from || date >= window.from) && (!window.to || date <= window.to);
    const today = chinaDate(new Date());
    const app = connectToRunningStack(io.env);
    const ledger = app.disclosureLedger();
    const records = app.recordStore();
    const datasets = (await app.catalog()).datasets;
    // The clocks of 双公示 bind the deciding authority's penalty and licence decisions; credit lists keep their own windows.
    const recordTypes = [...new Set(datasets.map((d) => d.recordType))].filter((type) => type === ENFORCEMENT_DECISION);
    const entries: DisclosureEntry[] = [];
    const pending: PendingDecision[] = [];
    const outstanding: OutstandingWithdrawal[] = [];
    for (const recordType of recordTypes) {
      const published = await ledger.list(recordType);
      entries.push(...published);
      const current: StoredVersion[] = [];
      for await (const page of records.listCurrent(recordType)) current.push(...page);
      const publishedIds = new Set(published.map((e) => e.recordId));
      // Published decisions withheld today whose withdrawal no release has recorded: still public.
      const hidden = new Map<string, HiddenVersion>();
      const judge = publicityJudgeFor(recordType);
      for (const stored of current) {
        const rules = disclosingDataset(datasets, recordType, stored.record)?.disclosure;
        const withheld = rules && withheldOf(judge(stored.record, today, rules));
        if (withheld) hidden.set(stored.recordId, { stored, withheld });
      }
      outstanding.push(...outstandingWithdrawals(published, hidden));
      // A decision withheld today (revoked, expired) can no longer fall due: only those that may be published are.
      const unpublished = await pendingDecisions(recordType, once(current), publishedIds);
      pending.push(...unpublished.filter((p) => inWindow(p.decisionDate) && !hidden.has(p.recordId)));
    }
    const report = classifyDisclosures(entries, prcCalendar, window);
    const withdrawals = classifyWithdrawals(entries, outstanding, prcCalendar, today, window);
    const { due, uncounted: dueUncounted } = disclosuresDue(pending, prcCalendar, today);
    const uncounted: { readonly recordType: string; readonly recordId: string; readonly decisionDate?: string; readonly reason: string }[] = [
      ...report.uncounted,
      ...withdrawals.uncounted,
      ...dueUncounted.map((d) => ({ ...d, reason: 'the working-day calendar does not cover its year' })),
    ];
    const counts = {
      late: report.late.length,
      onTime: report.onTime.length,
      lateWithdrawals: withdrawals.lateWithdrawals.length,
      onTimeWithdrawals: withdrawals.onTimeWithdrawals,
      missedExpiries: withdrawals.missedExpiries.length,
      dueSoon: due.length,
      overdueUnpublished: due.filter((d) => d.overdue).length,
      uncounted: uncounted.length,
    };
    if (values.json || !process.stdout.isTTY) {
      const limits = {
        disclosureWorkingDays: DISCLOSURE_WORKING_DAYS,
        withdrawalWorkingDays: WITHDRAWAL_WORKING_DAYS,
        dueHorizonWorkingDays: DUE_HORIZON_WORKING_DAYS,
      };
      const { lateWithdrawals, missedExpiries } = withdrawals;
      io.out(JSON.stringify({ window, today, limits, counts, late: report.late, lateWithdrawals, missedExpiries, due, uncounted }));
      return 0;
    }
    io.out(['record type', 'record', 'decided', 'first published', 'working days', 'late by'].join('\t'));
    for (const d of report.late) io.out([d.recordType, d.recordId, d.decisionDate, d.publishedOn, d.workingDays, d.daysLate].join('\t'));
    io.out('');
    io.out(['record type', 'record', 'revocation stored', 'withdrawn', 'working days', 'late by'].join('\t'));
    for (const w of withdrawals.lateWithdrawals)
      io.out([w.recordType, w.recordId, w.observedOn, w.withdrawnOn ?? 'still public', w.workingDays, w.daysLate].join('\t'));
    io.out('');
    io.out(['record type', 'record', 'public until', 'expires on', 'withdrawn', 'days late'].join('\t'));
    for (const m of withdrawals.missedExpiries)
      io.out([m.recordType, m.recordId, m.publicUntil, m.expiresOn, m.withdrawnOn ?? 'still public', m.daysLate].join('\t'));
    io.out('');
    io.out(['record type', 'record', 'decided', 'due on', 'overdue'].join('\t'));
    for (const d of due) io.out([d.recordType, d.recordId, d.decisionDate, d.dueOn, d.overdue ? 'overdue' : ''].join('\t'));
    io.say(
      `${counts.late} late, ${counts.onTime} on time; ${counts.lateWithdrawals} withdrawals later than ${WITHDRAWAL_WORKING_DAYS} working days (${counts.onTimeWithdrawals} on time); ${counts.missedExpiries} expiries missed; ` +
        `${counts.dueSoon} unpublished due within ${DUE_HORIZON_WORKING_DAYS} working days (${counts.overdueUnpublished} overdue); ${counts.uncounted} not countable`,
    );
    for (const u of uncounted) io.say(`not countable: ${u.recordType}\t${u.recordId}\t${u.decisionDate ?? ''}`);
    return 0;
  },
};
