import { chinaDate } from '../calendar/index.js';
import type { DatasetConfig } from '../config/catalog.js';
import { publicityJudgeFor } from '../disclosure/publicity-by-type.js';
import type { Publicity } from '../disclosure/publicity.js';
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
  const publicity = publicityToday(dataset, now);
  return (stored) => isInDataset(stored.record) && publicity(stored).published;
}

/**
 * Disclosure step: under a dataset's disclosure rules, whether a record is public on the
 * China date of `now` (revoked, expired, suspended and repaired ones are not), by its record type's rule.
 */
export function publicityToday(dataset: DatasetConfig, now: Date): (stored: StoredVersion) => Publicity {
  const rules = dataset.disclosure;
  if (!rules) return () => ({ published: true });
  const today = chinaDate(now);
  const judge = publicityJudgeFor(dataset.recordType);
  return (stored) => judge(stored.record, today, rules);
}
