import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePenalties } from '../../demo/enforcement/generate.js';
import { DEMO_SEED, demoAsOf } from '../../demo/departments.js';
import { chinaDate } from '../../src/calendar/index.js';
import { startStack, type EmbeddedStack } from '../../src/local/stack.js';
import { startCli } from '../support/cli.js';
import { countPublicRecords, countSsotItems } from '../support/ssot.js';
import { onlySources } from '../support/sources-dir.js';

const RECORDS = 4000;

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

describe('a runtime killed in the middle of a sync', () => {
  const home = mkdtempSync(join(tmpdir(), 'tongyuan-kill-'));
  let stack: EmbeddedStack | undefined;
  afterAll(async () => {
    await stack?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('restarts from its persisted state with no record lost and no version duplicated', async () => {
    const only = { TONGYUAN_DEMO_DEPARTMENTS: 'enforcement', TONGYUAN_DEMO_RECORDS: String(RECORDS), ...onlySources('demo-enforcement') };
    const expected = generatePenalties({ count: RECORDS, seed: DEMO_SEED, asOf: demoAsOf(process.env) });
    const valid = RECORDS - expected.defective.size;

    // Serve mode syncs at start; kill -9 once a few raw batches are durable, mid-pipeline.
    const first = startCli(['up'], { TONGYUAN_HOME: home, PORT: '0', ...only });
    // fauxqs keeps S3 objects as files: count the raw zone's batches as they become durable.
    const rawDir = join(home, 's3', 'buckets', 'tongyuan-raw', 'objects');
    const deadline = Date.now() + 120_000;
    while (countFiles(rawDir) < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await first.exited;
    expect(countFiles(rawDir), first.stderr()).toBeGreaterThanOrEqual(4);
    const restarted = await startStack(home, { ...process.env, ...only });
    stack = restarted;
    const before = await countSsotItems(restarted.app);
    // The kill landed mid-sync: the SSOT is partial, and what is there is right.
    expect(before.current).toBeLessThan(valid);
    expect(before.versions).toBe(before.current);

    const summary = await restarted.runCycle();
    expect(summary.records).toBe(valid);
    expect(summary.quarantined).toBe(expected.defective.size);
    expect(await countSsotItems(restarted.app)).toEqual({ current: valid, versions: valid, maxVersion: 1 });
    const catalog = (await (await restarted.api.request('http://localhost/v1/datasets/enforcement-decisions')).json()) as {
      latestRelease: { rowCount: number };
    };
    // Revoked and expired decisions are stored but not released.
    expect(catalog.latestRelease.rowCount).toBe(await countPublicRecords(restarted.app, 'enforcement-decisions', chinaDate(new Date())));
  });
});
