import { chinaDate } from '../calendar/index.js';
import type { DatasetConfig } from '../config/catalog.js';
import { publicityOf } from '../disclosure/publicity.js';
import type { StoredVersion } from '../ssot/model.js';
import { datasetFilter } from './dataset-filter.js';

/**
 * Which current versions a release of `dataset` made at `now` shows: those its filter selects
 * (penalties, licences) that are public on that China date by its disclosure rules (revoked,
 * expired and suspended decisions are left out). Anything that discloses a dataset's records
 * outside a release (an exchange file) selects with this too.
 */
export function releaseSelection(dataset: DatasetConfig, now: Date): (stored: StoredVersion) => boolean {
  const isInDataset = datasetFilter(dataset);
  const rules = dataset.disclosure;
  if (!rules) return (stored) => isInDataset(stored.record);
  const today = chinaDate(now);
  return (stored) => isInDataset(stored.record) && publicityOf(stored.record, today, rules).published;
}
