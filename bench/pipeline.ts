/**
 * The whole embedded pipeline on one cycle: ingest → raw zone → normalize → SSOT →
 * stream → route → feed + publish. Reports, against a floor measured in the same run
 * (the raw read of the same pages from the department's API plus a JSON round trip of
 * every item), how many times slower the pipeline is, and AWS requests per 1,000 records.
 *
 * BENCH_PIPELINE_RECORDS sets the department's size (default 5,000).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawRead } from './support/raw-read.js';

const records = Number(process.env.BENCH_PIPELINE_RECORDS ?? 5000);
process.env.TONGYUAN_DEMO_RECORDS = String(records);
// The law-enforcement department alone, so the floor reads exactly what the pipeline pulls.
const sourcesDir = mkdtempSync(join(tmpdir(), 'tongyuan-bench-sources-'));
copyFileSync(new URL('../sources/demo-enforcement.yaml', import.meta.url), join(sourcesDir, 'demo-enforcement.yaml'));
Object.assign(process.env, { TONGYUAN_DEMO_DEPARTMENTS: 'enforcement', TONGYUAN_SOURCES_DIR: sourcesDir });
// No quiet-time setting: the run's completion cuts the release at once; the debounce serves only changes outside a run.
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
// Imported after the environment is set: loggers read their level when created.
const { startStack } = await import('../src/local/stack.js');

const home = mkdtempSync(join(tmpdir(), 'tongyuan-bench-'));
const stack = await startStack(home, process.env);
const requestCounter = stack.counter;
try {
  const url = [...stack.demos.urls.values()][0]!;
  const floor = await rawRead(url);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const summary = await stack.runCycle();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const perThousand = (n: number) => ((n / summary.pulled) * 1000).toFixed(1);
  const byOperation = [...requestCounter.requests.entries()].sort((a, b) => b[1] - a[1]);

  console.log(
    `records pulled            ${summary.pulled} (${summary.records} stored, ${summary.quarantined} quarantined, ${summary.events} events, ${summary.releases} release)`,
  );
  console.log(`floor: raw read + JSON    ${floor.items} items in ${floor.ms.toFixed(0)} ms`);
  console.log(
    `pipeline                  ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU of this process (the DynamoDB Local JVM not counted)`,
  );
  console.log(`ratio pipeline / floor    ${(ms / floor.ms).toFixed(1)}x`);
  console.log(`records per second        ${((summary.pulled / ms) * 1000).toFixed(0)}`);
  console.log(`AWS requests per 1,000    ${perThousand(requestCounter.total())}`);
  for (const [operation, count] of byOperation) console.log(`  ${operation.padEnd(34)} ${perThousand(count)}`);
} finally {
  await stack.stop();
  rmSync(home, { recursive: true, force: true });
  rmSync(sourcesDir, { recursive: true, force: true });
}
