import type { DatasetConfig } from '../../config/catalog.js';
import type { DatasetCategory, ReleasePointer } from '../../publish/release.js';
import type { ApiDeps } from '../deps.js';
import { servedCategory } from '../dataset-category.js';

/** A dataset as the catalogs describe it: its definition, its category and its latest release. */
export interface CatalogEntry {
  readonly dataset: DatasetConfig;
  /** Restricted when the dataset's grades make it so now, or when its latest release was built restricted (就高从严). */
  readonly category: DatasetCategory;
  readonly release?: ReleasePointer;
}

/** Every dataset of the catalog with its latest release, in the catalog's order. Reads metadata only. */
export async function loadCatalogEntries(deps: ApiDeps): Promise<readonly CatalogEntry[]> {
  const datasets = await deps.datasets();
  return Promise.all(
    datasets.map(async (dataset): Promise<CatalogEntry> => {
      const release = await deps.latestRelease(dataset.id);
      const category = servedCategory(deps, dataset, release);
      return { dataset, category, ...(release ? { release } : {}) };
    }),
  );
}

/** The newest release time among the entries (what Last-Modified and the catalog's dct:modified say), if any was released. */
export function latestReleaseTime(entries: readonly CatalogEntry[]): Date | undefined {
  const times = entries.flatMap((e) => (e.release ? [Date.parse(e.release.createdAt)] : [])).filter((t) => Number.isFinite(t));
  return times.length > 0 ? new Date(Math.max(...times)) : undefined;
}
