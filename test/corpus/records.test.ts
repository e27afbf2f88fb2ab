import { describe, expect, it } from 'vitest';
import { loadCases } from './support/load-cases.js';
import { normalizeCase, type RecordsCase } from './support/records-target.js';

const cases = await loadCases<RecordsCase>('records');

/** Everything a quarantine entry says of why, to look reasons up in. */
const reasonsOf = (errors: readonly { path: string; message: string; messageZh: string; sourceField?: string }[]): string =>
  errors.map((e) => `${e.path} ${e.sourceField ?? ''} ${e.message} ${e.messageZh}`).join('\n');

describe('bad-input corpus: source records through mapping and validation', () => {
  it.each(cases)('$title', async ({ case: c }) => {
    const { batchError } = c.expect;
    if (batchError !== undefined) {
      const refused = await normalizeCase(c.items).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused, 'the batch was accepted').toBeInstanceOf(Error);
      expect((refused as Error).name).toBe('SourceError');
      expect((refused as Error).message).toContain('demo-enforcement');
      expect((refused as Error).message).toMatch(new RegExp(batchError));
      return;
    }
    const run = await normalizeCase(c.items);
    const summary = JSON.stringify(run.quarantined.map((q) => q.errors)).slice(0, 600);
    // Nothing lost: every item read is stored or quarantined.
    expect(run.stored.length + run.quarantined.length, summary).toBe(run.count);
    expect(run.count).toBe(c.items.length);
    if (c.expect.stored !== undefined) expect(run.stored.length, summary).toBe(c.expect.stored);
    if (c.expect.quarantined !== undefined) expect(run.quarantined.length, summary).toBe(c.expect.quarantined);
    for (const entry of run.quarantined) {
      expect(entry.errors.length).toBeGreaterThan(0);
      for (const error of entry.errors) {
        expect(error.message.length, 'an English reason').toBeGreaterThan(0);
        expect(error.messageZh.length, 'a Chinese reason').toBeGreaterThan(0);
      }
      // The item itself, or (too large or deep to copy) its locator in the raw batch.
      expect(entry.raw.length > 0 || (entry.rawTruncated === true && entry.rawKey !== '' && entry.index >= 0), 'the raw item is kept').toBe(true);
    }
    const said = reasonsOf(run.quarantined.flatMap((q) => q.errors));
    for (const reason of c.expect.reasons ?? []) expect(said, `no quarantine reason mentions ${reason}`).toContain(reason);
    if (c.expect.overflowed !== undefined) expect(run.stored.filter((s) => 'recordRef' in s.body).length).toBe(c.expect.overflowed);
  });
});
