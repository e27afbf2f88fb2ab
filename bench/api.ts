/**
 * The open-data API under load: autocannon against createApi served by @hono/node-server on
 * 127.0.0.1, with the real DuckDB records reader over a 1,000,000-row release Parquet written by
 * the project's Parquet writer (bench/publish.ts's synthetic enforcement decisions) in a temp
 * directory, read from a local-file bucket. Three loads, ~10 s each: (a) records with an equality
 * filter, (b) the catalog, (c) a download of the Parquet file. The floor, in the same run: the
 * same DuckDB statement as (a), run in-process on the reader's own connection, one at a time.
 *
 * BENCH_API_ROWS sets the row count (default 1,000,000); BENCH_API_SECONDS each load's duration.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { serve } from '@hono/node-server';
// @ts-expect-error autocannon ships no types
import autocannonUntyped from 'autocannon';
import { testApiDeps } from '../test/support/api-deps.js';
import { createApi } from '../src/api/app.js';
import { DuckDbRecordsReader } from '../src/api/records/duckdb-records-reader.js';
import { recordStatement } from '../src/api/records/record-sql.js';
import type { ObjectStreamReader } from '../src/ports/index.js';
import { parquetWriter } from '../src/publish/files/parquet.js';
import type { ReleasePointer } from '../src/publish/release.js';
import { DATASET_DEFAULTS } from '../test/support/dataset-config.js';
import { SYNTHETIC_COLUMNS, syntheticDecisions } from './support/synthetic-decisions.js';

const autocannon = autocannonUntyped as (options: { url: string; connections: number; duration: number }) => Promise<unknown>;
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const rows = Number(process.env.BENCH_API_ROWS ?? 1_000_000);
const seconds = Number(process.env.BENCH_API_SECONDS ?? 10);
const out = (line: string) => process.stdout.write(`${line}\n`);

interface Load {
  readonly p50: number;
  readonly p99: number;
  readonly perSecond: number;
  readonly errors: number;
  readonly non2xx: number;
}

async function load(url: string, connections: number): Promise<Load> {
  const result = (await autocannon({ url, connections, duration: seconds })) as {
    latency: { p50: number; p99: number };
    requests: { average: number };
    errors: number;
    non2xx: number;
  };
  return { p50: result.latency.p50, p99: result.latency.p99, perSecond: result.requests.average, errors: result.errors, non2xx: result.non2xx };
}

const dir = await mkdtemp(join(tmpdir(), 'tongyuan-bench-api-'));
try {
  const dataset = { ...DATASET_DEFAULTS, id: 'bench-decisions', recordType: 'enforcement-decision', fields: SYNTHETIC_COLUMNS.map((c) => c.field) };
  let started = performance.now();
  const writer = parquetWriter(dir, dataset, SYNTHETIC_COLUMNS);
  for (const row of syntheticDecisions(rows)) await writer.write(row);
  const parquet = await writer.close();
  out(
    `${rows.toLocaleString('en')}-row release Parquet written in ${((performance.now() - started) / 1000).toFixed(0)} s: ${(parquet.bytes / 2 ** 20).toFixed(1)} MiB`,
  );

  const key = `open/${dataset.id}/20261201T000000000Z-bench000/parquet/${dataset.id}.parquet`;
  const bucket: ObjectStreamReader = {
    getStream: async (wanted, range) => {
      if (wanted !== key) return undefined;
      const stream = createReadStream(parquet.path, range ? { start: range.start, end: range.end } : {});
      const size = range ? range.end - range.start + 1 : (await stat(parquet.path)).size;
      return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, contentLength: size };
    },
  };
  const release: ReleasePointer = {
    datasetId: dataset.id,
    releaseId: '20261201T000000000Z-bench000',
    createdAt: '2026-12-01T00:00:00.000Z',
    rowCount: rows,
    snapshotHash: parquet.sha256,
    manifestKey: `open/${dataset.id}/20261201T000000000Z-bench000/manifest.json`,
    files: [
      { name: `${dataset.id}.parquet`, key, format: 'parquet', mediaType: 'application/vnd.apache.parquet', bytes: parquet.bytes, sha256: parquet.sha256 },
    ],
    category: 'open',
  };
  const reader = await DuckDbRecordsReader.open({ objects: bucket, cacheDir: join(dir, 'cache') });
  // Anonymous callers of an open dataset: the grant store and signing keys are never reached.
  const app = createApi(
    testApiDeps({
      datasets: async () => [dataset],
      latestRelease: async () => release,
      releaseHistory: async () => ({ releases: [release] }),
      open: bucket,
      records: reader,
      publicBaseUrl: 'http://127.0.0.1',
      category: () => 'open',
    }),
  );
  const server = await new Promise<{ port: number; close: () => void }>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve({ port: info.port, close: () => s.close() }));
  });
  const base = `http://127.0.0.1:${server.port}`;
  // An authority with 1,000 rows spread over every row group: no row group can be skipped.
  const filter = 'authorityCode=11330600MB00000042';
  started = performance.now();
  const first = await fetch(`${base}/v1/datasets/${dataset.id}/records?${filter}&limit=100`);
  if (first.status !== 200) throw new Error(`records answered ${first.status}: ${await first.text()}`);
  out(`first records request (fetches the Parquet into the cache, opens the view): ${(performance.now() - started).toFixed(0)} ms`);

  const records = await load(`${base}/v1/datasets/${dataset.id}/records?${filter}&limit=100`, 4);
  const catalog = await load(`${base}/v1/datasets`, 10);
  const download = await load(`${base}/v1/datasets/${dataset.id}/download?format=parquet`, 2);
  server.close();

  // The floor: the records statement itself on the reader's DuckDB, one at a time.
  const opened = await reader.release(release);
  const statement = recordStatement({
    relation: opened.relation,
    columns: opened.columns,
    filters: { authorityCode: '11330600MB00000042' },
    sort: [],
    limit: 101,
  });
  const latencies: number[] = [];
  const floorStart = performance.now();
  while (performance.now() - floorStart < seconds * 1000) {
    const t = performance.now();
    await reader.engine.rows(statement.sql, statement.params);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const floor = {
    p50: latencies[Math.floor(latencies.length * 0.5)]!,
    p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]!,
    perSecond: latencies.length / ((performance.now() - floorStart) / 1000),
  };
  reader.close();

  const row = (name: string, l: Load) =>
    out(
      `  ${name.padEnd(34)} p50 ${String(l.p50).padStart(6)} ms  p99 ${String(l.p99).padStart(6)} ms  ${l.perSecond.toFixed(1).padStart(8)} req/s` +
        (l.errors || l.non2xx ? `  (${l.errors} errors, ${l.non2xx} non-2xx)` : ''),
    );
  out(`autocannon, ${seconds} s each, on 127.0.0.1:`);
  row('(a) records, equality filter (4 c)', records);
  row('(b) catalog /v1/datasets (10 c)', catalog);
  row(`(c) download ${(parquet.bytes / 2 ** 20).toFixed(1)} MiB Parquet (2 c)`, download);
  out(
    `  floor: the same DuckDB query        p50 ${floor.p50.toFixed(1).padStart(6)} ms  p99 ${floor.p99.toFixed(1).padStart(6)} ms  ${floor.perSecond.toFixed(1).padStart(8)} queries/s`,
  );
  out(
    `  ratio records / floor               p50 ${(records.p50 / floor.p50).toFixed(2)}x  p99 ${(records.p99 / floor.p99).toFixed(2)}x  throughput ${(records.perSecond / floor.perSecond).toFixed(2)}x`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
