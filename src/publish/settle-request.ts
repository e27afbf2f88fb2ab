import type { DatasetConfig } from '../config/catalog.js';
import { randomUUID } from 'node:crypto';
import type { BuildLeases, MessageSender } from '../ports/index.js';
import type { PublishRequest, PublishTrigger } from './request.js';
import { publishDataset, type PublishDeps, type PublishOptions, type PublishOutcome } from './publish-dataset.js';
import { pipelineState, SETTLED, type PipelineActivity, type PipelineState } from './pipeline-settled.js';
import { decideFinality, decidePublish, SETTLE_WAIT_SECONDS } from './publish-timing.js';

export interface SettleDeps extends PublishDeps {
  readonly changes: { lastChanged(datasetId: string): Promise<Date | undefined> };
  readonly publishQueue: MessageSender;
  readonly quietSeconds: number;
  readonly maxWaitSeconds: number;
  /** True while a run of one of the dataset's sources has not completed; without it no run is ever in flight. */
  readonly runInFlight?: (dataset: DatasetConfig) => Promise<boolean>;
  /** The normalize queue and the source runs, whose work a final release waits for; without it every release is final. */
  readonly pipeline?: PipelineActivity;
  /** One build per dataset at a time; without it builds are not kept apart. */
  readonly buildLeases?: BuildLeases;
}

export type SettleOutcome =
  | { readonly action: 'published'; readonly releaseId: string; readonly rows: number; readonly provisional?: string }
  | { readonly action: 'unchanged' | 'covered' }
  | { readonly action: 'deferred'; readonly delaySeconds: number };

/** What settling needs of the request beyond its time; a plain change when absent. */
export interface SettleRequest {
  readonly trigger?: PublishTrigger;
  /** Aborted as the function's deadline nears: a release being built stops uncommitted. */
  readonly signal?: AbortSignal;
}

/**
 * Serves the publish requests for one dataset: release now, wait (for a run, for the records to
 * settle, for the pipeline to finish the work in flight), or nothing to do. A provisional latest
 * release covers no request: every request still wants a final release.
 */
export async function settlePublishRequest(dataset: DatasetConfig, requestedAt: Date, deps: SettleDeps, request: SettleRequest = {}): Promise<SettleOutcome> {
  const [latest, lastChangedAt, runInFlight] = await Promise.all([
    deps.releases.latest(dataset.id),
    deps.changes.lastChanged(dataset.id),
    deps.runInFlight ? deps.runInFlight(dataset) : false,
  ]);
  const now = deps.clock.now();
  const timing = { requestedAt, now, maxWaitSeconds: deps.maxWaitSeconds };
  const decision = decidePublish({
    ...timing,
    lastChangedAt,
    latestReleaseAt: latest && !latest.provisional ? new Date(latest.createdAt) : undefined,
    quietSeconds: deps.quietSeconds,
    ...(request.trigger ? { trigger: request.trigger } : {}),
    runInFlight,
  });
  if (decision.action === 'covered') return { action: 'covered' };
  if (decision.action === 'defer') return sendAgain(dataset, requestedAt, decision.delaySeconds, deps, request);
  const finality = decideFinality({ ...timing, pipeline: await settledState(dataset, deps), firstRelease: latest === undefined });
  if (finality.action === 'defer') return sendAgain(dataset, requestedAt, finality.delaySeconds, deps, request);
  const options = { ...(finality.action === 'provisional' ? { provisional: finality.reason } : {}), ...(request.signal ? { signal: request.signal } : {}) };
  const cut = await whileHoldingBuild(dataset, deps, () => cutRelease(dataset, deps, options));
  return cut.built ? cut.outcome : sendAgain(dataset, requestedAt, BUILDING_WAIT_SECONDS, deps, request);
}

/** A build's lease outlasts the publish function's 900 s timeout, so only a build that died leaves it to expire. */
export const BUILD_LEASE_SECONDS = 930;

/** A request that finds the dataset's release being built looks again after this: that build may cover it. */
export const BUILDING_WAIT_SECONDS = 15;

