import { describe, expect, it } from 'vitest';
import { prcCalendar } from '../../../src/calendar/index.js';
import { disclosuresDue } from '../../../src/disclosure/compliance.js';
import { pendingDecisions } from '../../../src/disclosure/pending-decisions.js';
import type { StoredVersion } from '../../../src/ssot/model.js';

const pending = (recordId: string, decisionDate: string) => ({ recordType: 't', recordId, decisionDate });

describe('unpublished decisions falling due', () => {
  it('gives the 7th working day across Spring Festival 2025 and looks 5 working days ahead', () => {
    // Today Thu 2025-02-06: 5 working days ahead is Wed 02-12, counting the make-up Saturday 02-08.
    const { due } = disclosuresDue(
      [pending('festival', '2025-01-24'), pending('edge', '2025-02-04'), pending('later', '2025-02-05'), pending('past', '2025-01-02')],
      prcCalendar,
      '2025-02-06',
    );
    expect(due).toEqual([
      { ...pending('past', '2025-01-02'), dueOn: '2025-01-13', overdue: true },
      { ...pending('festival', '2025-01-24'), dueOn: '2025-02-10', overdue: false },
      { ...pending('edge', '2025-02-04'), dueOn: '2025-02-12', overdue: false },
    ]);
  });

  it('names a decision in a year the calendar lacks instead of guessing', () => {
    const { due, uncounted } = disclosuresDue([pending('old', '1999-01-04')], prcCalendar, '2025-02-06');
    expect(due).toEqual([]);
    expect(uncounted).toEqual([pending('old', '1999-01-04')]);
  });

  it('counts as pending only current decisions no release carried, never a minor’s case', async () => {
    const stored = (recordId: string, record: Record<string, unknown>) => ({ recordId, record }) as unknown as StoredVersion;
    const pages = (async function* () {
      yield [
        stored('published', { decisionDate: '2025-02-04' }),
        stored('waiting', { decisionDate: '2025-02-05' }),
        stored('no-date', {}),
        stored('minor', { decisionDate: '2025-02-05', partyType: 'natural-person', partyIsMinor: true }),
      ];
    })();
    expect(await pendingDecisions('t', pages, new Set(['published']))).toEqual([pending('waiting', '2025-02-05')]);
  });
});
