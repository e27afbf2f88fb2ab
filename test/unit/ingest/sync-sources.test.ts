import { INGEST_ONLY_MAPPING } from '../../support/mappings.js';
import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/catalog.js';
import { everySourceFailed, failuresSummary, syncSources } from '../../../src/ingest/sync-sources.js';
import { memoryDeps, tableConnector } from './memory-deps.js';

const source = (id: string): SourceConfig => ({
  id,
  title: id,
  department: 'd',
  kind: 'http-json',
  recordType: 't',
  mapping: INGEST_ONLY_MAPPING,
  connection: { baseUrl: 'http://x', path: '/', pagination: { kind: 'cursor', nextCursorField: 'n' } },
});
const rows = Array.from({ length: 5 }, (_, i) => ({ id: i + 1 }));

describe('syncing every source (the ingest function and `tongyuan sync` alike)', () => {
  it('syncs each source in turn; one that fails is reported and the others still sync', async () => {
    const { deps } = memoryDeps(tableConnector(() => rows, 2));
    const broken = tableConnector(() => rows, 2);
    const connector = (s: SourceConfig) =>
      s.id === 'down'
        ? {
            ...broken,
            pages: () => {
              throw new Error('database down');
            },
          }
        : deps.connector(s);
    const heard: string[] = [];
    const outcome = await syncSources(
      [source('a'), source('down'), source('b')],
      { ...deps, connector },
      { full: false },
      {
        started: (s) => heard.push(`start ${s.id}`),
        page: (s, p) => heard.push(`page ${s.id} ${p.page}`),
        synced: (s, r) => heard.push(`done ${s.id} ${r.pulled}`),
        failed: (s, e) => heard.push(`failed ${s.id}: ${e.message}`),
      },
    );
    expect(outcome.results.map((r) => [r.sourceId, r.pulled])).toEqual([
      ['a', 5],
      ['b', 5],
    ]);
    expect(outcome.failures).toEqual([{ sourceId: 'down', error: 'database down', reason: { zh: '同步出错（错误详情见英文说明）', en: 'database down' } }]);
    expect(heard).toEqual([
      'start a',
      'page a 1',
      'page a 2',
      'page a 3',
      'done a 5',
      'start down',
      'failed down: database down',
      'start b',
      'page b 1',
      'page b 2',
      'page b 3',
      'done b 5',
    ]);
    expect(everySourceFailed(outcome)).toBe(false);
  });

  it('says so when every source failed, and when there was nothing to sync it is no failure', async () => {
    const { deps } = memoryDeps(tableConnector(() => rows, 2));
    const failing = {
      ...deps,
      connector: () => ({
        ...tableConnector(() => rows, 2),
        pages: () => {
          throw new Error('no route to host');
        },
      }),
    };
    const outcome = await syncSources([source('a'), source('b')], failing, {});
    expect(everySourceFailed(outcome)).toBe(true);
    expect(failuresSummary(outcome)).toBe('every source failed: a: no route to host; b: no route to host');
    expect(everySourceFailed(await syncSources([], deps, {}))).toBe(false);
  });
});
