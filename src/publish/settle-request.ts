import type { DatasetConfig } from '../config/catalog.js';
import type { MessageSender } from '../ports/index.js';
import type { PublishRequest } from './request.js';
import { publishDataset, type PublishDeps } from './publish-dataset.js';
import { decidePublish } from './publish-timing.js';

export interface SettleDeps extends PublishDeps {
  readonly changes: { lastChanged(datasetId: string): Promise<Date | undefined> };
  readonly publishQueue: MessageSender;
  readonly quietSeconds: number;
  readonly maxWaitSeconds: number;
}

export type SettleOutcome =
  | { readonly action: 'published'; readonly releaseId: string; readonly rows: number }
  | { readonly action: 'unchanged' | 'covered' }
  | { readonly action: 'deferred'; readonly delaySeconds: number };

/** Serves the publish requests for one dataset: release now, wait for the records to settle, or nothing to do. */
export async function settlePublishRequest(dataset: DatasetConfig, requestedAt: Date, deps: SettleDeps): Promise<SettleOutcome> {
  const [latest, lastChangedAt] = await Promise.all([deps.releases.latest(dataset.id), deps.changes.lastChanged(dataset.id)]);
  const decision = decidePublish({
    requestedAt,
    lastChangedAt,
    latestReleaseAt: latest ? new Date(latest.createdAt) : undefined,
    now: deps.clock.now(),
    quietSeconds: deps.quietSeconds,
    maxWaitSeconds: deps.maxWaitSeconds,
  });
  if (decision.action === 'covered') return { action: 'covered' };
  if (decision.action === 'defer') {
    const request: PublishRequest = { kind: 'publish-dataset', datasetId: dataset.id, requestedAt: requestedAt.toISOString() };
    await deps.publishQueue.send([JSON.stringify(request)], { delaySeconds: decision.delaySeconds });
    return { action: 'deferred', delaySeconds: decision.delaySeconds };
  }
  const outcome = await publishDataset(dataset, deps);
  // A release the gate refused fails the request: it is retried, and lands in the dead-letter queue if the data stays wrong.
  if (!outcome.released && outcome.reason === 'refused') throw new Error(outcome.error);
  return outcome.released ? { action: 'published', releaseId: outcome.release.releaseId, rows: outcome.release.rowCount } : { action: 'unchanged' };
}
