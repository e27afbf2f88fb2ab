import { describe, expect, it } from 'vitest';
import { INGEST_ONLY_MAPPING } from '../../support/mappings.js';
import type { SourceConfig } from '../../../src/config/catalog.js';
import { checkpointCadence } from '../../../src/ingest/checkpoint-cadence.js';
import type { SourceConnector } from '../../../src/ingest/connectors/connector.js';
import { syncSource } from '../../../src/ingest/sync-source.js';
import type { Checkpoint } from '../../../src/ports/index.js';
import { memoryDeps, tableConnector } from './memory-deps.js';

const source: SourceConfig = {
  id: 'dept',
  title: 'Dept',
  department: 'd',
  kind: 'http-json',
  recordType: 't',
  mapping: INGEST_ONLY_MAPPING,
  connection: { baseUrl: 'http://x', path: '/', pagination: { kind: 'cursor', nextCursorField: 'n' } },
};
const table = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));

/** Memory deps whose checkpoint commits are noted with the ids already sent on to normalize when each was made. */
function watched(connector: SourceConnector, now?: () => Date) {
  const memory = memoryDeps(connector, now);
  const commits: { cursor: string | null; sentUpTo: number }[] = [];
  const sentIds = () => memory.normalizedItems((raw) => JSON.parse(new TextDecoder().decode(raw)) as unknown[]).map((r) => (r as { id: number }).id);
  const inner = memory.deps.checkpoints;
  const checkpoints = {
    get: inner.get.bind(inner),
    async commit(id: string, stream: string, next: Checkpoint, previous: Checkpoint | undefined) {
      commits.push({ cursor: next.cursor, sentUpTo: Math.max(0, ...sentIds()) });
      return inner.commit(id, stream, next, previous);
    },
  };
  return { ...memory, deps: { ...memory.deps, checkpoints }, commits };
}

describe('checkpoint cadence', () => {
  it('commits the first pages one by one, then every N pages, and the last; never ahead of what was sent on', async () => {
    const { deps, commits, checkpoints } = watched(tableConnector(() => table(25), 1));
    const result = await syncSource(source, deps, { checkpointEvery: { pages: 10, seconds: 3600, eachOfFirst: 2 } });
    expect(result).toMatchObject({ pages: 25, complete: true });
    expect(commits.map((c) => c.cursor)).toEqual(['1', '2', '12', '22', '25']);
    for (const c of commits) expect(Number(c.cursor)).toBeLessThanOrEqual(c.sentUpTo);
    expect(checkpoints.get('dept')).toMatchObject({ cursor: '25', pulledTotal: 25 });
  });

  it('commits when T seconds passed since the last commit, however few the pages', async () => {
    let t = Date.parse('2026-01-01T12:00:00Z');
    // Each reading of the clock moves it on by a second.
    const { deps, commits } = watched(
      tableConnector(() => table(8), 1),
      () => new Date((t += 1000)),
    );
    await syncSource(source, deps, { checkpointEvery: { pages: 100, seconds: 4 } });
    expect(commits.length).toBeGreaterThan(2);
    expect(commits.length).toBeLessThan(8);
    expect(commits.at(-1)!.cursor).toBe('8');
  });

  it('commits what is durable when a run stops early or the source fails', async () => {
    const rows = table(30);
    const stopped = watched(tableConnector(() => rows, 1));
    expect(await syncSource(source, stopped.deps, { maxPages: 7, checkpointEvery: { pages: 10, seconds: 3600, eachOfFirst: 1 } })).toMatchObject({
      complete: false,
    });
    expect(stopped.commits.map((c) => c.cursor)).toEqual(['1', '7']);

    const inner = tableConnector(() => rows, 1);
    const failing: SourceConnector = {
      ...inner,
      async *pages(s, cursor, context) {
        let n = 0;
        for await (const page of inner.pages(s, cursor, context)) {
          if (++n === 6) throw new Error('source went away');
          yield page;
        }
      },
    };
    const broken = watched(failing);
    await expect(syncSource(source, broken.deps)).rejects.toThrow('source went away');
    // The defaults: the first three pages one by one, then what was durable when the source failed.
    expect(broken.commits.map((c) => c.cursor)).toEqual(['1', '2', '3', '5']);
  });

  it('reads its cadence from the environment', () => {
    expect(checkpointCadence({})).toEqual({ pages: 10, seconds: 5, eachOfFirst: 3 });
    expect(checkpointCadence({ TONGYUAN_CHECKPOINT_PAGES: '3', TONGYUAN_CHECKPOINT_SECONDS: '0.5' })).toEqual({ pages: 3, seconds: 0.5, eachOfFirst: 3 });
    expect(() => checkpointCadence({ TONGYUAN_CHECKPOINT_PAGES: '0' })).toThrow(/positive/);
  });
});
