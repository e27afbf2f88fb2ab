import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const disclosed: DatasetConfig = {
  id: 'decisions',
  ...DATASET_DEFAULTS,
  recordType: 'enforcement-decision',
  license: 'CC-BY-4.0',
  disclosure: { periods: [{ decisionKind: 'penalty', months: 36, rule: '最长公示期三年', source: '国家发展和改革委员会令2023年第58号' }] },
};

const decision = (recordId: string, fields: Record<string, unknown>): StoredVersion =>
  storedVersion('enforcement-decision', recordId, {
    decisionNumber: recordId,
    decisionDate: '2026-03-01',
    publicityEndDate: '2027-03-01',
    status: 'in-force',
    ...fields,
  });

/** In-memory stores and a clock the test moves; the records never change. */
function memoryDeps(records: StoredVersion[], startsAt: string) {
  const { deps, objects, at } = memoryPublish(records, { startsAt, openColumns: () => ['decisionNumber', 'status'] });
  const numbersIn = (release: ReleasePointer) =>
    Buffer.from(objects.get(release.files.find((f) => f.format === 'jsonl')!.key)!)
      .toString('utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { decisionNumber: string }).decisionNumber);
  return { deps, numbersIn, moveTo: at };
}

describe('disclosure step of a release', () => {
  const records = [
    decision('in-force', {}),
    decision('revoked', { status: 'revoked' }),
    decision('expired', { publicityEndDate: '2026-11-26' }),
    decision('ends-today', { publicityEndDate: '2026-11-27' }),
    decision('objection', { status: 'objection' }),
  ];

  it('leaves revoked and expired decisions out and keeps one whose period ends today (China date)', async () => {
    // 2026-11-26T16:30Z is already 11-27 00:30 in Shanghai.
    const { deps, numbersIn } = memoryDeps(records, '2026-11-26T16:30:00Z');
    const outcome = await publishDataset(disclosed, deps);
    expect(outcome.released).toBe(true);
    expect(numbersIn(outcome.release!)).toEqual(['ends-today', 'in-force', 'objection']);
    expect(outcome.release!.rowCount).toBe(3);
  });

  it('suspends a decision under objection when the rules say so', async () => {
    const { deps, numbersIn } = memoryDeps(records, '2026-11-27T08:00:00Z');
    const outcome = await publishDataset({ ...disclosed, disclosure: { ...disclosed.disclosure!, objection: 'suspend' } }, deps);
    expect(numbersIn(outcome.release!)).toEqual(['ends-today', 'in-force']);
  });

  it('cuts a new release when a decision expires with no change at its source, and none when nothing expired', async () => {
    const { deps, numbersIn, moveTo } = memoryDeps(records, '2026-11-27T08:00:00Z');
    const first = await publishDataset(disclosed, deps);
    moveTo('2026-11-27T15:59:00Z'); // still 11-27 in Shanghai
    expect(await publishDataset(disclosed, deps)).toMatchObject({ released: false, reason: 'unchanged' });
    moveTo('2026-11-27T16:00:00Z'); // 11-28 00:00 in Shanghai: 'ends-today' has expired
    const next = await publishDataset(disclosed, deps);
    expect(next.released).toBe(true);
    expect(numbersIn(next.release!)).toEqual(['in-force', 'objection']);
    expect(next.release!.snapshotHash).not.toBe(first.release!.snapshotHash);
  });

  it('publishes every current record of a dataset without disclosure rules', async () => {
    const { deps } = memoryDeps(records, '2026-11-27T08:00:00Z');
    const { disclosure: _rules, ...plain } = disclosed;
    expect((await publishDataset(plain, deps)).release!.rowCount).toBe(records.length);
  });
});
