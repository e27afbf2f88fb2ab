import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/catalog.js';
import { resources } from '../../../src/infra/resources.js';
import { sourceSchedulePlan } from '../../../src/infra/source-schedules.js';
import { sourcesToSync } from '../../../src/local/sources-to-sync.js';

const source = (id: string, everyMinutes: number) => ({ id, schedule: { everyMinutes } }) as unknown as SourceConfig;
const ingest = resources.functions.find((fn) => fn.id === 'ingest')!;

describe('the embedded stack leaves out a demo source whose department is not running', () => {
  const configured = [source('demo-credit', 30), source('demo-enforcement', 60), source('city-permits', 30)];

  it('neither schedules nor syncs it, and says why once', () => {
    const { sync, skipped } = sourcesToSync(configured, new Map([['demo-credit', 'no PostgreSQL at 127.0.0.1:5432']]));
    expect(sync.map((s) => s.id)).toEqual(['demo-enforcement', 'city-permits']);
    expect(skipped).toEqual([{ id: 'demo-credit', why: 'no PostgreSQL at 127.0.0.1:5432' }]);
    expect(sourceSchedulePlan(sync)(ingest, 60)).toEqual([
      { event: { sourceIds: ['city-permits'] }, everyMinutes: 30 },
      { event: { sourceIds: ['demo-enforcement'] }, everyMinutes: 60 },
    ]);
  });

  it('keeps every source when every department runs', () => {
    const { sync, skipped } = sourcesToSync(configured, new Map());
    expect(sync).toEqual(configured);
    expect(skipped).toEqual([]);
  });
});
