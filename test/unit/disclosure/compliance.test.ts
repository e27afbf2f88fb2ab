import { describe, expect, it } from 'vitest';
import { prcCalendar } from '../../../src/calendar/index.js';
import { classifyDisclosures } from '../../../src/disclosure/compliance.js';
import type { DisclosureEntry } from '../../../src/ports/index.js';

/** Published at 10:00 China time on the given China date. */
const entry = (recordId: string, decisionDate: string | undefined, publishedOn: string): DisclosureEntry => ({
  recordType: 'enforcement-decision',
  recordId,
  ...(decisionDate ? { decisionDate } : {}),
  firstPublishedAt: new Date(`${publishedOn}T10:00:00+08:00`).toISOString(),
  releaseId: `r-${publishedOn}`,
});

describe('classifying first publications against 7 working days', () => {
  it('counts across Spring Festival 2025: decided 01-24, published 02-10 is on time, 02-11 late by one', () => {
    const report = classifyDisclosures([entry('on-time', '2025-01-24', '2025-02-10'), entry('late', '2025-01-24', '2025-02-11')], prcCalendar);
    expect(report.onTime).toEqual([expect.objectContaining({ recordId: 'on-time', workingDays: 7, daysLate: 0, publishedOn: '2025-02-10' })]);
    expect(report.late).toEqual([expect.objectContaining({ recordId: 'late', workingDays: 8, daysLate: 1, publishedOn: '2025-02-11' })]);
  });

  it('counts the make-up Saturday 2025-01-26 as a working day', () => {
    // Decided Fri 01-24: Sun 01-26 (make-up) and Mon 01-27 are working days 1 and 2, 01-28 onwards is the holiday.
    const report = classifyDisclosures([entry('a', '2025-01-24', '2025-01-27')], prcCalendar);
    expect(report.onTime[0]?.workingDays).toBe(2);
  });

  it('takes the publication date in China: 16:30 UTC is 00:30 the next day in Shanghai', () => {
    const late = { ...entry('utc', '2025-01-24', '2025-02-10'), firstPublishedAt: '2025-02-10T16:30:00.000Z' };
    expect(classifyDisclosures([late], prcCalendar).late).toEqual([expect.objectContaining({ publishedOn: '2025-02-11', daysLate: 1 })]);
  });

  it('filters by decision date, both ends inclusive, and leaves out records without one', () => {
    const entries = [entry('jan', '2025-01-02', '2025-03-01'), entry('feb', '2025-02-03', '2025-03-01'), entry('none', undefined, '2025-03-01')];
    const report = classifyDisclosures(entries, prcCalendar, { from: '2025-01-02', to: '2025-01-31' });
    expect([...report.late, ...report.onTime].map((d) => d.recordId)).toEqual(['jan']);
  });

  it('reports a year the calendar does not cover as uncounted, never guessed', () => {
    const report = classifyDisclosures([entry('old', '1999-01-04', '1999-03-01')], prcCalendar);
    expect(report.late).toEqual([]);
    expect(report.onTime).toEqual([]);
    expect(report.uncounted).toEqual([expect.objectContaining({ recordId: 'old', reason: expect.stringContaining('1999') })]);
  });

  it('lists the latest disclosures first', () => {
    const report = classifyDisclosures([entry('one', '2025-03-03', '2025-03-13'), entry('ten', '2025-03-03', '2025-03-26')], prcCalendar);
    expect(report.late.map((d) => [d.recordId, d.daysLate])).toEqual([
      ['ten', 10],
      ['one', 1],
    ]);
  });
});
