import { loadDatasets, loadSources, type DatasetConfig, type FileProblem, type SourceConfig } from './catalog.js';
import type { SubscriberConfig } from '../generated/subscriber.types.js';
import { logger } from '../util/logger.js';
import { loadSubscribers } from './subscribers.js';

export interface Catalog {
  readonly sources: readonly SourceConfig[];
  readonly datasets: readonly DatasetConfig[];
  /** Partners subscribed to the feeds (subscribers/*.yaml). */
  readonly subscribers: readonly SubscriberConfig[];
  /** Files refused (and skipped) when loading; the others are in `sources` and `datasets`. */
  readonly problems: readonly FileProblem[];
  source(id: string): SourceConfig;
}

/**
 * Source and dataset definitions from the configuration's folders, validated. An invalid
 * file is skipped and listed in `problems`: one bad department does not stop the others.
 */
export async function loadCatalog(dirs: { readonly sources: string; readonly datasets: string; readonly subscribers: string }): Promise<Catalog> {
  const [{ valid: sources, problems: sourceProblems }, { valid: datasets, problems: datasetProblems }, { valid: subscribers, problems: subscriberProblems }] =
    await Promise.all([loadSources(dirs.sources), loadDatasets(dirs.datasets), loadSubscribers(dirs.subscribers)]);
  const problems = [...sourceProblems, ...datasetProblems, ...subscriberProblems];
  return {
    sources,
    datasets,
    subscribers,
    problems,
    source(id: string) {
      const found = sources.find((s) => s.id === id);
      if (!found) throw new Error(`unknown source "${id}"; configured: ${sources.map((s) => s.id).join(', ') || '(none)'}`);
      return found;
    },
  };
}

/**
 * Logs each refused file of the first catalog it is given, and passes every catalog on.
 * The ingest function, which would have synced those sources, reports them once per cold
 * start; every other function loads the same catalog and stays quiet about it.
 */
export function reportProblemsOnce(): (catalog: Catalog) => Catalog {
  let reported = false;
  return (catalog) => {
    if (!reported)
      for (const problem of catalog.problems) logger.error(`invalid ${problem.what} file skipped`, { file: problem.file, problems: problem.problems });
    reported = true;
    return catalog;
  };
}
