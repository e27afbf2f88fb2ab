/**
 * A dataset's releases as the record routes name them: the latest, a past one by id (`release=`),
 * and every release after a point (`since=`), walking the release history newest first.
 */
import { isFinalRelease, type ReleasePointer } from '../../publish/release.js';
import type { ApiDeps } from '../deps.js';

const PAGE = 100;

/** Every release of the dataset, newest first, a history page at a time. */
export async function* releasesNewestFirst(deps: Pick<ApiDeps, 'releaseHistory'>, datasetId: string): AsyncGenerator<ReleasePointer> {
  let after: string | undefined;
  do {
    const page = await deps.releaseHistory(datasetId, { limit: PAGE, ...(after ? { after } : {}) });
    yield* page.releases;
    after = page.next;
  } while (after);
}

/** The newest final release when the latest is provisional (a provisional latest never stands in for a final one). */
export async function lastFinalRelease(deps: Pick<ApiDeps, 'releaseHistory'>, datasetId: string): Promise<ReleasePointer | undefined> {
  for await (const release of releasesNewestFirst(deps, datasetId)) if (isFinalRelease(release)) return release;
  return undefined;
}

/** The latest release, or the one named by `releaseId`; undefined when the dataset has no such release. */
export async function findRelease(
  deps: Pick<ApiDeps, 'latestRelease' | 'releaseHistory'>,
  datasetId: string,
  releaseId?: string,
): Promise<ReleasePointer | undefined> {
  const latest = await deps.latestRelease(datasetId);
  if (releaseId === undefined || latest?.releaseId === releaseId) return latest;
  for await (const release of releasesNewestFirst(deps, datasetId)) if (release.releaseId === releaseId) return release;
  return undefined;
}

/** Where a changes feed starts: after a release, or after an instant. */
export type Since = { readonly kind: 'release'; readonly releaseId: string } | { readonly kind: 'time'; readonly at: Date };

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** `since=` as a release id or an ISO 8601 instant (a date alone is its midnight UTC); undefined when it is neither. */
export function parseSince(text: string): Since | undefined {
  if (INSTANT.test(text)) {
    const at = new Date(text);
    return Number.isNaN(at.getTime()) ? undefined : { kind: 'time', at };
  }
  return /^[0-9A-Za-z][0-9A-Za-z._-]{0,127}$/.test(text) ? { kind: 'release', releaseId: text } : undefined;
}

export interface ReleasesSince {
  /** The releases after `since`, oldest first, up to and including `upTo`. */
  readonly releases: readonly ReleasePointer[];
  /** False when `since` names a release the history does not hold. */
  readonly found: boolean;
}

/**
 * The releases after `since`, up to `upTo` (the latest when a feed began; newer ones wait for
 * the next feed). An instant older than the whole history gives every release.
 */
export async function releasesSince(deps: Pick<ApiDeps, 'releaseHistory'>, datasetId: string, since: Since, upTo: string): Promise<ReleasesSince> {
  const newer: ReleasePointer[] = [];
  let reached = false;
  for await (const release of releasesNewestFirst(deps, datasetId)) {
    if (!reached) {
      if (release.releaseId !== upTo) continue;
      reached = true;
    }
    if (since.kind === 'release' ? release.releaseId === since.releaseId : new Date(release.createdAt) <= since.at)
      return { releases: newer.reverse(), found: true };
    newer.push(release);
  }
  return { releases: newer.reverse(), found: since.kind === 'time' };
}
