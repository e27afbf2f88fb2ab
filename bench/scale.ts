/**
 * The scale run: the law-enforcement department at several sizes (BENCH_SCALE_SIZES, default
 * 5,000, 10,000, 50,000 and 100,000 decisions), each end to end through a fresh embedded stack
 * in a process of its own. Per size: wall time, records/s, the ratio to a floor measured in the
 * same process (the department's pages read and round-tripped through JSON), peak RSS of the
 * stack's process and of DynamoDB Local's JVM, AWS requests per 1,000 records; then how time
 * grows against the data (linear: 10x the records in 10x the time). The subscribers read and
 * delete their feed messages while the cycle runs, as a deployment's do (uncounted: their
 * requests are not the platform's). The run summary's counting is timed apart, outside the wall
 * time; time per record by request operation and handler shows which part grows with the size.
 */
import { spawnSync } from 'node:child_process';
import { requestTable, scaleTable, spanTable, type ScaleResult } from './scale/measure.js';

const sizes = (process.env.BENCH_SCALE_SIZES ?? '5000,10000,50000,100000').split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_SCALE_SIZES must be positive integers; got "${process.env.BENCH_SCALE_SIZES}"`);

const results: ScaleResult[] = [];
for (const size of sizes) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', new URL('./scale/one-size.ts', import.meta.url).pathname, String(size)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !last.startsWith('{')) {
    process.stderr.write(`size ${size} failed (exit ${run.status}):\n${run.stdout}\n`);
    process.exit(1);
  }
  const result = JSON.parse(last) as ScaleResult;
  results.push(result);
  // Each size's full row as soon as it is measured: a later size that runs out of time loses nothing before it.
  for (const line of scaleTable([result])) process.stdout.write(`${line}\n`);
  process.stdout.write(`  run summary's counting, after the cycle: ${(result.summaryMs / 1000).toFixed(1)} s; ${result.releases} release(s)\n`);
  for (const line of spanTable([result])) process.stdout.write(`${line}\n`);
}
console.log();
for (const line of scaleTable(results)) console.log(line);
console.log();
for (const line of requestTable(results)) console.log(line);
console.log();
for (const line of spanTable(results)) console.log(line);
