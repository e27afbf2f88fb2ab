import { describe, expect, it } from 'vitest';
import { allowedAge, isOverdue, overdueNow, releaseQualityObserver, type UpdateFrequency } from '../../../src/publish/release-quality.js';
import { sourceValidity } from '../../../src/publish/source-validity.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const now = new Date('2026-12-01T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const dataset = (updateFrequency: UpdateFrequency = 'daily') => ({ id: 'penalties', fields: ['caseNumber', 'partyName', 'amount', 'tags'], updateFrequency });

describe('completeness per field', () => {
  it('is the share of rows with a value; empty strings, null and empty lists are missing', () => {
    const observer = releaseQualityObserver(dataset());
    observer.observe({ caseNumber: 'A1', partyName: '某公司', amount: 0, tags: ['x'] });
    observer.observe({ caseNumber: 'A2', partyName: '  ', amount: null, tags: [] });
    observer.observe({ caseNumber: 'A3' });
    observer.observe({ caseNumber: 'A4', partyName: '乙公司', amount: 5 });
    const q = observer.result({ now, validity: { valid: 4, quarantined: 0 } });
    expect(q.rowCount).toBe(4);
    // amount 0 is a value; two of three missing amounts are null/absent.
    expect(q.completeness).toEqual({ caseNumber: 1, partyName: 0.5, amount: 0.5, tags: 0.25 });
    expect(Object.keys(q.completeness)).toEqual(['caseNumber', 'partyName', 'amount', 'tags']);
  });

  it('rounds to four decimals and is 1 for an empty release', () => {
    const observer = releaseQualityObserver(dataset());
    for (const caseNumber of ['a', 'b', undefined]) observer.observe({ caseNumber });
    expect(observer.result({ now, validity: { valid: 3, quarantined: 0 } }).completeness.caseNumber).toBe(0.6667);
    expect(releaseQualityObserver(dataset()).result({ now, validity: { valid: 0, quarantined: 0 } }).completeness).toEqual({
      caseNumber: 1,
      partyName: 1,
      amount: 1,
      tags: 1,
    });
  });
});

describe('validity rate', () => {
  it('is valid / (valid + quarantined), null when the sources delivered nothing', () => {
    const q = (valid: number, quarantined: number) => releaseQualityObserver(dataset()).result({ now, validity: { valid, quarantined } }).validity;
    expect(q(90, 10)).toEqual({ valid: 90, quarantined: 10, rate: 0.9 });
    expect(q(0, 3).rate).toBe(0);
    expect(q(7, 0).rate).toBe(1);
    expect(q(0, 0).rate).toBeNull();
  });

  it('counts the validation entries of the record type’s own sources only', async () => {
    const asked: [string, string | undefined][] = [];
    const quarantine = {
      count: async (sourceId: string, kind?: string) => {
        asked.push([sourceId, kind]);
        return sourceId === 'market' ? 3 : 2;
      },
    };
    const sources = [
      { id: 'market', recordType: 'enforcement-decision' as const },
      { id: 'transport', recordType: 'enforcement-decision' as const },
      { id: 'gazette', recordType: 'gazette-issue' as const },
    ];
    expect(await sourceValidity('enforcement-decision', 95, sources, quarantine)).toEqual({ valid: 95, quarantined: 5 });
    expect(asked).toEqual([
      ['market', 'validation'],
      ['transport', 'validation'],
    ]);
  });
});

describe('freshness and the overdue rule', () => {
  it.each([
    ['continuous', HOUR],
    ['daily', DAY + 6 * HOUR],
    ['weekly', 8 * DAY],
    ['monthly', 32 * DAY],
    ['quarterly', 93 * DAY],
    ['semiannual', 184 * DAY],
    ['annual', 367 * DAY],
  ] as const)('%s: overdue only once the last change is older than %d ms', (frequency, limit) => {
    expect(allowedAge(frequency)).toBe(limit / 1000);
    expect(isOverdue(frequency, ago(limit), now)).toBe(false);
    expect(isOverdue(frequency, ago(limit + 1000), now)).toBe(true);
    expect(isOverdue(frequency, ago(limit / 2), now)).toBe(false);
  });

  it('an irregular dataset is never overdue; an unknown last change is not judged', () => {
    expect(allowedAge('irregular')).toBeNull();
    expect(isOverdue('irregular', ago(3650 * DAY), now)).toBe(false);
    expect(isOverdue('daily', undefined, now)).toBe(false);
  });

  it('takes the newest change among the rows and the change mark', () => {
    const observer = releaseQualityObserver(dataset('daily'));
    observer.observe({ caseNumber: 'a' }, ago(3 * DAY).toISOString());
    observer.observe({ caseNumber: 'b' }, ago(2 * DAY).toISOString());
    observer.observe({ caseNumber: 'c' });
    const stale = observer.result({ now, validity: { valid: 3, quarantined: 0 } }).freshness;
    expect(stale).toEqual({
      updateFrequency: 'daily',
      lastSourceChange: ago(2 * DAY).toISOString(),
      secondsSinceChange: 2 * 86_400,
      allowedSeconds: 30 * 3600,
      overdue: true,
    });
    const marked = observer.result({ now, validity: { valid: 3, quarantined: 0 }, changeMark: ago(HOUR) }).freshness;
    expect(marked).toMatchObject({ lastSourceChange: ago(HOUR).toISOString(), secondsSinceChange: 3600, overdue: false });
  });

  it('a release fresh when built becomes overdue as time passes without change', () => {
    const observer = releaseQualityObserver(dataset('weekly'));
    observer.observe({ caseNumber: 'a' }, ago(DAY).toISOString());
    const quality = observer.result({ now, validity: { valid: 1, quarantined: 0 } });
    expect(quality.freshness.overdue).toBe(false);
    expect(overdueNow(quality, new Date(now.getTime() + 6 * DAY))).toBe(false);
    expect(overdueNow(quality, new Date(now.getTime() + 8 * DAY))).toBe(true);
  });

  it('names the dataset when a row’s change time is not a date', () => {
    expect(() => releaseQualityObserver(dataset()).observe({}, 'yesterday')).toThrow('dataset penalties: row change time "yesterday" is not a date');
  });
});
