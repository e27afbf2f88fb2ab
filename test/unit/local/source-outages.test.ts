import { describe, expect, it } from 'vitest';
import { isDepartmentUnreachable, SourceOutages, type SyncFailures } from '../../../src/local/source-outages.js';

const refused = 'source demo-enforcement: http://127.0.0.1:39909/api/v1/penalties?limit=100 failed after 5 attempts: fetch failed (ECONNREFUSED)';
const down = (sourceId: string, error = refused): SyncFailures => ({ failures: [{ sourceId, error }] });
const synced: SyncFailures = { failures: [] };

/** A sleep the test releases one at a time, so each retry happens when the test says. */
function steppedSleep() {
  const waits: number[] = [];
  const pending: (() => void)[] = [];
  return {
    waits,
    sleep: (ms: number) => new Promise<void>((resolve) => (waits.push(ms), pending.push(resolve))),
    async step() {
      while (pending.length === 0) await new Promise((r) => setTimeout(r, 1));
      pending.shift()!();
      await new Promise((r) => setTimeout(r, 1));
    },
  };
}

describe('a department that stops answering', () => {
  it('is told from a data error by what its failed sync says', () => {
    expect(isDepartmentUnreachable(refused)).toBe(true);
    expect(isDepartmentUnreachable('source sql-credit: connect ECONNREFUSED 127.0.0.1:5432')).toBe(true);
    expect(isDepartmentUnreachable('source s: http://x/api failed after 5 attempts: timed out after 2000 ms')).toBe(true);
    expect(isDepartmentUnreachable('source s: http://x/api answered HTTP 404 after 1 attempt(s): not found')).toBe(false);
    expect(isDepartmentUnreachable('source s: http://x/api did not return JSON: Unterminated string')).toBe(false);
  });

  it('is synced again with growing waits, said down once, still down once and back once, then left to its schedule', async () => {
    const lines: string[] = [];
    const clock = steppedSleep();
    const answers = [down('a'), down('a'), down('a'), down('a'), down('a'), down('a'), synced];
    const asked: string[] = [];
    const outages = new SourceOutages({
      sync: async (sourceId) => (asked.push(sourceId), answers.shift()!),
      say: (line) => lines.push(line),
      backoff: { firstMs: 100, maxMs: 800 },
      sleep: clock.sleep,
    });
    outages.observe({
      failures: [
        { sourceId: 'a', error: refused },
        { sourceId: 'b', error: 'answered HTTP 404' },
      ],
    });
    expect(outages.down).toEqual(['a']);
    // A second scheduled failure while it is being retried starts no second loop.
    outages.observe(down('a'));
    for (let i = 0; i < 7; i++) await clock.step();
    expect(asked).toEqual(['a', 'a', 'a', 'a', 'a', 'a', 'a']);
    expect(outages.down).toEqual([]);
    expect(clock.waits.slice(0, 4).map((w, i) => w <= 100 * 2 ** i && w >= (100 * 2 ** i) / 2)).toEqual([true, true, true, true]);
    expect(Math.max(...clock.waits)).toBeLessThanOrEqual(800);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^source a's department is unreachable \(.*ECONNREFUSED.*\); retrying with backoff$/);
    expect(lines[1]).toMatch(/^source a's department is still unreachable/);
    expect(lines[2]).toMatch(/^source a's department is reachable again/);
  });

  it("leaves a source being retried out of its schedule's ticks until it is back", async () => {
    const clock = steppedSleep();
    const outages = new SourceOutages({ sync: async () => synced, say: () => undefined, backoff: { firstMs: 100, maxMs: 800 }, sleep: clock.sleep });
    expect(outages.scheduled({ sourceIds: ['a', 'b'] })).toEqual({ sourceIds: ['a', 'b'] });
    outages.observe(down('a'));
    expect(outages.scheduled({ sourceIds: ['a', 'b'] })).toEqual({ sourceIds: ['b'] });
    // A tick of its source alone is dropped: the retry syncs it.
    expect(outages.scheduled({ sourceIds: ['a'] })).toBeUndefined();
    await clock.step();
    expect(outages.scheduled({ sourceIds: ['a'] })).toEqual({ sourceIds: ['a'] });
  });

  it('stops retrying a department that answers again but with bad data, and says why once', async () => {
    const lines: string[] = [];
    const clock = steppedSleep();
    const outages = new SourceOutages({
      sync: async () => down('a', 'source a: http://x/api did not return JSON: Unterminated string'),
      say: (line) => lines.push(line),
      sleep: clock.sleep,
    });
    outages.observe(down('a'));
    await clock.step();
    expect(outages.down).toEqual([]);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/reachable again/), 'source a: http://x/api did not return JSON: Unterminated string']);
  });
});
