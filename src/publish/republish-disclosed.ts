import type { DatasetConfig } from '../config/catalog.js';
import type { PublishOutcome } from './publish-dataset.js';

/** Published records the run found withdrawn (each counted once: the ledger marks it), expiries among them. */
interface WithdrawalCounts {
  readonly withdrawn?: number;
  readonly expired?: number;
}

/** What the daily re-evaluation did for one dataset. */
export type RepublishResult =
  | ({ readonly datasetId: string; readonly action: 'published'; readonly releaseId: string; readonly rows: number } & WithdrawalCounts)
  | ({ readonly datasetId: string; readonly action: 'unchanged' } & WithdrawalCounts)
  | { readonly datasetId: string; readonly action: 'failed'; readonly error: string };

function countsOf(outcome: PublishOutcome): WithdrawalCounts {
  const withdrawn = outcome.withdrawn ?? [];
  if (withdrawn.length === 0) return {};
  return { withdrawn: withdrawn.length, expired: withdrawn.filter((w) => w.reason === 'expired').length };
}

/**
 * The daily re-evaluation: a decision leaves the release the day its publicity period ends,
 * with no change at its source, so no publish request would ever ask for it. Each dataset with
 * disclosure rules is released again as of today; a release whose rows equal the latest one is
 * not written (publishDataset compares the content hash). Decisions whose period ended since
 * the last run are marked withdrawn and announced as `expired` on the feeds, once each (see
 * record-withdrawals.ts). One dataset's failure does not stop the others.
 */
export async function republishDisclosed(
  datasets: readonly DatasetConfig[],
  publish: (dataset: DatasetConfig) => Promise<PublishOutcome>,
): Promise<RepublishResult[]> {
  const results: RepublishResult[] = [];
  for (const dataset of datasets.filter((d) => d.disclosure)) {
    try {
      const outcome = await publish(dataset);
      if (!outcome.released && outcome.reason === 'refused') {
        results.push({ datasetId: dataset.id, action: 'failed', error: outcome.error });
        continue;
      }
      results.push(
        outcome.released
          ? { datasetId: dataset.id, action: 'published', releaseId: outcome.release.releaseId, rows: outcome.release.rowCount, ...countsOf(outcome) }
          : { datasetId: dataset.id, action: 'unchanged', ...countsOf(outcome) },
      );
    } catch (error) {
      results.push({ datasetId: dataset.id, action: 'failed', error: (error as Error).message });
    }
  }
  return results;
}
