import type { ReleasePointer } from '../publish/release.js';

/** Release history and the "latest" pointer per dataset. */
export interface ReleaseCatalog {
  latest(datasetId: string): Promise<ReleasePointer | undefined>;
  /**
   * Records `release` and moves the latest pointer to it, in one step, only if the
   * pointer is still at `previousReleaseId`; else fails with ReleaseConflictError.
   */
  commit(release: ReleasePointer, previousReleaseId: string | undefined): Promise<void>;
  countReleases(datasetId: string): Promise<number>;
}

/** Another publisher moved the latest pointer first. */
export class ReleaseConflictError extends Error {
  override readonly name = 'ReleaseConflictError';
}
