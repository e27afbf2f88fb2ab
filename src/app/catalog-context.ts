import { loadDatasets, loadSources, type DatasetConfig, type SourceConfig } from '../config/catalog.js';

export interface Catalog {
  readonly sources: readonly SourceConfig[];
  readonly datasets: readonly DatasetConfig[];
  source(id: string): SourceConfig;
}

/** Source and dataset definitions from the configuration's folders, validated. */
export async function loadCatalog(dirs: { readonly sources: string; readonly datasets: string }): Promise<Catalog> {
  const [sources, datasets] = await Promise.all([loadSources(dirs.sources), loadDatasets(dirs.datasets)]);
  return {
    sources,
    datasets,
    source(id: string) {
      const found = sources.find((s) => s.id === id);
      if (!found) throw new Error(`unknown source "${id}"; configured: ${sources.map((s) => s.id).join(', ') || '(none)'}`);
      return found;
    },
  };
}
