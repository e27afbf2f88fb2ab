import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DatasetConfig } from '../../src/config/catalog.js';
import { releaseColumns } from '../../src/grading/index.js';
import { releaseParquetKey } from '../../src/infra/query-tables.js';
import type { ObjectStream, ObjectStreamReader } from '../../src/ports/index.js';
import { parquetWriter } from '../../src/publish/files/parquet.js';
import type { Row } from '../../src/publish/release-columns.js';
import type { ReleaseFile, ReleasePointer } from '../../src/publish/release.js';
import { stateIndexKey } from '../../src/publish/release-state.js';
import { DATASET_DEFAULTS } from './dataset-config.js';

/** An in-memory bucket that streams its objects (and honours a byte range), counting reads. */
export class MemoryBucket implements ObjectStreamReader {
  readonly objects = new Map<string, Uint8Array>();
  readonly reads: string[] = [];

  put(key: string, body: Uint8Array | string): void {
    this.objects.set(key, typeof body === 'string' ? Buffer.from(body) : body);
  }

  async getStream(key: string, range?: { start: number; end: number }): Promise<ObjectStream | undefined> {
    const bytes = this.objects.get(key);
    if (!bytes) return undefined;
    this.reads.push(key);
    const part = range ? bytes.subarray(range.start, range.end + 1) : bytes;
    return { body: new Blob([part]).stream(), contentLength: part.byteLength };
  }
}

/** A dataset of enforcement decisions with Chinese titles from the record type. */
export const decisions = (id: string): DatasetConfig => ({
  ...DATASET_DEFAULTS,
  id,
  recordType: 'enforcement-decision',
  fields: ['decisionNumber', 'caseName', 'authority', 'decisionDate', 'fineYuan', 'district', 'penaltyTypes', 'sourceUpdatedAt'],
});

export interface ReleasedRecord {
  readonly id: string;
  readonly row: Row;
}

const file = (key: string, name: string, format: string, mediaType: string, bytes: Uint8Array): ReleaseFile => ({
  key,
  name,
  format,
  mediaType,
  bytes: bytes.byteLength,
  sha256: createHash('sha256').update(bytes).digest('hex'),
});

/**
 * Publishes a release of `records` (sorted by id, as a release is) into the bucket the way the
 * release builder lays it out: the Parquet file by the project's writer, the changes file, and
 * the private state with each record's id.
 */
export async function putRelease(
  bucket: MemoryBucket,
  dataset: DatasetConfig,
  releaseId: string,
  records: readonly ReleasedRecord[],
  changes: readonly { change: 'added' | 'changed' | 'removed'; recordId: string; reason?: string }[] = [],
): Promise<ReleasePointer> {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const dir = await mkdtemp(join(tmpdir(), 'records-release-'));
  try {
    const writer = parquetWriter(dir, dataset, releaseColumns(dataset));
    for (const record of sorted) await writer.write(record.row);
    const written = await writer.close();
    const parquet = await readFile(written.path);
    const parquetKey = releaseParquetKey('open', dataset.id, releaseId);
    bucket.put(parquetKey, parquet);
    const changesText = Buffer.from(changes.map((c) => `${JSON.stringify(c)}\n`).join(''));
    const changesKey = `open/${dataset.id}/${releaseId}/changes.jsonl`;
    bucket.put(changesKey, changesText);
    const partKey = `state/${dataset.id}/${releaseId}/part-00000.jsonl.gz`;
    const state = sorted.map((r, i) => `${JSON.stringify({ id: r.id, v: 1, h: `h${i}`, row: r.row })}\n`).join('');
    // A waiting record is in the state but not in the release: it must not shift positions.
    bucket.put(partKey, gzipSync(`${JSON.stringify({ id: '~waiting', v: 1, h: 'w', waiting: true })}\n${state}`));
    bucket.put(
      stateIndexKey(dataset.id, releaseId),
      JSON.stringify({
        format: 1,
        datasetId: dataset.id,
        releaseId,
        definitionHash: 'd',
        watermark: '',
        parts: [{ key: partKey, lines: sorted.length + 1, waiting: 1 }],
      }),
    );
    return {
      datasetId: dataset.id,
      releaseId,
      createdAt: `${releaseId.slice(0, 4)}-${releaseId.slice(4, 6)}-${releaseId.slice(6, 8)}T${releaseId.slice(9, 11)}:${releaseId.slice(11, 13)}:00.000Z`,
      rowCount: sorted.length,
      snapshotHash: releaseId,
      manifestKey: `open/${dataset.id}/${releaseId}/manifest.json`,
      files: [
        file(parquetKey, `${dataset.id}.parquet`, 'parquet', 'application/vnd.apache.parquet', parquet),
        file(changesKey, 'changes.jsonl', 'changes', 'application/x-ndjson', changesText),
      ],
      category: 'open',
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
