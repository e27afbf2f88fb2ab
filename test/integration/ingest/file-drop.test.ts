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
import { MassDeleteRefusedError } from '../../../src/ingest/key-ledger.js';
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
    const fileDeps: FileDropDeps = {
      inbox,
      processed: new DynamoProcessedFiles(shared.clients.doc, tableName('state'), systemClock),
      rejections: { reject: async (f) => void rejected.push(f) },
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
    return { source, deps, messages, rejected, drop, items };
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

  it('turns rows missing from the next full file into tombstones, and refuses a truncated file until told', async () => {
    const { source, deps, drop, messages } = setup({ kind: 'csv' }, { deletions: { detect: 'snapshot' } });
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

    await drop('v3-truncated.csv', gbkCsv(range(1, 40)));
    await expect(syncSource(source, deps)).rejects.toThrow(MassDeleteRefusedError);
    expect((await inbox.list(source.id)).map((f) => f.name)).toEqual(['v3-truncated.csv']);
    await expect(syncSource(source, deps)).rejects.toThrow(/would delete 58 of 97 known records/);
    expect((await syncSource(source, deps, { allowMassDelete: true })).deleted).toBe(58);
    expect(await inbox.list(source.id)).toEqual([]);
  });

  it('moves an unreadable file aside and reports the line where it failed', async () => {
    const { source, deps, drop, rejected } = setup({ kind: 'csv', encoding: 'gbk' });
    const text = `${header}\n${range(1, 5).map(csvRow).join('\n')}\n6,多了一列,x,2025-01-01,??\n7,a,b,2025-01-01\n`;
    await drop('broken.csv', new Uint8Array(iconv.encode(text, 'gbk')));
    expect(await syncSource(source, deps)).toMatchObject({ pulled: 0, complete: true });
    expect(rejected).toEqual([
      expect.objectContaining({ sourceId: source.id, name: 'broken.csv', line: 7, key: expect.stringMatching(new RegExp(`^rejected/${source.id}/`)) }),
    ]);
    expect(rejected[0]!.reason).toMatch(/expect 4, got 5/);
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
