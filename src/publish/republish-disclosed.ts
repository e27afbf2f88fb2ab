import type { DatasetConfig } from '../config/catalog.js';
import type { PublishOutcome } from './publish-dataset.js';

/** What the daily re-evaluation did for one dataset. */
export type RepublishResult =
  | { readonly datasetId: string; readonly action: 'published'; readonly releaseId: string; readonly rows: number }
  | { readonly datasetId: string; readonly action: 'unchanged' }
  | { readonly datasetId: string; readonly action: 'failed'; readonly error: string };

/**
 * The daily re-evaluation: a decision leaves the release the day its publicity period ends,
 * with no change at its source, so no publish request would ever ask for it. Each dataset with
 * disclosure rules is released again as of today; a release whose rows equal the latest one is
 * not written (publishDataset compares the content hash). One dataset's failure does not stop
 * the others.
 */
export async function republishDisclosed(
  datasets: readonly DatasetConfig[],
  publish: (dataset: DatasetConfig) => Promise<PublishOutcome>,
): Promise<RepublishResult[]> {
  const results: RepublishResult[] = [];
  for (const dataset of datasets.filter((d) => d.disclosure)) {
    try {
      const outcome = await publish(dataset);
      results.push(
        outcome.released
          ? { datasetId: dataset.id, action: 'published', releaseId: outcome.release.releaseId, rows: outcome.release.rowCount }
          : { datasetId: dataset.id, action: 'unchanged' },
      );
    } catch (error) {
      results.push({ datasetId: dataset.id, action: 'failed', error: (error as Error).message });
    }
  }
  return results;
}
