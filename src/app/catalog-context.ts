import { loadDatasets, loadSources, type DatasetConfig, type FileProblem, type SourceConfig } from '../config/catalog.js';
import { logger } from '../util/logger.js';

export interface Catalog {
  readonly sources: readonly SourceConfig[];
  readonly datasets: readonly DatasetConfig[];
  /** Files refused (and skipped) when loading; the others are in `sources` and `datasets`. */
  readonly problems: readonly FileProblem[];
  source(id: string): SourceConfig;
}

let loading: Promise<Catalog> | undefined;

/**
 * Source and dataset definitions, loaded and validated once per process. An invalid file
 * is logged once, here, and skipped: one bad department does not stop the others.
 */
export function catalog(): Promise<Catalog> {
  loading ??= (async () => {
    const [{ valid: sources, problems: sourceProblems }, { valid: datasets, problems: datasetProblems }] = await Promise.all([loadSources(), loadDatasets()]);
    const problems = [...sourceProblems, ...datasetProblems];
    for (const problem of problems) logger.error(`invalid ${problem.what} file skipped`, { file: problem.file, problems: problem.problems });
    return {
      sources,
      datasets,
      problems,
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
