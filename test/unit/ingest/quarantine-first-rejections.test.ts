import { describe, expect, it } from 'vitest';
import type { RejectedFile } from '../../../src/ingest/files/inbox.js';
import { QuarantineFirstRejections } from '../../../src/ingest/files/quarantine-first-rejections.js';
import { rejectionMessage } from '../../../src/ingest/files/queue-rejections.js';
import { rejectedFileEntry } from '../../../src/normalize/quarantine-file.js';
import type { RejectedFileRequest } from '../../../src/normalize/request.js';
import type { QuarantineEntry } from '../../../src/quarantine/entry.js';

const file = (reason: string): RejectedFile => ({
  sourceId: 'drop-1',
  name: 'one-line.csv',
  key: 'rejected/drop-1/2026-12-02/abc-one-line.csv',
  contentHash: 'ab'.repeat(32),
  line: 1,
  reason,
  reasonZh: `表头：${reason}`,
  disposition: 'rejected',
  rejectedAt: '2026-12-02T05:00:00.000Z',
});

function harness(failQuarantine = false) {
  const steps: string[] = [];
  const entries: QuarantineEntry[] = [];
  const rejections = new QuarantineFirstRejections({
    quarantine: {
      put: async (put) => {
        if (failQuarantine) throw new Error('quarantine table unreachable');
        steps.push('entry');
        entries.push(...put);
      },
    },
    recordTypeOf: async (sourceId) => (sourceId === 'drop-1' ? 'enforcement-decision' : 'unknown'),
    then: { reject: async (f) => void steps.push(`message ${f.name}`) },
  });
  return { steps, entries, rejections };
}

describe('a set-aside file is quarantined by the sync before anything else', () => {
  it('writes the entry, under the source record type, before the message to normalize', async () => {
    const { steps, entries, rejections } = harness();
    await rejections.reject(file('the key column is not in the header'));
    expect(steps).toEqual(['entry', 'message one-line.csv']);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ sourceId: 'drop-1', recordType: 'enforcement-decision', sourceKey: 'file:one-line.csv', rawKey: file('').key });
  });

  it('writes the same entry normalize writes from the message, reasons bounded as in the message', async () => {
    const { entries, rejections } = harness();
    const long = file(`header ${'很长的列名'.repeat(50_000)}`);
    await rejections.reject(long);
    const asNormalizeReadsIt = JSON.parse(rejectionMessage(long)) as RejectedFileRequest;
    expect(entries[0]).toEqual(rejectedFileEntry(asNormalizeReadsIt, 'enforcement-decision'));
    expect(Buffer.byteLength(JSON.stringify(entries[0]), 'utf8')).toBeLessThan(8 * 1024);
  });

  it('sends nothing on when the entry could not be written: the file stays in the inbox for the next sync', async () => {
    const { steps, rejections } = harness(true);
    await expect(rejections.reject(file('unreadable'))).rejects.toThrow('quarantine table unreachable');
    expect(steps).toEqual([]);
  });
});
