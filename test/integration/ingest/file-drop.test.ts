import { systemClock } from '../../../src/ports/index.js';
import { INGEST_ONLY_MAPPING } from '../../support/mappings.js';
import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoProcessedFiles } from '../../../src/aws/dynamo-processed-files.js';
import { S3FileInbox } from '../../../src/aws/s3-file-inbox.js';
import { S3ObjectStore } from '../../../src/aws/s3-object-store.js';
import type { SourceConfig } from '../../../src/config/catalog.js';
import type { SourceConnector } from '../../../src/ingest/connectors/connector.js';
import { fileDropConnector, type FileDropDeps } from '../../../src/ingest/connectors/file-drop.js';
import type { RejectedFile } from '../../../src/ingest/files/inbox.js';
import { QuarantineFirstRejections } from '../../../src/ingest/files/quarantine-first-rejections.js';
import { listSetAside, rejectHeldFile, releaseHeldFile } from '../../../src/ingest/files/set-aside.js';
import { failedList, syncSources } from '../../../src/ingest/sync-sources.js';
import { syncSource, type SyncDeps } from '../../../src/ingest/sync-source.js';
import type { CheckpointStore } from '../../../src/ports/index.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

let shared: SharedAws;
const tableName = (id: string): string => shared.config.resources.table(id);
const bucketName = (id: string): string => shared.config.resources.bucket(id);

type FileDropSource = Extract<SourceConfig, { kind: 'file-drop' }>;

