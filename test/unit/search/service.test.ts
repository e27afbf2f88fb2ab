import { describe, expect, it } from 'vitest';
import { freeTextColumns } from '../../../src/app/record-type-rules.js';
import { releasePieces } from '../../../src/app/release-pieces.js';
import { loadDatasets } from '../../../src/config/catalog.js';
import type { ObjectStreamReader } from '../../../src/ports/index.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { createSearchService, type SearchQuery } from '../../../src/search/index.js';
import { example } from '../../support/record-examples.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';

const { valid } = await loadDatasets('datasets');
const dataset = (id: string) => valid.find((d) => d.id === id)!;
const penalties = dataset('enforcement-decisions');
const restricted = dataset('property-rights-transactions-restricted');

const penalty = (id: string, partyName: string, caseName: string) =>
  storedVersion('enforcement-decision', id, { ...example('enforcement-decision'), decisionNumber: `绍柯市监罚〔2025〕${id}号`, partyName, caseName });

const readerOf = (objects: Map<string, Uint8Array>): ObjectStreamReader => ({
  getStream: async (key) => {
    const bytes = objects.get(key);
    return bytes ? { body: new Blob([bytes]).stream() } : undefined;
  },
});
const query = (q: string, more: Partial<SearchQuery> = {}): SearchQuery => ({ q, limit: 20, offset: 0, ...more });

// Publishing through the real writers (XLSX, Parquet) takes seconds on a shared machine.
describe('the search service over published releases', { timeout: 30_000 }, () => {
  it('finds an open dataset’s records and its metadata, a record that left the latest release no more', async () => {
    const records = [penalty('101', '绍兴柯桥恒达纺织有限公司', '恒达纺织销售不合格面料案'), penalty('102', '绍兴上虞明远化工有限公司', '明远化工违法排污案')];
    const { deps, objects, latest } = memoryPublish(records, { ...releasePieces, freeTextColumns, startsAt: '2026-11-28T08:00:00Z' });
    expect((await publishDataset(penalties, deps)).released).toBe(true);
    const service = createSearchService({ datasets: async () => [penalties], latestRelease: async () => latest(), open: readerOf(objects) });

    const found = await service.search(query('恒达纺织'));
    expect(found.hits.map((h) => [h.kind, h.title])).toEqual([['record', '恒达纺织销售不合格面料案']]);
    expect(found.hits[0]!.key).toEqual([
      ['authorityCode', '91350100M000100Y43'],
      ['decisionNumber', '绍柯市监罚〔2025〕101号'],
    ]);
    expect(found.hits[0]).toMatchObject({
      datasetId: 'enforcement-decisions',
      district: '柯桥区',
      department: '绍兴市柯桥区市场监督管理局',
      date: '2025-03-05',
    });
    expect((await service.search(query('xzcf'))).hits.map((h) => h.kind)).toContain('dataset');

    records.splice(0, 1);
    const first = latest()!.releaseId;
    expect((await publishDataset(penalties, { ...deps, clock: { now: () => new Date('2026-11-29T08:00:00Z') } })).released).toBe(true);
    expect(latest()!.releaseId).not.toBe(first);
    expect((await service.search(query('恒达'))).hits).toEqual([]);
    expect((await service.search(query('明远化工'))).hits.map((h) => h.title)).toEqual(['明远化工违法排污案']);
  });

  it('applies type, department, district and date filters, and pages', async () => {
    const records = [penalty('201', '甲纺织有限公司', '甲纺织案'), penalty('202', '乙纺织有限公司', '乙纺织案')];
    const { deps, objects, latest } = memoryPublish(records, { ...releasePieces, freeTextColumns, startsAt: '2026-11-28T08:00:00Z' });
    await publishDataset(penalties, deps);
    const service = createSearchService({ datasets: async () => [penalties], latestRelease: async () => latest(), open: readerOf(objects) });
    expect((await service.search(query('纺织'))).total).toBe(2);
    expect((await service.search(query('纺织', { limit: 1, offset: 1 }))).hits).toHaveLength(1);
    expect((await service.search(query('纺织', { district: '柯桥区', department: '柯桥区市场监督', type: 'enforcement-decision' }))).total).toBe(2);
    expect((await service.search(query('纺织', { district: '上虞区' }))).total).toBe(0);
    expect((await service.search(query('纺织', { type: 'service-item' }))).total).toBe(0);
    expect((await service.search(query('纺织', { from: '2025-03-05', to: '2025-03-05' }))).total).toBe(2);
    expect((await service.search(query('纺织', { from: '2025-03-06' }))).total).toBe(0);
  });

  it('never shows a restricted dataset’s rows: its release has no segment, and a restricted release is not read', async () => {
    const record = { ...example('property-rights-transaction'), projectName: '绍兴东湖酒店整体转让' };
    const { deps, objects, latest } = memoryPublish([storedVersion('property-rights-transaction', 'p1', record)], {
      ...releasePieces,
      freeTextColumns,
      startsAt: '2026-11-28T08:00:00Z',
    });
    expect((await publishDataset(restricted, deps)).released).toBe(true);
    expect(latest()!.files.map((f) => f.format)).not.toContain('search-index');
    const service = createSearchService({ datasets: async () => [restricted], latestRelease: async () => latest(), open: readerOf(objects) });
    expect((await service.search(query('东湖酒店'))).total).toBe(0);
    // Its metadata is public, as the catalog shows it.
    expect((await service.search(query('产权交易'))).hits.every((h) => h.kind === 'dataset')).toBe(true);

    // An open dataset whose latest release was built restricted (就高从严): its segment is not read even if one is listed.
    const open = memoryPublish([penalty('301', '丙纺织有限公司', '丙纺织案')], { ...releasePieces, freeTextColumns, startsAt: '2026-11-28T08:00:00Z' });
    await publishDataset(penalties, open.deps);
    const built: ReleasePointer = { ...open.latest()!, category: 'restricted' };
    const strict = createSearchService({ datasets: async () => [penalties], latestRelease: async () => built, open: readerOf(open.objects) });
    expect((await strict.search(query('丙纺织'))).total).toBe(0);
  });
});
