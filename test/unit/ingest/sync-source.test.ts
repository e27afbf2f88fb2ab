import { describe, expect, it } from 'vitest';
import { INGEST_ONLY_MAPPING } from '../../support/mappings.js';
import type { SourceConfig } from '../../../src/config/catalog.js';
import { insideWindow } from '../../../src/ingest/extraction-window.js';
import { MassDeleteRefusedError, vanishedKeys } from '../../../src/ingest/key-ledger.js';
import { liveItems } from '../../../src/ingest/source-items.js';
import { syncSource } from '../../../src/ingest/sync-source.js';
import { memoryDeps, tableConnector } from './memory-deps.js';

const base: SourceConfig = {
  id: 'dept',
  title: 'Dept',
  department: 'd',
  kind: 'http-json',
  recordType: 't',
  mapping: INGEST_ONLY_MAPPING,
  connection: { baseUrl: 'http://x', path: '/', pagination: { kind: 'cursor', nextCursorField: 'n' } },
};
const table = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `row ${i + 1}` }));

describe('syncSource: checkpoints after durable raw batches', () => {
  it('a crash between the raw write and the checkpoint commit resumes with nothing lost and nothing repeated', async () => {
    const rows = table(10);
    const { deps, checkpointStore, normalizedItems, objects } = memoryDeps(tableConnector(() => rows, 3));
    await syncSource(base, deps, { maxPages: 1 });
    checkpointStore.failNextCommit = true;
    await expect(syncSource(base, deps)).rejects.toThrow('crash between the raw write and the checkpoint commit');
    const rawBatchesAtCrash = objects.size;
    const result = await syncSource(base, deps);
    expect(result.complete).toBe(true);
    // The page written before the crash is pulled again, lands on the same raw key, and adds no batch.
    expect(objects.size).toBe(4);
    expect(rawBatchesAtCrash).toBe(2);
    const ids = normalizedItems((raw) => JSON.parse(new TextDecoder().decode(raw)) as unknown[]).map((r) => (r as { id: number }).id);
    expect(ids).toEqual(rows.map((r) => r.id));
  });

  it('stops when the extraction window closes and says so', async () => {
    const inside = new Date('2026-01-01T15:00:00Z'); // 23:00 in Shanghai
    const outside = new Date('2026-01-01T03:00:00Z'); // 11:00 in Shanghai
    const windowed = { ...base, extractionWindow: { start: '22:00', end: '06:00' } };
    const { deps } = memoryDeps(
      tableConnector(() => table(5), 2),
      () => outside,
    );
    expect(await syncSource(windowed, deps)).toMatchObject({ pulled: 0, complete: false, note: 'outside the extraction window 22:00–06:00 (Asia/Shanghai)' });
    expect(insideWindow(windowed.extractionWindow, inside)).toBe(true);
    expect(insideWindow({ start: '22:00', end: '06:00' }, new Date('2026-01-01T21:59:00Z'))).toBe(true); // 05:59
    expect(insideWindow({ start: '22:00', end: '06:00' }, new Date('2026-01-01T22:00:00Z'))).toBe(false); // 06:00
    expect(insideWindow({ start: '09:00', end: '17:00', timeZone: 'UTC' }, new Date('2026-01-01T16:59:00Z'))).toBe(true);
  });
});

