/**
 * When a publish request should turn into a release. Releases are debounced: while a
 * dataset's records are still changing (a sync in progress) the request waits, and a
 * request made before the latest release was cut is already served by it.
 */
export type PublishDecision = { readonly action: 'publish' } | { readonly action: 'covered' } | { readonly action: 'defer'; readonly delaySeconds: number };

export interface PublishTimingInput {
  /** The earliest request time among the messages for the dataset. */
  readonly requestedAt: Date;
  /** The last time a change to the dataset's records was routed. */
  readonly lastChangedAt: Date | undefined;
  /** When the latest release read the SSOT. */
  readonly latestReleaseAt: Date | undefined;
  readonly now: Date;
  /** How long the records must have been still before a release is cut. */
  readonly quietSeconds: number;
  /** A request never waits longer than this, so a constantly changing dataset still gets releases. */
  readonly maxWaitSeconds: number;
}

export function decidePublish(input: PublishTimingInput): PublishDecision {
  const { requestedAt, lastChangedAt, latestReleaseAt, now, quietSeconds, maxWaitSeconds } = input;
  const changedSinceRelease = !latestReleaseAt || !lastChangedAt || lastChangedAt >= latestReleaseAt;
  if (latestReleaseAt && latestReleaseAt >= requestedAt && !changedSinceRelease) return { action: 'covered' };
  const stillSince = lastChangedAt ? (now.getTime() - lastChangedAt.getTime()) / 1000 : Infinity;
  const waited = (now.getTime() - requestedAt.getTime()) / 1000;
  if (stillSince < quietSeconds && waited < maxWaitSeconds) {
    return { action: 'defer', delaySeconds: Math.max(1, Math.ceil(quietSeconds - stillSince)) };
  }
  return { action: 'publish' };
}
