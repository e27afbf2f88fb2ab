import type { DatasetConfig } from '../config/catalog.js';
import { overdueNow } from './release-quality.js';
import type { DatasetCategory, ReleasePointer } from './release.js';

/** One line of `tongyuan datasets list`: what a dataset is and where its releases stand. */
export interface DatasetOverview {
  readonly id: string;
  readonly title: string;
  readonly recordType: string;
  /** open / restricted, or `invalid` when the dataset's fields cannot be graded (the problem is in `problem`). */
  readonly category: DatasetCategory | 'invalid';
  readonly categoryLabel: string;
  readonly latestRelease: string | null;
  readonly createdAt: string | null;
  readonly rowCount: number | null;
  /** Source rows that passed validation, of all the record type's source rows (null: not measured). */
  readonly validityRate: number | null;
  /** The newest source change is older than the 更新频率 allows, as of now (false when not measured). */
  readonly overdue: boolean;
  /** Set when the latest release is provisional (cut while work for the dataset was in flight): why. */
  readonly provisional?: string;
  readonly problem?: string;
}

const LABELS: Readonly<Record<DatasetOverview['category'], string>> = { open: '无条件开放', restricted: '受限开放', invalid: '分级无效' };

/** A dataset's overview from its definition, its latest release and its category rule. */
export function datasetOverview(
  dataset: DatasetConfig,
  latest: ReleasePointer | undefined,
  categoryOf: (dataset: DatasetConfig) => DatasetCategory,
  now: Date,
): DatasetOverview {
  let category: DatasetOverview['category'];
  let problem: string | undefined;
  try {
    category = categoryOf(dataset);
  } catch (error) {
    // One badly graded dataset must not hide the others from the list.
    category = 'invalid';
    problem = (error as Error).message;
  }
  return {
    id: dataset.id,
    title: dataset.title.zh,
    recordType: dataset.recordType,
    category,
    categoryLabel: LABELS[category],
    latestRelease: latest?.releaseId ?? null,
    createdAt: latest?.createdAt ?? null,
    rowCount: latest?.rowCount ?? null,
    validityRate: latest?.quality?.validity.rate ?? null,
    overdue: latest?.quality ? overdueNow(latest.quality, now) : false,
    ...(latest?.provisional ? { provisional: latest.provisionalReason ?? 'provisional' } : {}),
    ...(problem ? { problem } : {}),
  };
}