/** Runs `build` holding the dataset's build lease; not at all (built: false) while another build holds it. */
async function whileHoldingBuild<T>(
  dataset: DatasetConfig,
  deps: SettleDeps,
  build: () => Promise<T>,
): Promise<{ built: true; outcome: T } | { built: false }> {
  if (!deps.buildLeases) return { built: true, outcome: await build() };
  const holder = randomUUID();
  const now = deps.clock.now();
  if (!(await deps.buildLeases.claim(dataset.id, holder, now, new Date(now.getTime() + BUILD_LEASE_SECONDS * 1000)))) return { built: false };
  try {
    return { built: true, outcome: await build() };
  } finally {
    await deps.buildLeases.end(dataset.id, holder);
  }
}

const settledState = (dataset: DatasetConfig, deps: Pick<SettleDeps, 'pipeline'>): Promise<PipelineState> =>
  deps.pipeline ? pipelineState(dataset, deps.pipeline) : Promise.resolve(SETTLED);

/** The request back on the queue, delayed, as it was. */
async function sendAgain(dataset: DatasetConfig, requestedAt: Date, delaySeconds: number, deps: SettleDeps, request: SettleRequest): Promise<SettleOutcome> {
  const again: PublishRequest = {
    kind: 'publish-dataset',
    datasetId: dataset.id,
    requestedAt: requestedAt.toISOString(),
    ...(request.trigger ? { trigger: request.trigger } : {}),
  };
  await deps.publishQueue.send([JSON.stringify(again)], { delaySeconds });
  return { action: 'deferred', delaySeconds };
}

/**
 * Cuts the release, final or provisional. After a provisional one (cut, or unchanged from a
 * provisional latest) a follow-up request is queued, made as of now: it waits for the pipeline
 * to settle (or the longest wait again) and then cuts the final release that supersedes the
 * provisional one, even when no change arrives in between.
 */
async function cutRelease(dataset: DatasetConfig, deps: SettleDeps, options: PublishOptions): Promise<SettleOutcome> {
  const outcome = await publishDataset(dataset, deps, options);
  // A release the gate refused fails the request: it is retried, and lands in the dead-letter queue if the data stays wrong.
  if (!outcome.released && outcome.reason === 'refused') throw new Error(outcome.error);
  // After a provisional release, or one whose clock the deadline cut short: the next build makes it final, or keeps the rest.
  if (outcome.release?.provisional || (outcome.released && outcome.clockPending)) await followUp(dataset, outcome, deps);
  if (!outcome.released) return { action: 'unchanged' };
  const { releaseId, rowCount: rows, provisionalReason } = outcome.release;
  return { action: 'published', releaseId, rows, ...(outcome.release.provisional ? { provisional: provisionalReason ?? 'provisional' } : {}) };
}

async function followUp(dataset: DatasetConfig, outcome: PublishOutcome, deps: SettleDeps): Promise<void> {
  const request: PublishRequest = {
    kind: 'publish-dataset',
    datasetId: dataset.id,
    requestedAt: deps.clock.now().toISOString(),
    // Only a provisional release is superseded; a clock follow-up names none.
    ...(outcome.release?.provisional ? { supersedes: outcome.release.releaseId } : {}),
  };
  await deps.publishQueue.send([JSON.stringify(request)], { delaySeconds: SETTLE_WAIT_SECONDS });
}

/**
 * A release cut now, without waiting (the daily re-evaluation: an expired decision leaves on
 * the day): final when the pipeline is settled, else provisional with its follow-up queued.
 */
export async function releaseNow(dataset: DatasetConfig, deps: SettleDeps): Promise<PublishOutcome> {
  const state = await settledState(dataset, deps);
  const cut = await whileHoldingBuild(dataset, deps, () => publishDataset(dataset, deps, state.settled ? {} : { provisional: state.reason }));
  // The schedule retries a failed re-evaluation; the build under way may have begun before the day turned.
  if (!cut.built) throw new Error(`dataset ${dataset.id}: a release is being built; the re-evaluation is tried again`);
  const { outcome } = cut;
  if (outcome.release?.provisional && (outcome.released || outcome.reason === 'unchanged')) await followUp(dataset, outcome, deps);
  return outcome;
}
