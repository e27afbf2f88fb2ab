import type { SyncSourcesOutcome } from '../ingest/sync-sources.js';
import type { DependencyGate } from './runtime/dependency-gate.js';

/** What the cycle's ingest needs of the runtime. */
export interface IngestRuntime {
  invokeThroughOutages(fnId: string, event: unknown): Promise<unknown>;
  readonly dynamoGate: Pick<DependencyGate, 'outages' | 'confirmOutage' | 'whenUp'>;
}

/** Syncs of the same sources after outages, at most: an emulator that keeps dying is `up`'s restart budget's to judge. */
const OUTAGE_RESYNCS = 3;

/**
 * The cycle's ingest. The function catches each source's failure so that the others sync, so an
 * invocation that met an outage of DynamoDB Local returns rather than throws: its sources that
 * failed while the emulator was away are synced again once it is back (a sync resumes from its
 * checkpoint and a raw batch is written once), as the scheduler's retry would. A source that
 * fails with the emulator up, and a file set aside, stay failures.
 */
export async function ingestThroughOutages(runtime: IngestRuntime, sourceIds: readonly string[]): Promise<SyncSourcesOutcome> {
  const results = new Map<string, SyncSourcesOutcome['results'][number]>();
  const kept: SyncSourcesOutcome['failures'][number][] = [];
  let pending = [...sourceIds];
  for (let resync = 0; ; resync++) {
    const outagesBefore = runtime.dynamoGate.outages;
    const outcome = (await runtime.invokeThroughOutages('ingest', { sourceIds: pending })) as SyncSourcesOutcome;
    for (const result of outcome.results) results.set(result.sourceId, result);
    const setAside = outcome.failures.filter((f) => f.file !== undefined);
    const failed = outcome.failures.filter((f) => f.file === undefined);
    kept.push(...setAside);
    const outage = failed.length > 0 && (runtime.dynamoGate.outages !== outagesBefore || (await runtime.dynamoGate.confirmOutage()));
    if (!outage || resync >= OUTAGE_RESYNCS) return { results: [...results.values()], failures: [...kept, ...failed] };
    await runtime.dynamoGate.whenUp();
    pending = failed.map((f) => f.sourceId);
  }
}