const header = '序号,行政相对人名称,处罚决定书文号,处罚决定日期';
const csvRow = (i: number) => `${i},绍兴市越城区第${i}号商行,越市监罚〔2025〕${i}号,2025-03-${String(1 + (i % 28)).padStart(2, '0')}`;
const gbkCsv = (ids: readonly number[]) => new Uint8Array(iconv.encode(`${header}\r\n${ids.map(csvRow).join('\r\n')}\r\n`, 'gbk'));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('file-drop connector on the raw bucket inbox', () => {
  let raw: S3ObjectStore;
  let inbox: S3FileInbox;
  beforeAll(async () => {
    shared = await useSharedAws();
    raw = new S3ObjectStore(shared.clients.s3, bucketName('raw'));
    inbox = new S3FileInbox(shared.clients.s3, bucketName('raw'));
  });

  function setup(format: FileDropSource['connection']['format'], extra: Partial<FileDropSource> = {}) {
    const source: FileDropSource = {
      id: `drop-${uniqueSuffix()}`,
      title: '双公示',
      department: '市场监管局',
      kind: 'file-drop',
      recordType: 'enforcement-decision',
      mapping: INGEST_ONLY_MAPPING,
      primaryKey: '序号',
      connection: { format, batchSize: 50 },
      ...extra,
    };
    const messages: Record<string, unknown>[] = [];
    const rejected: RejectedFile[] = [];
    const quarantine = shared.app.quarantineStore();
    let failMoves = 0;
    const fileDeps: FileDropDeps = {
      inbox: {
        list: (id) => inbox.list(id),
        read: (key) => inbox.read(key),
        exists: (key) => inbox.exists(key),
        async move(from, to) {
          // A crash between recording a file and moving it, when a test asks for one.
          if (failMoves > 0 && !to.startsWith('archive/')) {
            failMoves -= 1;
            throw new Error('killed before the move');
          }
          await inbox.move(from, to);
        },
      },
      processed: new DynamoProcessedFiles(shared.clients.doc, tableName('state'), systemClock),
      // The stack's own: the entry first, then the message to normalize (kept here).
      rejections: new QuarantineFirstRejections({
        quarantine,
        recordTypeOf: async () => source.recordType,
        then: { reject: async (f) => void rejected.push(f) },
      }),
      clock: systemClock,
    };
    const connector = fileDropConnector(() => fileDeps);
    const deps: SyncDeps = {
      ...shared.app.ingestDeps(),
      connector: () => connector as unknown as SourceConnector,
      normalizeQueue: { send: async (bodies) => void messages.push(...bodies.map((b) => JSON.parse(b) as Record<string, unknown>)) },
    };
    const drop = (name: string, bytes: Uint8Array) => raw.put(`inbox/${source.id}/${name}`, bytes);
    /** Items of every distinct raw batch announced so far. */
    const items = async () => {
      const keys = [...new Set(messages.filter((m) => m.kind === 'raw-batch').map((m) => m.rawKey as string))];
      const all: Record<string, unknown>[] = [];
      for (const key of keys) all.push(...(connector.itemsOf(source, gunzipSync((await raw.get(key))!)) as Record<string, unknown>[]));
      return all;
    };
    const steward = { inbox, processed: fileDeps.processed, quarantine, clock: systemClock };
    const crashNextMove = () => void (failMoves = 1);
    return { source, deps, messages, rejected, drop, items, steward, quarantine, crashNextMove };
  }

  it('reads a GBK CSV once in pages, byte for byte, archives it, and skips the same file dropped again', async () => {
    const { source, deps, drop, items, messages } = setup({ kind: 'csv' });
    const file = gbkCsv(range(1, 230));
    await drop('双公示-2025-03.csv', file);
    const first = await syncSource(source, deps);
    expect(first).toMatchObject({ pages: 5, pulled: 230, complete: true });
    const rows = await items();
    expect(rows.map((r) => Number(r['序号']))).toEqual(range(1, 230));
    expect(rows[6]).toEqual({ 序号: '7', 行政相对人名称: '绍兴市越城区第7号商行', 处罚决定书文号: '越市监罚〔2025〕7号', 处罚决定日期: '2025-03-08' });
    // The first page is the header and the first 50 records, exactly as the department wrote them.
    const firstKey = messages[0]!.rawKey as string;
    expect(firstKey).toMatch(new RegExp(`^raw/${source.id}/\\d{4}-\\d{2}-\\d{2}/[0-9a-f]{64}\\.csv\\.gz$`));
    const headerAnd50 = file.subarray(0, iconv.encode(`${header}\r\n${range(1, 50).map(csvRow).join('\r\n')}`, 'gbk').length);
    expect(Buffer.from(gunzipSync((await raw.get(firstKey))!)).equals(Buffer.from(headerAnd50))).toBe(true);
    expect(await inbox.list(source.id)).toEqual([]);

    await drop('双公示-2025-03-again.csv', file);
    expect(await syncSource(source, deps)).toMatchObject({ pulled: 0 });
    expect(await inbox.list(source.id)).toEqual([]);

    // An operator replays an archived file: put back and synced with --full, it is read again.
    await drop('双公示-2025-03-replay.csv', file);
    expect(await syncSource(source, deps, { full: true })).toMatchObject({ pulled: 230 });
  });

  it('resumes mid-file after a crash between the raw write and the checkpoint commit', async () => {
    const { source, deps, drop, items } = setup({ kind: 'csv', encoding: 'gb18030' });
    await drop('export.csv', gbkCsv(range(1, 180)));
    let commits = 0;
    const crashing: CheckpointStore = {
      get: (id, stream) => deps.checkpoints.get(id, stream),
      async commit(id, stream, next, previous) {
        if (++commits === 2) throw new Error('killed');
        return deps.checkpoints.commit(id, stream, next, previous);
      },
    };
    await expect(syncSource(source, { ...deps, checkpoints: crashing })).rejects.toThrow('killed');
    expect((await inbox.list(source.id)).length).toBe(1);
    const resumed = await syncSource(source, deps);
    expect(resumed.pulled).toBe(130);
    expect((await items()).map((r) => Number(r['序号']))).toEqual(range(1, 180));
    expect(await inbox.list(source.id)).toEqual([]);
  });

  it('turns rows missing from the next full file into tombstones, and holds a truncated file aside until a steward releases it', async () => {
    const { source, deps, drop, messages, steward, quarantine } = setup({ kind: 'csv' }, { deletions: { detect: 'snapshot' } });
    await drop('v1.csv', gbkCsv(range(1, 100)));
    await syncSource(source, deps);
    const v2 = range(1, 100)
      .filter((i) => ![5, 50, 95].includes(i))
      .map((i) => (i === 7 ? csvRow(i).replace('第7号商行', '第7号商行（已更名）') : csvRow(i)));
    await drop('v2.csv', new Uint8Array(iconv.encode(`${header}\r\n${v2.join('\r\n')}\r\n`, 'gbk')));
    const before = messages.length;
    // Of the next full file only the changed row is sent on; the three missing rows become tombstones.
    expect(await syncSource(source, deps)).toMatchObject({ read: 97, pulled: 1, deleted: 3 });
    expect(
      messages
        .slice(before)
        .filter((m) => m.kind === 'raw-batch')
        .map((m) => m.itemCount),
    ).toEqual([1]);
    expect(messages.filter((m) => m.kind === 'tombstones')).toEqual([expect.objectContaining({ reason: 'vanished', sourceKeys: ['5', '50', '95'] })]);

    // A truncated file is held aside with its reason; the file dropped after it is not blocked.
    await drop('v3-truncated.csv', gbkCsv(range(1, 40)));
    const held = await syncSource(source, deps);
    expect(held).toMatchObject({ complete: false, deleted: 0, setAside: [{ file: 'v3-truncated.csv', disposition: 'held' }] });
    expect(held.setAside![0]!.reason.en).toMatch(/would delete 58 of 97 known records/);
    expect(held.setAside![0]!.reason.zh).toMatch(/将删除已知 97 条记录中的 58 条/);
    expect(await inbox.list(source.id)).toEqual([]);
    expect(await raw.exists(held.setAside![0]!.movedTo)).toBe(true);
    expect(held.setAside![0]!.movedTo).toMatch(new RegExp(`^held/${source.id}/`));

    // The steward decides the rows really are gone: released, the next sync takes it past the guard.
    const released = await releaseHeldFile(source.id, 'v3-truncated.csv', steward);
    expect(released.released).toEqual({ at: expect.any(String), from: held.setAside![0]!.movedTo });
    expect((await quarantine.list(source.id)).filter((e) => e.sourceKey === 'file:v3-truncated.csv')).toEqual([]);
    expect(await syncSource(source, deps)).toMatchObject({ deleted: 58, complete: true });
    expect(await inbox.list(source.id)).toEqual([]);
    expect((await listSetAside(source.id, steward))[0]).toMatchObject({ name: 'v3-truncated.csv', released: expect.anything(), present: false });
  });

  it('holds a header-only file aside while a later good file of the same source is ingested; a steward rejects it', async () => {
    const { source, deps, drop, items, steward, quarantine } = setup({ kind: 'csv' }, { deletions: { detect: 'snapshot' } });
    await drop('v1.csv', gbkCsv(range(1, 20)));
    await syncSource(source, deps);
    await drop('empty.csv', gbkCsv([]));
    await new Promise((r) => setTimeout(r, 1100));
    await drop('v2.csv', gbkCsv(range(1, 21)));
    const outcome = await syncSources([source], deps, {});
    expect(outcome.results[0]).toMatchObject({ complete: false, pulled: 1, setAside: [{ file: 'empty.csv', disposition: 'held' }] });
    expect((await items()).map((r) => Number(r['序号']))).toContain(21);
    expect(await inbox.list(source.id)).toEqual([]);
    expect(failedList(outcome)).toEqual([
      { source: source.id, file: 'empty.csv', disposition: 'held', reason: { zh: expect.stringMatching(/^数据源/), en: expect.stringMatching(/^source /) } },
    ]);
    const entry = await quarantine.get(source.id, 'file:empty.csv');
    expect(entry?.errors[0]).toMatchObject({ keyword: 'file-held', messageZh: expect.stringMatching(/^文件 empty\.csv 已暂扣/) });

    const rejectedFile = await rejectHeldFile(source.id, 'empty.csv', source.recordType, steward);
    expect(rejectedFile.key).toMatch(new RegExp(`^rejected/${source.id}/`));
    expect(await raw.exists(rejectedFile.key)).toBe(true);
    expect((await quarantine.get(source.id, 'file:empty.csv'))?.errors[0]?.keyword).toBe('file');
    await expect(releaseHeldFile(source.id, 'empty.csv', steward)).rejects.toThrow(/has no held file empty\.csv; that name was: rejected/);
  });

  it('records and quarantines a rejected file before it moves: after a crash between, the next sync finishes the move', async () => {
    const { source, deps, drop, quarantine, crashNextMove } = setup({ kind: 'csv' });
    await drop('bad.csv', new TextEncoder().encode('序号,名称\n1,"甲\n'));
    crashNextMove();
    await expect(syncSource(source, deps)).rejects.toThrow('killed before the move');
    expect((await inbox.list(source.id)).map((f) => f.name)).toEqual(['bad.csv']);
    expect(await quarantine.get(source.id, 'file:bad.csv')).toBeDefined();
    const next = await syncSource(source, deps);
    expect(next.setAside).toEqual([expect.objectContaining({ file: 'bad.csv', disposition: 'rejected' })]);
    expect(await inbox.list(source.id)).toEqual([]);
    expect(await raw.exists(next.setAside![0]!.movedTo)).toBe(true);
    expect((await quarantine.list(source.id)).filter((e) => e.sourceKey === 'file:bad.csv')).toHaveLength(1);
  });

  it('rejects a 10 MB single-line file with a bounded reason and a quarantine entry, and lists it as failed', async () => {
    const { source, deps, drop, quarantine, rejected } = setup({ kind: 'csv' });
    await drop('one-line.csv', new TextEncoder().encode(`编号,${'很长的列名'.repeat(700_000)}`));
    const outcome = await syncSources([source], deps, {});
    expect(outcome.results[0]).toMatchObject({ complete: false, setAside: [{ file: 'one-line.csv', disposition: 'rejected' }] });
    const [failure] = failedList(outcome);
    expect(failure).toMatchObject({ source: source.id, file: 'one-line.csv', disposition: 'rejected' });
    expect(Buffer.byteLength(failure!.reason.en, 'utf8')).toBeLessThanOrEqual(1024);
    expect(Buffer.byteLength(failure!.reason.zh, 'utf8')).toBeLessThanOrEqual(1024);
    expect(Buffer.byteLength(JSON.stringify(rejected[0]), 'utf8')).toBeLessThan(4096);
    expect(await raw.exists(outcome.results[0]!.setAside![0]!.movedTo)).toBe(true);
    expect(outcome.results[0]!.setAside![0]!.movedTo).toMatch(new RegExp(`^rejected/${source.id}/`));
    const entry = await quarantine.get(source.id, 'file:one-line.csv');
    expect(entry?.errors[0]?.message).toMatch(/^file one-line\.csv is unreadable at line 1: the key column "序号" is not in the header/);
    expect(entry?.errors[0]?.messageZh).toMatch(/^文件 one-line\.csv 无法读取（第 1 行）：表头中没有主键列“序号”/);
    expect(await inbox.list(source.id)).toEqual([]);
  }, 60_000);

  it('moves an unreadable file aside and reports the line where it failed', async () => {
    const { source, deps, drop, rejected } = setup({ kind: 'csv', encoding: 'gbk' });
    const text = `${header}\n${range(1, 5).map(csvRow).join('\n')}\n6,多了一列,x,2025-01-01,??\n7,a,b,2025-01-01\n`;
    await drop('broken.csv', new Uint8Array(iconv.encode(text, 'gbk')));
    expect(await syncSource(source, deps)).toMatchObject({ pulled: 0, complete: false, setAside: [{ file: 'broken.csv', disposition: 'rejected' }] });
    expect(rejected).toEqual([
      expect.objectContaining({ sourceId: source.id, name: 'broken.csv', line: 7, key: expect.stringMatching(new RegExp(`^rejected/${source.id}/`)) }),
    ]);
    expect(rejected[0]!.reason).toMatch(/^wrong number of fields: the header has 4, the line has 5; the line: 6,多了一列/);
    expect(rejected[0]!.reasonZh).toMatch(/^字段数不符：表头有 4 列，该行有 5 列；该行：6,多了一列/);
    expect(await raw.exists(rejected[0]!.key)).toBe(true);
    expect(await inbox.list(source.id)).toEqual([]);
  });

  it("reads an XLSX drop and keeps each item's row number in its raw batch", async () => {
    const { source, deps, drop, items, messages } = setup({ kind: 'xlsx', dateColumns: ['更新日期'] }, { primaryKey: '事项编码' });
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('事项');
    sheet.addRow(['事项编码', '事项名称', '更新日期']);
    for (let i = 1; i <= 60; i++) sheet.addRow([`330602-${String(i).padStart(3, '0')}`, `事项${i}`, 45658 + i]);
    await drop('service-items.xlsx', new Uint8Array(await book.xlsx.writeBuffer()));
    expect(await syncSource(source, deps)).toMatchObject({ pages: 2, pulled: 60 });
    const all = await items();
    expect(all[0]).toEqual({ 事项编码: '330602-001', 事项名称: '事项1', 更新日期: '2025-01-02' });
    const second = JSON.parse(gunzipSync((await raw.get(messages[1]!.rawKey as string))!).toString('utf8')) as { rows: number[]; file: string };
    expect(second.file).toBe('service-items.xlsx');
    expect(second.rows[0]).toBe(52);
  });
});
