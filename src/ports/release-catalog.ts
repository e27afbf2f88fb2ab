import type { ReleasePointer } from '../publish/release.js';

/** Release history and the "latest" pointer per dataset. */
export interface ReleaseCatalog {
  latest(datasetId: string): Promise<ReleasePointer | undefined>;
  /**
   * Records `release` and moves the latest pointer to it, in one step, only if the
   * pointer is still at `previousReleaseId`; else fails with ReleaseConflictError. When the
   * release `supersedes` a provisional one, that one's history entry gets `supersededBy` in the
   * same step, so the history never shows a provisional release as if nothing replaced it.
   */
  commit(release: ReleasePointer, previousReleaseId: string | undefined): Promise<void>;
  countReleases(datasetId: string): Promise<number>;
  /**
   * A dataset's releases, newest first, one page at a time: pass the page's `next` back as
   * `after` for the following one. Release ids begin with their creation instant
   * (`20261127T080000123Z-…`), so their order is the order of creation.
   */
  history(datasetId: string, page?: ReleaseHistoryQuery): Promise<ReleaseHistoryPage>;
}

export interface ReleaseHistoryQuery {
  /** At most this many releases (default 20, at most 100). */
  readonly limit?: number;
  /** The release id the previous page ended with. */
  readonly after?: string;
}

export interface ReleaseHistoryPage {
  readonly releases: readonly ReleasePointer[];
  /** Set when older releases follow. */
  readonly next?: string;
}

export const HISTORY_PAGE_DEFAULT = 20;
export const HISTORY_PAGE_MAX = 100;

/** The page size a history query asks for, bounded; a nonsensical limit is the caller's error. */
export function historyLimit(limit: number | undefined): number {
  if (limit === undefined) return HISTORY_PAGE_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`release history: limit must be a positive integer, not ${limit}`);
  return Math.min(limit, HISTORY_PAGE_MAX);
}

/** Another publisher moved the latest pointer first. */
export class ReleaseConflictError extends Error {
  override readonly name = 'ReleaseConflictError';
}
