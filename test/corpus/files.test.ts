import { describe, expect, it } from 'vitest';
import { openFileTable } from '../../src/ingest/files/file-table.js';
import { MAX_REASON_BYTES } from '../../src/ingest/files/file-reason.js';
import { UnreadableFileError } from '../../src/ingest/files/unreadable-file.js';
import type { FileCase } from './support/file-case.js';
import { loadCases } from './support/load-cases.js';

const cases = await loadCases<FileCase>('files');

/**
 * Every dropped file is either read — its records all reachable through pages — or set aside
 * with an UnreadableFileError whose reasons exist in both languages, bounded in size. Any other
 * error, or a crash, fails the case: the sync would stop at the file instead of setting it aside.
 */
describe('bad-input corpus: dropped files are read or set aside with a clear reason', () => {
  it.each(cases)('$title', async ({ case: c }) => {
    const outcome = await openFileTable(c.file, c.format ?? { kind: 'csv' }, 'corpus-file', c.keyColumn ?? '序号').then(
      (table) => {
        const all = Array.from({ length: table.count }, (_, i) => i);
        const items = all.length > 0 ? table.page(all).items : [];
        return { read: table.count, items: items.length };
      },
      (error: unknown) => ({ error }),
    );
    if ('error' in outcome) {
      if (!(outcome.error instanceof UnreadableFileError)) throw outcome.error;
      const { reason, line } = outcome.error;
      expect(reason.en.length, 'an English reason').toBeGreaterThan(0);
      expect(reason.zh.length, 'a Chinese reason').toBeGreaterThan(0);
      expect(Buffer.byteLength(reason.en, 'utf8')).toBeLessThanOrEqual(MAX_REASON_BYTES);
      expect(Buffer.byteLength(reason.zh, 'utf8')).toBeLessThanOrEqual(MAX_REASON_BYTES);
      expect(
        c.expect.rejected ?? (c.expect.orRejected ? {} : undefined),
        `read ${c.expect.records} record(s), but it was set aside: ${reason.en}`,
      ).toBeDefined();
      if (c.expect.rejected?.line !== undefined) expect(line).toBe(c.expect.rejected.line);
      for (const word of c.expect.rejected?.words ?? []) expect(`${reason.en} ${reason.zh}`).toContain(word);
      return;
    }
    expect(c.expect.rejected, `expected it set aside, but ${outcome.read} record(s) were read`).toBeUndefined();
    expect(outcome.read).toBe(c.expect.records);
    expect(outcome.items, 'every record reachable through pages').toBe(outcome.read);
  });
});
