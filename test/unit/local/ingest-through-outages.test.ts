import { describe, expect, it } from 'vitest';
import type { SyncSourcesOutcome } from '../../../src/ingest/sync-sources.js';
import { ingestThroughOutages, type IngestRuntime } from '../../../src/local/ingest-through-outages.js';

const result = (sourceId: string, pulled: number) => ({ sourceId, pages: 1, pulled, read: pulled, deleted: 0 }) as SyncSourcesOutcome['results'][number];
const failure = (sourceId: string, error: string, file?: string) =>
  ({ sourceId, error, reason: { zh: error, en: error }, ...(file ? { file, disposition: 'held' } : {}) }) as SyncSourcesOutcome['failures'][number];

/** A runtime whose ingest answers from a script, one outcome per invocation; `down` says whether an outage happened during it. */
function scripted(answers: { outcome: SyncSourcesOutcome; down: boolean }[]) {
  const asked: (readonly string[])[] = [];
  let waitedForUp = 0;
  const gate = { outages: 0, confirmOutage: async () => false, whenUp: async () => void (waitedForUp += 1) };
  const runtime: IngestRuntime = {
    dynamoGate: gate,
    async invokeThroughOutages(fnId, event) {
      expect(fnId).toBe('ingest');
      asked.push((event as { sourceIds: string[] }).sourceIds);
      const answer = answers.shift()!;
      if (answer.down) gate.outages += 1;
      return answer.outcome;
    },
  };
  return { runtime, asked, waitedForUp: () => waitedForUp };
}

describe('the cycle’s ingest through an outage of DynamoDB Local', () => {
  it('syncs again, once the emulator is back, only the sources that failed while it was away', async () => {
    const { runtime, asked, waitedForUp } = scripted([
      { outcome: { results: [result('a', 100)], failures: [failure('b', 'connect ECONNREFUSED'), failure('c', 'connect ECONNREFUSED')] }, down: true },
      { outcome: { results: [result('b', 40), result('c', 10)], failures: [] }, down: false },
    ]);
    const outcome = await ingestThroughOutages(runtime, ['a', 'b', 'c']);
    expect(asked).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c'],
    ]);
    expect(waitedForUp()).toBe(1);
    expect(outcome.failures).toEqual([]);
    expect(outcome.results.map((r) => [r.sourceId, r.pulled])).toEqual([
      ['a', 100],
      ['b', 40],
      ['c', 10],
    ]);
  });

  it('keeps a failure that happened with the emulator up, and a file set aside, without syncing again', async () => {
    const { runtime, asked } = scripted([
      { outcome: { results: [result('a', 5)], failures: [failure('a', 'x.csv held', 'x.csv'), failure('b', 'HTTP 500 after 5 attempts')] }, down: false },
    ]);
    const outcome = await ingestThroughOutages(runtime, ['a', 'b']);
    expect(asked).toEqual([['a', 'b']]);
    expect(outcome.failures.map((f) => [f.sourceId, f.file])).toEqual([
      ['a', 'x.csv'],
      ['b', undefined],
    ]);
  });

  it('gives up after three syncs again and reports what still failed', async () => {
    const down = { outcome: { results: [], failures: [failure('b', 'connect ECONNREFUSED')] }, down: true };
    const { runtime, asked } = scripted([down, down, down, down, down]);
    const outcome = await ingestThroughOutages(runtime, ['b']);
    expect(asked).toHaveLength(4);
    expect(outcome.failures.map((f) => f.error)).toEqual(['connect ECONNREFUSED']);
  });
});
