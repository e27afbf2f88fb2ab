import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChaos } from './harness.js';
import { seedFrom } from './prng.js';
import { formatReport, verdict } from './report.js';

/**
 * `npm run chaos`: CHAOS_SEED (printed first; a failure replays with it), CHAOS_POINTS (50),
 * CHAOS_RECORDS (penalties, 200), CHAOS_BUDGET_SECONDS (no new fault run after it; none by default),
 * CHAOS_KEEP=1 keeps the state directory and the runs' logs (kept anyway on a failure).
 */
const seed = seedFrom(process.env.CHAOS_SEED);
const points = Number(process.env.CHAOS_POINTS ?? 50);
const records = Number(process.env.CHAOS_RECORDS ?? 200);
if (!Number.isInteger(points) || points < 1) throw new Error(`CHAOS_POINTS must be a positive integer; got "${process.env.CHAOS_POINTS}"`);
if (!Number.isInteger(records) || records < 20) throw new Error(`CHAOS_RECORDS must be an integer of 20 or more; got "${process.env.CHAOS_RECORDS}"`);
process.stdout.write(`chaos seed=${seed} points=${points} records=${records}\n`);
const budget = process.env.CHAOS_BUDGET_SECONDS === undefined ? undefined : Number(process.env.CHAOS_BUDGET_SECONDS);
const root = mkdtempSync(join(tmpdir(), 'tongyuan-chaos-'));
let ok = false;
try {
  const report = await runChaos({
    seed,
    points,
    records,
    root,
    ...(budget === undefined ? {} : { budgetSeconds: budget }),
    say: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${formatReport(report, points)}\n`);
  ok = verdict(report, points).ok;
} finally {
  if (process.env.CHAOS_KEEP === '1' || !ok) process.stdout.write(`state and run logs kept in ${root}\n`);
  else rmSync(root, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
