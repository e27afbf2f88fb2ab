import type { PublishTrigger } from './request.js';

/**
 * When a publish request should turn into a release. The end of a source run releases at
 * once; a request made before the latest release was cut is already served by it; while a
 * run of one of the dataset's sources is in flight a change waits for that run's own signal,
 * and a run's end waits for the other runs at most `maxWaitSeconds`; changes outside any run
 * (operator edits) are debounced by a short quiet period.
 */
export type PublishDecision = { readonly action: 'publish' } | { readonly action: 'covered' } | { readonly action: 'defer'; readonly delaySeconds: number };

/** The longest a request held back by another source's run waits before it looks again (that run's own completion normally releases first). */
export const RUN_WAIT_SECONDS = 10;

/** The longest a change routed during a run waits before it looks again: normally the run's release has covered it by then. */
export const CHANGE_IN_RUN_WAIT_SECONDS = 60;

/**
 * A held-back request looks again after as long as it has waited so far (a second at least,
 * `cap` at most): a short run's release covers it within seconds of the run's end, a long run
 * costs a request a minute. A fixed minute kept every short cycle waiting for a look that only
 * found its change covered.
 */
export const lookAgainAfter = (waitedSeconds: number, capSeconds: number): number => Math.max(1, Math.min(capSeconds, Math.ceil(waitedSeconds)));

/**
 * A version stored this close before a release started may still have been in flight when the
 * release read the SSOT (storedAt is taken before the write lands): such a change is not covered.
 */
export const WRITE_MARGIN_MS = 1000;

export interface PublishTimingInput {
  /** The earliest request time among the messages for the dataset. */
  readonly requestedAt: Date;
  /** The last time a change to the dataset's records was routed. */
  readonly lastChangedAt: Date | undefined;
  /** When the latest release read the SSOT. */
  readonly latestReleaseAt: Date | undefined;
  readonly now: Date;
  /** How long the records must have been still before a release is cut for a change outside any run. */
  readonly quietSeconds: number;
  /** A request never waits longer than this, so a constantly changing dataset still gets releases. */
  readonly maxWaitSeconds: number;
  /** run-complete when any of the messages came from the end of a source run; a change otherwise. */
  readonly trigger?: PublishTrigger;
  /** A run of one of the dataset's sources has not completed yet. */
  readonly runInFlight?: boolean;
}

export function decidePublish(input: PublishTimingInput): PublishDecision {
  const { requestedAt, lastChangedAt, latestReleaseAt, now, quietSeconds, maxWaitSeconds } = input;
  const coveredUpTo = latestReleaseAt ? new Date(latestReleaseAt.getTime() - WRITE_MARGIN_MS) : undefined;
  const changedSinceRelease = !coveredUpTo || !lastChangedAt || lastChangedAt >= coveredUpTo;
  if (coveredUpTo && coveredUpTo >= requestedAt && !changedSinceRelease) return { action: 'covered' };
  const waited = (now.getTime() - requestedAt.getTime()) / 1000;
  // A change routed while a run is in flight waits for that run, however long it takes: the run's
  // own completion releases everything stored before it (and a run that stops being touched goes
  // stale, so is no longer in flight). Cutting releases every few minutes of a long run instead
  // re-read the dataset each time: time grew with the square of the run.
  if (input.runInFlight && input.trigger !== 'run-complete') return { action: 'defer', delaySeconds: lookAgainAfter(waited, CHANGE_IN_RUN_WAIT_SECONDS) };
  if (waited >= maxWaitSeconds) return { action: 'publish' };
  if (input.runInFlight) return { action: 'defer', delaySeconds: lookAgainAfter(waited, Math.min(RUN_WAIT_SECONDS, Math.ceil(maxWaitSeconds - waited))) };
  if (input.trigger === 'run-complete') {
    // Every version of the run was stored before its end: a read that starts a write margin after
    // it covers them all, so the route's requests for the run's last versions find it covering
    // them. Read sooner, those requests each asked for a second release of the same run.
    const sinceEndMs = now.getTime() - requestedAt.getTime();
    return sinceEndMs < WRITE_MARGIN_MS ? { action: 'defer', delaySeconds: 1 } : { action: 'publish' };
  }
  const stillSince = lastChangedAt ? (now.getTime() - lastChangedAt.getTime()) / 1000 : Infinity;
  if (stillSince < quietSeconds) return { action: 'defer', delaySeconds: Math.max(1, Math.ceil(quietSeconds - stillSince)) };
  return { action: 'publish' };
}

/**
 * The longest a release held back by work still in flight waits before it looks again
 * (lookAgainAfter): the run-complete request is sent while the completing normalize message is
 * itself still in flight, so the first look almost always finds one message and the next, a
 * second later, none.
 */
export const SETTLE_WAIT_SECONDS = 10;

/** A release about to be cut: final, held back for the pipeline to settle, or cut provisional. */
export type ReleaseFinality =
  { readonly action: 'final' } | { readonly action: 'defer'; readonly delaySeconds: number } | { readonly action: 'provisional'; readonly reason: string };

export interface FinalityInput {
  /** Whether work for the dataset is still in flight (pipeline-settled.ts). */
  readonly pipeline: { readonly settled: true } | { readonly settled: false; readonly reason: string };
  readonly requestedAt: Date;
  readonly now: Date;
  readonly maxWaitSeconds: number;
  /** The dataset has no release yet. */
  readonly firstRelease?: boolean;
}

/**
 * How long a dataset's first release waits for its sources' first load before it is cut
 * provisional. Cut at the longest wait instead, a half-loaded dataset was published as if it
 * were the dataset, by a full read under the load's writes: the slowest read there is, which
 * on the embedded stack outlasted the publish function's timeout, time after time, until the
 * load was done.
 */
export const FIRST_RELEASE_WAIT_SECONDS = 3600;

/**
 * Once a release is due (decidePublish said publish): a release cut while work for the dataset
 * is in flight would present a half-processed cycle as its final state, so it waits for the
 * pipeline to settle while under the longest wait (for a dataset's first release, an hour);
 * past it, it is cut provisional, and a final release follows once the pipeline settles.
 */
export function decideFinality(input: FinalityInput): ReleaseFinality {
  if (input.pipeline.settled) return { action: 'final' };
  const waited = (input.now.getTime() - input.requestedAt.getTime()) / 1000;
  const longest = input.firstRelease ? Math.max(input.maxWaitSeconds, FIRST_RELEASE_WAIT_SECONDS) : input.maxWaitSeconds;
  if (waited >= longest) return { action: 'provisional', reason: input.pipeline.reason };
  // Past the usual longest wait, a first release waits for a load of minutes: it looks again once a minute.
  const pause = waited >= input.maxWaitSeconds ? CHANGE_IN_RUN_WAIT_SECONDS : SETTLE_WAIT_SECONDS;
  return { action: 'defer', delaySeconds: lookAgainAfter(waited, Math.min(pause, Math.ceil(longest - waited))) };
}
