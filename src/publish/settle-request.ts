import type { DatasetConfig } from '../config/catalog.js';
import type { MessageSender } from '../ports/index.js';
import type { PublishRequest, PublishTrigger } from './request.js';
import { publishDataset, type PublishDeps } from './publish-dataset.js';
import { decidePublish } from './publish-timing.js';

export interface SettleDeps extends PublishDeps {
  readonly changes: { lastChanged(datasetId: string): Promise<Date | undefined> };
  readonly publishQueue: MessageSender;
  readonly quietSeconds: number;
  readonly maxWaitSeconds: number;
  /** True while a run of one of the dataset's sources has not completed; without it no run is ever in flight. */
  readonly runInFlight?: (dataset: DatasetConfig) => Promise<boolean>;
}

export type SettleOutcome =
  | { readonly action: 'published'; readonly releaseId: string; readonly rows: number }
  | { readonly action: 'unchanged' | 'covered' }
  | { readonly action: 'deferred'; readonly delaySeconds: number };

/** What settling needs of the request beyond its time; a plain change when absent. */
export interface SettleRequest {
  readonly trigger?: PublishTrigger;
}

/** Serves the publish requests for one dataset: release now, wait (for a run, or for the records to settle), or nothing to do. */
export async function settlePublishRequest(dataset: DatasetConfig, requestedAt: Date, deps: SettleDeps, request: SettleRequest = {}): Promise<SettleOutcome> {
  const [latest, lastChangedAt, runInFlight] = await Promise.all([
    deps.releases.latest(dataset.id),
    deps.changes.lastChanged(dataset.id),
    deps.runInFlight ? deps.runInFlight(dataset) : false,
  ]);
  const decision = decidePublish({
    requestedAt,
    lastChangedAt,
    latestReleaseAt: latest ? new Date(latest.createdAt) : undefined,
    now: deps.clock.now(),
    quietSeconds: deps.quietSeconds,
    maxWaitSeconds: deps.maxWaitSeconds,
    ...(request.trigger ? { trigger: request.trigger } : {}),
    runInFlight,
  });
  if (decision.action === 'covered') return { action: 'covered' };
  if (decision.action === 'defer') {
    const again: PublishRequest = {
      kind: 'publish-dataset',
      datasetId: dataset.id,
      requestedAt: requestedAt.toISOString(),
      ...(request.trigger ? { trigger: request.trigger } : {}),
    };
    await deps.publishQueue.send([JSON.stringify(again)], { delaySeconds: decision.delaySeconds });
    return { action: 'deferred', delaySeconds: decision.delaySeconds };
  }
  const outcome = await publishDataset(dataset, deps);
  // A release the gate refused fails the request: it is retried, and lands in the dead-letter queue if the data stays wrong.
  if (!outcome.released && outcome.reason === 'refused') throw new Error(outcome.error);
  return outcome.released ? { action: 'published', releaseId: outcome.release.releaseId, rows: outcome.release.rowCount } : { action: 'unchanged' };
}
