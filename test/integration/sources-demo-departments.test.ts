import { beforeAll, describe, expect, it } from 'vitest';
import { ingestDeps } from '../../src/app/composition.js';
import { loadSources } from '../../src/config/catalog.js';
import { generateCreditRows } from '../../demo/credit/generate.js';
import { startOtherKindDepartments } from '../../demo/other-kinds.js';
import { resources } from '../../src/infra/resources.js';
import { sourceSchedulePlan } from '../../src/infra/source-schedules.js';
import { syncSource } from '../../src/ingest/sync-source.js';
import { sourcesToSync } from '../../src/local/sources-to-sync.js';
import { useSharedAws } from '../support/aws.js';

const START = new Date('2025-01-01T00:00:00+08:00');
const SEED = 424242;

describe('demo departments of the other kinds on the machine\'s databases and the raw bucket', () => {
  beforeAll(async () => {
    await useSharedAws();
  });

  it('seeds both front databases, drops both files once, and each demo source pulls all of its rows', async () => {
    const kinds = new Set(['credit', 'documents', 'sgs', 'service-items']);
    const { shown, started, skipped } = await startOtherKindDepartments({ count: 100, seed: SEED, start: START, kinds });
    expect([...started].sort()).toEqual(['demo-credit', 'demo-documents', 'demo-service-items', 'demo-sgs-csv']);
    expect(skipped.size).toBe(0);
    expect([...shown.values()].filter((v) => v.startsWith('skipped'))).toEqual([]);
    expect(shown.get('双公示 market regulation (GBK CSV drop)')).toMatch(/\((dropped|waiting|already-ingested)\)$/);
    const sources = new Map((await loadSources()).valid.map((s) => [s.id, s]));
    const deps = ingestDeps();
    const pulled: Record<string, number> = {};
    for (const id of ['demo-credit', 'demo-documents', 'demo-sgs-csv', 'demo-service-items']) {
      pulled[id] = (await syncSource(sources.get(id)!, deps, { full: true, allowMassDelete: true })).pulled;
    }
    expect(pulled['demo-credit']).toBe(generateCreditRows(60, SEED + 1, START).rows.length);
    expect(pulled['demo-documents']).toBe(30);
    // A restart drops nothing that was already ingested.
    const again = await startOtherKindDepartments({ count: 100, seed: SEED, start: START, kinds: new Set(['sgs', 'service-items']) });
    expect([...again.shown.values()]).toEqual(['s3 raw bucket inbox/demo-sgs-csv/ (already-ingested)', 's3 raw bucket inbox/demo-service-items/ (already-ingested)']);
    expect(pulled['demo-sgs-csv']).toBe(40);
  });

  it('skips a front database that is not there, with a notice, and neither schedules nor syncs its source', async () => {
    process.env.TONGYUAN_DEMO_PG_HOST = '127.0.0.2';
    try {
      const { shown, started, skipped } = await startOtherKindDepartments({ count: 100, seed: SEED, start: START, kinds: new Set(['credit']) });
      expect(shown.get('public credit 发改委 (PostgreSQL)')).toMatch(/^skipped: no PostgreSQL at 127\.0\.0\.2:5432 \(/);
      expect(started.size).toBe(0);
      expect(skipped.get('demo-credit')).toBe('no PostgreSQL at 127.0.0.2:5432');
      const { sync, skipped: leftOut } = sourcesToSync((await loadSources()).valid, skipped);
      expect(sync.map((s) => s.id)).toEqual(['demo-enforcement']);
      expect(leftOut.map((s) => s.id)).toEqual(['demo-credit', 'demo-documents', 'demo-service-items', 'demo-sgs-csv']);
      const ingest = resources.functions.find((fn) => fn.id === 'ingest')!;
      expect(sourceSchedulePlan(sync)(ingest, 60)).toEqual([{ event: { sourceIds: ['demo-enforcement'] }, everyMinutes: 60 }]);
    } finally {
      delete process.env.TONGYUAN_DEMO_PG_HOST;
    }
  });
});
