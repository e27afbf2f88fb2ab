import type { DatasetConfig } from '../config/catalog.js';
import { datasetCategory } from '../grading/index.js';
import type { DatasetCategory, ReleasePointer } from '../publish/release.js';
import type { ApiDeps } from './deps.js';

/** A dataset's category as its definition grades it now: grading's, unless the deps give another (tests). */
export function categoryNow(deps: Pick<ApiDeps, 'category'>, dataset: DatasetConfig): DatasetCategory {
  return deps.category ? deps.category(dataset) : datasetCategory(dataset);
}

/** 就高从严: a release built as restricted stays restricted even when the dataset is open now. */
export function servedCategory(deps: Pick<ApiDeps, 'category'>, dataset: DatasetConfig, release: ReleasePointer | undefined): DatasetCategory {
  return release?.category === 'restricted' ? 'restricted' : categoryNow(deps, dataset);
}
