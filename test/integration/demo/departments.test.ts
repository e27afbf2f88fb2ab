import { beforeAll, describe, expect, it } from 'vitest';
import { sourcesToSync } from '../../../src/local/sources-to-sync.js';
import { DEFAULT_CATALOG_DIRS } from '../../../src/config/runtime-config.js';
import { loadSources } from '../../../src/config/catalog.js';
import { generateCreditRows } from '../../../demo/credit/generate.js';
import { startOtherKindDepartments } from '../../../demo/other-kinds.js';
import { sgsExport } from '../../../demo/drops/sgs-export.js';
import { generatePenalties } from '../../../demo/enforcement/generate.js';
import { resources } from '../../../src/infra/resources.js';
import { sourceSchedulePlan } from '../../../src/infra/source-schedules.js';
import { syncSource } from '../../../src/ingest/sync-source.js';
import { useSharedAws, type SharedAws } from '../../support/aws.js';

let shared: SharedAws;
const drops = () => ({ raw: shared.app.rawBucket(), processed: shared.app.processedFiles() });

const START = new Date('2025-01-01T00:00:00+08:00');
const SEED = 424242;

describe("demo departments of the other kinds on the machine's databases and the raw bucket", () => {
  beforeAll(async () => {
    shared = await useSharedAws();
  });

  it('seeds both front databases, drops both files once, and each demo source pulls all of its rows', async () => {
    const kinds = new Set(['credit', 'documents', 'sgs', 'service-items']);
    const { shown, env } = await startOtherKindDepartments({ count: 100, seed: SEED, start: START, kinds, drops: drops() });
    expect([...shown.values()].filter((v) => v.startsWith('skipped'))).toEqual([]);
    expect(shown.get('双公示 market regulation (GBK CSV drop)')).toMatch(/\((dropped|waiting|already-ingested)\)$/);
    const sources = new Map((await loadSources(DEFAULT_CATALOG_DIRS.sources)).valid.map((s) => [s.id, s]));
    // The demo sources reference the departments' hosts (`${env:TONGYUAN_DEMO_…}`): they resolve against what the departments returned.
    expect(env).toEqual({ TONGYUAN_DEMO_CREDIT_DB_HOST: '127.0.0.1', TONGYUAN_DEMO_DOCUMENTS_DB_HOST: '127.0.0.1' });
    const deps = shared.compose(env).ingestDeps();
    const pulled: Record<string, number> = {};
    for (const id of ['demo-credit', 'demo-documents', 'demo-sgs-csv', 'demo-service-items']) {
      pulled[id] = (await syncSource(sources.get(id)!, deps, { full: true, allowMassDelete: true })).pulled;
    }
    expect(pulled['demo-credit']).toBe(generateCreditRows(60, SEED + 1, START).rows.length);
    expect(pulled['demo-documents']).toBe(30);
    // A restart drops nothing that was already ingested.
    const again = await startOtherKindDepartments({ count: 100, seed: SEED, start: START, kinds: new Set(['sgs', 'service-items']), drops: drops() });
    expect([...again.shown.values()]).toEqual([
      's3 raw bucket inbox/demo-sgs-csv/ (already-ingested)',
      's3 raw bucket inbox/demo-service-items/ (already-ingested)',
    ]);
    // The 双公示 file is the market-regulation share of the platform's own cases (same count and seed).
    expect(pulled['demo-sgs-csv']).toBe(sgsExport(generatePenalties({ count: 100, seed: SEED }), SEED).rows.length);
    expect(pulled['demo-sgs-csv']).toBeGreaterThan(10);
  });

  it('skips a front database that is not there, with a notice, and neither schedules nor syncs its source', async () => {
    const { shown, env, started, skipped } = await startOtherKindDepartments({
      count: 100,
      seed: SEED,
      start: START,
      kinds: new Set(['credit']),
      pgHost: '127.0.0.2',
      drops: drops(),
    });
    expect(shown.get('public credit 发改委 (PostgreSQL)')).toMatch(/^skipped: no PostgreSQL at 127\.0\.0\.2:5432 \(/);
    // A skipped department's source references nothing: its variable is not handed on.
    expect(env).toEqual({});
    expect(started.size).toBe(0);
    expect(skipped.get('demo-credit')).toBe('no PostgreSQL at 127.0.0.2:5432');
    const { sync, skipped: leftOut } = sourcesToSync((await loadSources(DEFAULT_CATALOG_DIRS.sources)).valid, skipped);
    // The law-enforcement department serves penalties and licences: both its sources sync. The gazette
    // and the decision catalogue run in process (demo/open-government), not here: this call skips neither.
    expect(sync.map((s) => s.id)).toEqual(['demo-enforcement', 'demo-gazette', 'demo-licenses', 'demo-major-decisions']);
    expect(leftOut.map((s) => s.id)).toEqual(['demo-credit', 'demo-documents', 'demo-property-rights', 'demo-service-items', 'demo-sgs-csv']);
    const ingest = resources.functions.find((fn) => fn.id === 'ingest')!;
    expect(sourceSchedulePlan(sync)(ingest, 60)).toEqual([
      { event: { sourceIds: ['demo-enforcement', 'demo-licenses'] }, everyMinutes: 60 },
      { event: { sourceIds: ['demo-gazette', 'demo-major-decisions'] }, everyMinutes: 1440 },
    ]);
  });
});
