import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runChaos, type ChaosReport } from './harness.js';
import { seedFrom } from './prng.js';
import { formatReport } from './report.js';

/**
 * CI size: 50 fault points on a few hundred records, in about eight minutes on two quiet cores.
 * No fault run starts after the budget (CHAOS_BUDGET_SECONDS, 540 by default), so a machine too
 * slow for 50 points in ten minutes fails the test in about that time rather than running on.
 */
const POINTS = 50;
const RECORDS = 200;
const BUDGET_SECONDS = Number(process.env.CHAOS_BUDGET_SECONDS ?? 540);

describe('the stack under injected faults', () => {
  const root = mkdtempSync(join(tmpdir(), 'tongyuan-chaos-test-'));
  let failed = true;
  afterAll(() => {
    if (!failed) rmSync(root, { recursive: true, force: true });
  });

  it('keeps every invariant through 50 seeded fault points', async () => {
    const seed = seedFrom(process.env.CHAOS_SEED);
    process.stdout.write(`chaos seed=${seed} (replay: CHAOS_SEED=${seed})\n`);
    const report: ChaosReport = await runChaos({ seed, points: POINTS, records: RECORDS, root, budgetSeconds: BUDGET_SECONDS });
    const text = formatReport(report, POINTS);
    process.stdout.write(`${text}\n`);
    const injected = report.outcomes.filter((o) => o.injected);
    expect(injected.length, text).toBeGreaterThanOrEqual(POINTS);
    expect(
      injected.some((o) => o.point.kind === 'runtime-kill'),
      text,
    ).toBe(true);
    expect(
      injected.some((o) => o.point.kind === 'department'),
      text,
    ).toBe(true);
    // A runtime kill or a department fault is survived: a later cycle completes and syncs the source.
    const unrecovered = injected.filter((o) => o.point.kind !== 'dynamodb-kill' && !o.recovered);
    expect(
      unrecovered.map((o) => o.point.id),
      text,
    ).toEqual([]);
    for (const invariant of report.invariants)
      expect({ name: invariant.name, holds: invariant.holds, examples: invariant.examples }, text).toEqual({ name: invariant.name, holds: true, examples: [] });
    expect(report.duplicates.accepted).toBe(0);
    failed = false;
  });
});
