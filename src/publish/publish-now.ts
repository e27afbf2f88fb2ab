import type { MessageSender } from '../ports/index.js';
import type { ReleasePointer } from './release.js';
import type { PublishRequest } from './request.js';

/**
 * Asks the stack to publish these datasets now: the same request the route stage sends
 * after a change, so the publish stage debounces and serves it the same way.
 */
export async function requestPublish(queue: MessageSender, datasetIds: readonly string[], now: Date): Promise<void> {
  const requestedAt = now.toISOString();
  await queue.send(datasetIds.map((datasetId) => JSON.stringify({ kind: 'publish-dataset', datasetId, requestedAt } satisfies PublishRequest)));
}

export type PublishWaitOutcome =
  | { readonly datasetId: string; readonly outcome: 'released'; readonly release: ReleasePointer }
  /** The pointer did not move in time: the content is unchanged since `latest`, or the records are still changing. */
  | { readonly datasetId: string; readonly outcome: 'no-new-release'; readonly latest: string | null };

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly elapsedMs: () => number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls each dataset's latest pointer until it moves past the release it was at before the request, or time is up. */
export async function waitForReleases(
  latest: (datasetId: string) => Promise<ReleasePointer | undefined>,
  before: ReadonlyMap<string, string | undefined>,
  options: WaitOptions,
): Promise<PublishWaitOutcome[]> {
  const sleep = options.sleep ?? pause;
  const settled = new Map<string, PublishWaitOutcome>();
  for (;;) {
    for (const [datasetId, previous] of before) {
      if (settled.has(datasetId)) continue;
      const current = await latest(datasetId);
      if (current && current.releaseId !== previous) settled.set(datasetId, { datasetId, outcome: 'released', release: current });
    }
    if (settled.size === before.size || options.elapsedMs() >= options.timeoutMs) break;
    await sleep(options.pollMs);
  }
  return [...before].map(([datasetId, previous]) => settled.get(datasetId) ?? { datasetId, outcome: 'no-new-release', latest: previous ?? null });
}
