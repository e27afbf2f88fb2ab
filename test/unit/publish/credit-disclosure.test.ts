import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDatasets } from '../../../src/config/catalog.js';
import { feedChangesOf } from '../../../src/feeds/classify.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';

const { valid } = await loadDatasets(fileURLToPath(new URL('../../../datasets', import.meta.url)));
const dataset = valid.find((d) => d.id === 'credit-records')!;

const credit = (recordNumber: string, fields: Record<string, unknown>): StoredVersion =>
  storedVersion('credit-record', recordNumber, {
    recordNumber,
    category: 'administrative-penalty',
    severity: 'general',
    listKind: 'administrative',
    authorityType: 'administrative-organ',
    decisionDate: '2026-09-01',
    publicityStartDate: '2026-09-01',
    repairStatus: 'not-repaired',
    ...fields,
  });

describe('the credit dataset release', () => {
  it('leaves out a record repaired since the last release, an expired one and the court list, with no change of rules', async () => {
    const records = [
      credit('open', {}),
      credit('expired', { decisionDate: '2025-11-30', publicityStartDate: '2025-11-30' }),
      credit('court', { category: 'judgment-defaulter-list', listKind: 'judicial', authorityType: 'people-court' }),
    ];
    const { deps, objects, at } = memoryPublish(records, { startsAt: '2026-12-01T02:00:00Z', openColumns: () => ['recordNumber'] });
    const numbersIn = (release: ReleasePointer) =>
      Buffer.from(objects.get(release.files.find((f) => f.format === 'jsonl')!.key)!)
        .toString('utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { recordNumber: string }).recordNumber);
    const first = await publishDataset(dataset, deps);
    expect(numbersIn(first.release!)).toEqual(['open']);
    // The competent body grants repair: the record's next version is repaired.
    records[0] = credit('open', { repairStatus: 'repaired', repairedDate: '2026-12-02' });
    at('2026-12-02T02:00:00Z');
    const next = await publishDataset(dataset, deps);
    expect(next.released).toBe(true);
    expect(next.release!.rowCount).toBe(0);
  });

  it('a repaired record is withdrawn on the Yangtze-Delta feed at once (停止共享), without its content, due in three working days', () => {
    const repaired = { ...credit('open', { repairStatus: 'repaired', repairedDate: '2026-12-02' }), version: 2, storedAt: '2026-12-02T02:00:00Z' };
    const changes = feedChangesOf([repaired], { datasets: valid, freeTextColumns: () => [], today: '2026-12-02' });
    expect(changes.map((c) => [c.feed, c.entity, c.action, c.carriesRecord, c.reason, c.deadline])).toEqual([
      ['yrd', 'credit', 'repaired', false, 'repaired', '2026-12-07'],
    ]);
  });
});