describe('syncSource: deletions', () => {
  const snapshotSource: SourceConfig = { ...base, deletions: { detect: 'snapshot' } };

  it('keys that vanished after a complete pull become tombstones', async () => {
    let rows = table(40);
    const { deps, messages } = memoryDeps(tableConnector(() => rows, 7));
    await syncSource(snapshotSource, deps);
    rows = rows.filter((r) => r.id !== 3 && r.id !== 17);
    const result = await syncSource(snapshotSource, deps, { full: true });
    expect(result.deleted).toBe(2);
    const tombstones = messages.filter((m) => m.kind === 'tombstones');
    expect(tombstones).toEqual([expect.objectContaining({ sourceId: 'dept', reason: 'vanished', sourceKeys: ['17', '3'] })]);
  });

  it('refuses to delete more than the share limit without --allow-mass-delete, and deletes with it', async () => {
    let rows = table(100);
    const { deps, messages } = memoryDeps(tableConnector(() => rows, 25));
    await syncSource(snapshotSource, deps);
    rows = rows.slice(0, 50); // a truncated export
    await expect(syncSource(snapshotSource, deps, { full: true })).rejects.toThrow(MassDeleteRefusedError);
    await expect(syncSource(snapshotSource, deps, { full: true })).rejects.toThrow(
      /^source dept: snapshot pull-2026-01-01T12:00:00.000Z-\w+ would delete 50 of 100 known records \(50.0%, over the limit of 10.0%\); nothing was deleted\./,
    );
    // The refusal is said in Chinese too, each language on its own.
    const refused = await syncSource(snapshotSource, deps, { full: true }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      messageZh: expect.stringMatching(/^数据源 dept：快照 .* 将删除已知 100 条记录中的 50 条（50\.0%，超过上限 10\.0%），未删除任何记录。/),
    });
    expect(messages.filter((m) => m.kind === 'tombstones')).toEqual([]);
    const allowed = await syncSource(snapshotSource, deps, { full: true, allowMassDelete: true });
    expect(allowed.deleted).toBe(50);
  });

  it('an incremental run records its keys, so a later full pull sees them vanish too', async () => {
    let rows = table(10);
    const { deps } = memoryDeps(tableConnector(() => rows, 4));
    await syncSource(snapshotSource, deps);
    rows = [...rows, { id: 11, name: 'new' }];
    await syncSource(snapshotSource, deps); // incremental: reads id 11 only
    rows = rows.filter((r) => r.id !== 11);
    expect((await syncSource(snapshotSource, deps, { full: true })).deleted).toBe(1);
  });

  it('rows with a deleted flag become tombstones and never reach normalize as records', async () => {
    const flagged: SourceConfig = { ...base, deletions: { detect: 'flag', field: 'is_deleted' } };
    const rows = [
      { id: 1, is_deleted: 0 },
      { id: 2, is_deleted: 1 },
      { id: 3, is_deleted: 'Y' },
    ];
    const { deps, messages } = memoryDeps(tableConnector(() => rows, 10, false));
    expect((await syncSource(flagged, deps)).deleted).toBe(2);
    expect(messages.find((m) => m.kind === 'tombstones')).toMatchObject({ reason: 'flagged', sourceKeys: ['2', '3'] });
    expect(liveItems(flagged, rows)).toEqual([{ id: 1, is_deleted: 0 }]);
  });

  it('counts the share against the keys known before', () => {
    const keys = (...list: string[]) => new Map(list.map((k) => [k, '']));
    const recorded = new Map([
      ['old', keys('a', 'b', 'c')],
      ['delta', keys('d')],
      ['new', keys('a', 'c')],
    ]);
    expect(vanishedKeys(recorded, 'new')).toEqual({ vanished: ['b', 'd'], known: 4 });
  });
});

describe('sync progress as the CLI shows it', () => {
  it('draws a bar with rate and ETA when the total is known, a count and rate when not', async () => {
    const { progressLine, progressJson } = await import('../../../src/cli/sync-progress.js');
    const progress = { sourceId: 'credit', page: 3, items: 100, pulled: 300, read: 300, expectedTotal: 1200, rawKey: 'raw/k' };
    expect(progressLine(progress, 3000)).toBe('credit  [######..................] 300/1200 25%  100 rec/s  ETA 9s');
    expect(progressLine({ ...progress, expectedTotal: undefined }, 3000)).toBe('credit  300 records  100 rec/s');
    // A snapshot file: rows read drive the bar, the changed rows are said beside it.
    expect(progressLine({ ...progress, pulled: 2, read: 600 }, 3000)).toBe('credit  [############............] 600/1200 50%, 2 changed  200 rec/s  ETA 3s');
    expect(JSON.parse(progressJson(progress, 3000))).toEqual({ event: 'page', ...progress, ratePerSecond: 100 });
  });
});

describe('per-source schedules in the local runtime', () => {
  it('gives each source schedule its own timer with the sources on it, and the rest the function rate', async () => {
    const { sourceSchedulePlan } = await import('../../../src/infra/source-schedules.js');
    const sources: SourceConfig[] = [
      { ...base, id: 'a', schedule: { everyMinutes: 15 } },
      { ...base, id: 'b' },
      { ...base, id: 'c', schedule: { everyMinutes: 15 } },
      { ...base, id: 'd', schedule: { everyMinutes: 1440 } },
    ];
    const plan = sourceSchedulePlan(sources);
    const ingest = { id: 'ingest' } as Parameters<typeof plan>[0];
    expect(plan(ingest, 60)).toEqual([
      { event: { sourceIds: ['a', 'c'] }, everyMinutes: 15 },
      { event: { sourceIds: ['b'] }, everyMinutes: 60 },
      { event: { sourceIds: ['d'] }, everyMinutes: 1440 },
    ]);
    expect(plan({ id: 'publish' } as Parameters<typeof plan>[0], 5)).toEqual([{ event: {}, everyMinutes: 5 }]);
  });
});
