/**
 * A whole release build at scale: BENCH_RELEASE_ROWS (default 1,000,000) current enforcement
 * decisions listed page by page as the SSOT lists them (1,000 a page, in id order, generated on
 * the fly so the source holds none), through publishDataset — id ordering, the release state and
 * its Merkle tree, the disclosure-free rows, every release format (BENCH_RELEASE_FORMATS to choose,
 * e.g. csv,jsonl,parquet) and the upload — in a child process whose V8 heap is capped at
 * BENCH_RELEASE_HEAP_MB (default 256), as in a 512 MB Lambda. Reports the child's peak RSS
 * (sampled and the kernel's maxRSS) against the 512 MB target, and the time against a floor
 * measured in the same child: the same rows generated and round-tripped through JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const rows = Number(process.env.BENCH_RELEASE_ROWS ?? 1_000_000);
const formats = process.env.BENCH_RELEASE_FORMATS?.split(',');
const heapMb = Number(process.env.BENCH_RELEASE_HEAP_MB ?? 256);
const out = (line: string) => process.stdout.write(`${line}\n`);

interface Figures {
  readonly floorMs: number;
  readonly buildMs: number;
  readonly cpuMs: number;
  readonly rowCount: number;
  readonly uploadedMb: number;
  readonly files: readonly string[];
  readonly startRssMb: number;
  readonly peakRssMb: number;
  readonly maxRssMb: number;
}

async function build(dir: string): Promise<Figures> {
  const { publishDataset } = await import('../src/publish/publish-dataset.js');
  const { releaseWriters } = await import('../src/publish/files/index.js');
  const { SYNTHETIC_COLUMNS, syntheticDecisions } = await import('./support/synthetic-decisions.js');
  const { DATASET_DEFAULTS } = await import('../test/support/dataset-config.js');
  const { fileObjectStore } = await import('./support/file-object-store.js');
  const dataset = { ...DATASET_DEFAULTS, id: 'bench-decisions', recordType: 'enforcement-decision' };
  const idOf = (i: number) => `d${String(i).padStart(8, '0')}`;
  const storedAt = '2026-12-01T00:00:00.000Z';

  let started = performance.now();
  let sink = 0;
  for (const row of syntheticDecisions(rows)) sink += JSON.parse(JSON.stringify(row)) ? 1 : 0;
  const floorMs = performance.now() - started;
  if (sink !== rows) throw new Error('generator lost rows');

  async function* listCurrent() {
    let page = [];
    let i = 0;
    for (const record of syntheticDecisions(rows)) {
      const recordId = idOf(i++);
      page.push({
        recordType: dataset.recordType,
        recordId,
        record,
        version: 1,
        contentHash: recordId,
        storedAt,
        provenance: { sourceId: 'bench', rawKey: 'raw/bench', index: i, sourceKey: recordId, extractedAt: storedAt },
      });
      if (page.length === 1000) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }
  const open = fileObjectStore(join(dir, 'bucket'));
  let latest: unknown;
  const fields = SYNTHETIC_COLUMNS.map((c) => c.field);
  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
  const cpu = process.cpuUsage();
  started = performance.now();
  const outcome = await publishDataset(dataset, {
    records: { listCurrent },
    open,
    releases: { latest: async () => latest as never, commit: async (release) => void (latest = release) },
    columns: () => SYNTHETIC_COLUMNS,
    project: () => (record) => Object.fromEntries(fields.map((f) => [f, record[f]])),
    writers: (workDir, d, columns) => releaseWriters(workDir, d, columns).filter((w) => !formats || formats.includes(w.format)),
    category: () => 'open',
    freeTextColumns: () => [],
    clock: { now: () => new Date('2026-12-01T08:00:00Z') },
    workDir: dir,
  });
  const buildMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  if (!outcome.released) throw new Error(`no release: ${JSON.stringify(outcome)}`);
  return {
    floorMs,
    buildMs,
    cpuMs: (used.user + used.system) / 1000,
    rowCount: outcome.release.rowCount,
    uploadedMb: open.bytes() / 2 ** 20,
    files: outcome.release.files.map((f) => f.format),
    startRssMb: startRss / 2 ** 20,
    peakRssMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

if (process.argv[2] === '--child') {
  const figures = await build(process.argv[3]!);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-bench-release-'));
  try {
    const child = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', fileURLToPath(import.meta.url), '--child', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const last = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !last.startsWith('{')) throw new Error(`release build failed (exit ${child.status}):\n${child.stdout}`);
    const f = JSON.parse(last) as Figures;
    out(`rows                       ${f.rowCount.toLocaleString('en')} (files: ${f.files.join(', ')}; ${f.uploadedMb.toFixed(1)} MiB uploaded)`);
    out(`floor: generate + JSON     ${(f.floorMs / 1000).toFixed(1)} s`);
    out(
      `release build              ${(f.buildMs / 1000).toFixed(1)} s wall, ${(f.cpuMs / 1000).toFixed(1)} s CPU; ${(f.buildMs / f.floorMs).toFixed(1)}x the floor`,
    );
    out(`V8 heap cap                ${heapMb} MB`);
    out(
      `peak RSS                   ${f.peakRssMb.toFixed(0)} MiB sampled, ${f.maxRssMb.toFixed(0)} MiB maxRSS (${f.startRssMb.toFixed(0)} MiB before the build); target 512 MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
