import { loadDatasets, loadSources, type DatasetConfig, type SourceConfig } from '../config/catalog.js';

export interface Catalog {
  readonly sources: readonly SourceConfig[];
  readonly datasets: readonly DatasetConfig[];
  source(id: string): SourceConfig;
}

let loading: Promise<Catalog> | undefined;

/** Source and dataset definitions, loaded and validated once per process. */
export function catalog(): Promise<Catalog> {
  loading ??= (async () => {
    const [sources, datasets] = await Promise.all([loadSources(), loadDatasets()]);
    return {
      sources,
      datasets,
      source(id: string) {
        const found = sources.find((s) => s.id === id);
        if (!found) throw new Error(`unknown source "${id}"; configured: ${sources.map((s) => s.id).join(', ') || '(none)'}`);
        return found;
      },
    };
  })();
  return loading;
}

/** Forgets the loaded catalog (tests and the runtime after they change the folders). */
export function resetCatalog(): void {
  loading = undefined;
}
