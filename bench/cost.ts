/**
 * `npm run bench -- cost`: what a million records cost on AWS, measured through the
 * embedded stack (ingest → SSOT → publish → feeds) with the law-enforcement department
 * alone, in three runs: the records NEW, the same records CHANGED (each decision's case
 * name corrected at the department), and an UNCHANGED full re-sync. Every request is
 * booked by the function that made it; DynamoDB units follow AWS's rules; prices come from
 * bench/cost/prices.ts. Beside the figures: the targets of issue 12.
 *
 * BENCH_COST_RECORDS sets the department's size (default 2,000).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const records = Number(process.env.BENCH_COST_RECORDS ?? 2000);
process.env.TONGYUAN_DEMO_RECORDS = String(records);
const sourcesDir = mkdtempSync(join(tmpdir(), 'tongyuan-bench-sources-'));
copyFileSync(new URL('../sources/demo-enforcement.yaml', import.meta.url), join(sourcesDir, 'demo-enforcement.yaml'));
Object.assign(process.env, { TONGYUAN_DEMO_DEPARTMENTS: 'enforcement', TONGYUAN_SOURCES_DIR: sourcesDir });
// Changes made outside a source run wait this quiet time before a release: keep it short here.
process.env.TONGYUAN_PUBLISH_QUIET_SECONDS = '1';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
// Imported after the environment is set: loggers read their level when created.
const { startStack } = await import('../src/local/stack.js');
const { loadSubscribers } = await import('../src/config/subscribers.js');
const { modelWith } = await import('../src/infra/subscriber-resources.js');
const { CostProbe, stageMap } = await import('./cost/measure.js');
const { priceScenario, summarize } = await import('./cost/pricing.js');
const { detailTables, summaryTable } = await import('./cost/report.js');

const home = mkdtempSync(join(tmpdir(), 'tongyuan-bench-'));
const stack = await startStack(home, process.env, { rateLimit: false });
try {
  // The stack's own resource model: its tables' indexes, the functions' triggers, the subscriptions.
  const model = modelWith((await loadSubscribers(stack.app.config.catalogDirs.subscribers)).valid);
  const probe = new CostProbe(stack, model);
  const fresh = await probe.scenario('NEW', { full: false });
  // Every decision corrected at the department: a fresh update_time, so the incremental pull sees them all.
  for (const record of stack.demos.enforcement.snapshot()) stack.demos.enforcement.upsert({ ...record, cf_ajmc: `${record.cf_ajmc}（更正）` });
  const changed = await probe.scenario('CHANGED', { full: false });
  const unchanged = await probe.scenario('UNCHANGED', { full: true });
  probe.stop();
  const measures = [fresh, changed, unchanged];
  const stages = stageMap(model, stack);
  const summaries = measures.map((m) => summarize(m, priceScenario(m, stages)));
  console.log([...summaryTable(summaries), ...detailTables(measures, stages)].join('\n'));
} finally {
  await stack.stop();
  rmSync(home, { recursive: true, force: true });
  rmSync(sourcesDir, { recursive: true, force: true });
}
