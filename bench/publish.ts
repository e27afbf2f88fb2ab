/**
 * A release's files at scale: 1,000,000 synthetic enforcement decisions (25 columns) through
 * releaseWriters to CSV, English CSV, JSONL, Parquet and XLSX in one pass, as the release
 * builder does. Reports the time spent in each writer, the total, and the writer process's
 * peak RSS (its own child process, so nothing else's memory counts). The floor, in the same
 * run: DuckDB COPY of the same rows (loaded into a DuckDB table first, untimed) to CSV and
 * to Parquet, one thread like ours.
 *
 * BENCH_PUBLISH_ROWS sets the row count (default 1,000,000); BENCH_PUBLISH_FORMATS=xlsx,parquet
 * writes only those formats (to see one writer's memory on its own); the writer process's V8
 * heap is capped at BENCH_PUBLISH_HEAP_MB (default 256), as in a 512 MB Lambda.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const rows = Number(process.env.BENCH_PUBLISH_ROWS ?? 1_000_000);
const formats = process.env.BENCH_PUBLISH_FORMATS?.split(',');
const out = (line: string) => process.stdout.write(`${line}\n`);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

interface WriterFigures {
  readonly generateMs: number;
  readonly perFormat: { name: string; format: string; writeMs: number; closeMs: number; bytes: number; closePeakRssMb: number }[];
  readonly writePeakRssMb: number;
  readonly totalMs: number;
  readonly cpuMs: number;
  readonly startRssMb: number;
  readonly peakRssMb: number;
  readonly maxRssMb: number;
}
interface FloorFigures {
  readonly loadMs: number;
  readonly csvMs: number;
  readonly parquetMs: number;
  readonly csvBytes: number;
  readonly parquetBytes: number;
}

/** Child: generate rows and write every format, timing each writer's own calls. */
async function writers(dir: string): Promise<WriterFigures> {
  const { releaseWriters } = await import('../src/publish/files/index.js');
  const { SYNTHETIC_COLUMNS, syntheticDecisions } = await import('./support/synthetic-decisions.js');
  const { DATASET_DEFAULTS } = await import('../test/support/dataset-config.js');
  const dataset = { ...DATASET_DEFAULTS, id: 'bench-decisions', recordType: 'enforcement-decision' };

  // Generating alone, so its share of the total is known.
  let started = performance.now();
  let sink = 0;
  for (const row of syntheticDecisions(rows)) sink += row.decisionNumber === undefined ? 0 : 1;
  const generateMs = performance.now() - started;

  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
  const cpu = process.cpuUsage();
  started = performance.now();
  const list = releaseWriters(dir, dataset, SYNTHETIC_COLUMNS).filter((w) => !formats || formats.includes(w.format));
  const spent = list.map(() => 0);
  for (const row of syntheticDecisions(rows)) {
    for (let i = 0; i < list.length; i++) {
      const t = performance.now();
      await list[i]!.write(row);
      spent[i]! += performance.now() - t;
    }
  }
  const writePeak = Math.max(peak, process.memoryUsage.rss());
  let overallPeak = writePeak;
  const perFormat: WriterFigures['perFormat'] = [];
  for (let i = 0; i < list.length; i++) {
    const t = performance.now();
    peak = process.memoryUsage.rss();
    const file = await list[i]!.close();
    const closePeak = Math.max(peak, process.memoryUsage.rss());
    overallPeak = Math.max(overallPeak, closePeak);
    perFormat.push({
      name: list[i]!.name,
      format: list[i]!.format,
      writeMs: spent[i]!,
      closeMs: performance.now() - t,
      bytes: file.bytes,
      closePeakRssMb: closePeak / 2 ** 20,
    });
  }

  const totalMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  if (sink !== rows) throw new Error('generator lost rows');
  return {
    generateMs,
    perFormat,
    totalMs,
    cpuMs: (used.user + used.system) / 1000,
    startRssMb: startRss / 2 ** 20,
    writePeakRssMb: writePeak / 2 ** 20,
    peakRssMb: overallPeak / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** Child: the same rows (read back from our JSONL, untimed) copied out by DuckDB. */
async function floor(dir: string): Promise<FloorFigures> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { SYNTHETIC_COLUMNS } = await import('./support/synthetic-decisions.js');
  const { typedJsonSelect, PARQUET_MEMORY_LIMIT } = await import('../src/publish/files/parquet.js');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: PARQUET_MEMORY_LIMIT, temp_directory: join(dir, 'spill') });
  const db = await instance.connect();
  const timed = async (sql: string) => {
    const t = performance.now();
    await db.run(sql);
    return performance.now() - t;
  };
  const loadMs = await timed(`CREATE TABLE rows AS ${typedJsonSelect(SYNTHETIC_COLUMNS, join(dir, 'bench-decisions.jsonl'))}`);
  const csvMs = await timed(`COPY rows TO '${join(dir, 'floor.csv')}' (FORMAT csv, HEADER)`);
  const parquetMs = await timed(`COPY rows TO '${join(dir, 'floor.parquet')}' (FORMAT parquet, COMPRESSION zstd)`);
  db.closeSync();
  instance.closeSync();
  return { loadMs, csvMs, parquetMs, csvBytes: statSync(join(dir, 'floor.csv')).size, parquetBytes: statSync(join(dir, 'floor.parquet')).size };
}

