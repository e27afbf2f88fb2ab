/**
 * `npm run bench`: runs every benchmark in bench/ (or those named on the command line),
 * one process each so none warms the next. Each prints its figures as ratios against a
 * floor it measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('--'));
const wanted = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && name !== 'run.ts')
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();
if (benches.length === 0) {
  process.stderr.write(`no benchmark matches ${wanted.join(' ')}\n`);
  process.exit(2);
}
let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n== ${bench}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, bench), ...options], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