function child<T>(mode: string, dir: string): T {
  // The writer runs with a Lambda-like heap cap, so memory that grew with the rows would fail it.
  const heap = mode === 'writers' ? [`--max-old-space-size=${process.env.BENCH_PUBLISH_HEAP_MB ?? 256}`] : [];
  const result = spawnSync(process.execPath, [...heap, '--import', 'tsx', fileURLToPath(import.meta.url), mode, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`bench child ${mode} failed (${result.status})`);
  return JSON.parse(result.stdout.toString().trim().split('\n').pop()!) as T;
}

const [mode, childDir] = process.argv.slice(2);
if (mode === 'writers' || mode === 'floor') {
  const figures = mode === 'writers' ? await writers(childDir!) : await floor(childDir!);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-bench-publish-'));
  try {
    out(`release files of ${rows.toLocaleString('en')} synthetic enforcement decisions, 25 columns`);
    const ours = child<WriterFigures>('writers', dir);
    // The floor reads the rows back from our JSONL, so it runs only when that was written.
    const base = !formats || formats.includes('jsonl') ? child<FloorFigures>('floor', dir) : undefined;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
    out(`  generating the rows alone            ${seconds(ours.generateMs)}`);
    for (const f of ours.perFormat) {
      const total = f.writeMs + f.closeMs;
      const vs = !base ? undefined : f.format === 'csv' || f.format === 'csv-en' ? base.csvMs : f.format === 'parquet' ? base.parquetMs : undefined;
      out(
        `  ${f.name.padEnd(28)} ${seconds(total)}  (write ${seconds(f.writeMs).trim()}, close ${seconds(f.closeMs).trim()})  ${mib(f.bytes).padStart(10)}` +
          `  peak RSS in close ${f.closePeakRssMb.toFixed(0)} MiB` +
          (vs === undefined ? '' : `   ${(total / vs).toFixed(1)}x the floor`),
      );
    }
    out(`  all in one pass (incl. the rows)     ${seconds(ours.totalMs)}  CPU ${seconds(ours.cpuMs).trim()}`);
    out(`  peak RSS while rows were written    ${ours.writePeakRssMb.toFixed(0)} MiB`);
    out(
      `  peak RSS of the writer process       ${ours.peakRssMb.toFixed(0)} MiB sampled, ${ours.maxRssMb.toFixed(0)} MiB maxRSS (${ours.startRssMb.toFixed(0)} MiB before the first row)`,
    );
    if (base) {
      out(`  floor: DuckDB COPY table → CSV       ${seconds(base.csvMs)}  ${mib(base.csvBytes).padStart(10)}`);
      out(`  floor: DuckDB COPY table → Parquet   ${seconds(base.parquetMs)}  ${mib(base.parquetBytes).padStart(10)}`);
      out(`  (floor's table loaded untimed from our JSONL in ${(base.loadMs / 1000).toFixed(1)} s; one DuckDB thread, as ours)`);
      const floorBoth = base.csvMs + base.parquetMs;
      const comparable = ours.perFormat.filter((f) => f.format === 'csv' || f.format === 'parquet').reduce((a, f) => a + f.writeMs + f.closeMs, 0);
      out(`  ratio CSV + Parquet, ours / floor    ${(comparable / floorBoth).toFixed(1)}x`);
      out(`  ratio all formats / floor            ${(ours.totalMs / floorBoth).toFixed(1)}x`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
