import type { DatasetConfig } from '../config/catalog.js';
import { discloseVersion } from '../disclosure/disclose-versions.js';
import { withheldOf, type HiddenVersion } from '../disclosure/withdrawals.js';
import type { StoredVersion } from '../ssot/model.js';
import { datasetFilter } from './dataset-filter.js';
import { compareIds } from './merkle.js';
import type { Row } from './release-columns.js';
import { publicityToday } from './release-selection.js';
import type { SourceItem } from './release-source.js';
import type { StateEntry } from './release-state.js';

/** What a release makes of one current version. */
export type Judged =
  | { readonly kind: 'shown'; readonly stored: StoredVersion; readonly row: Row; readonly until?: string }
  /** Not public yet (its decision date is ahead): kept in the state to be read again. */
  | { readonly kind: 'waiting'; readonly stored: StoredVersion; readonly hidden: HiddenVersion }
  /** In the dataset but not public today (revoked, expired, suspended, repaired). */
  | { readonly kind: 'hidden'; readonly hidden: HiddenVersion }
  /** Not in the dataset at all: deleted, in an identity conflict, a minor's case, outside its filter. */
  | { readonly kind: 'gone' };

/**
 * The disclosure step for one version, exactly as a full read does it: a minor's decision and
 * an identity conflict are left out and free text is redacted (discloseVersion) before the
 * filter, the publicity of today and the projection to a row.
 */
export function judgeVersions(
  dataset: DatasetConfig,
  now: Date,
  freeTextFields: readonly string[],
  project: (record: Readonly<Record<string, unknown>>) => Row,
): (stored: StoredVersion | undefined) => Judged {
  const isInDataset = datasetFilter(dataset);
  const publicity = publicityToday(dataset, now);
  return (original) => {
    if (!original || original.deleted) return { kind: 'gone' };
    const stored = discloseVersion(original, freeTextFields);
    if (!stored || !isInDataset(stored.record)) return { kind: 'gone' };
    const today = publicity(stored);
    if (today.published) return { kind: 'shown', stored, row: project(stored.record), ...(today.until ? { until: today.until } : {}) };
    const withheld = withheldOf(today);
    const hidden: HiddenVersion = withheld ? { stored, withheld } : { stored };
    return !today.published && today.reason === 'not-yet-decided' ? { kind: 'waiting', stored, hidden } : { kind: 'hidden', hidden };
  };
}

/** One id of the merge: what the previous release's state held, and what the SSOT has now when it was read. */
export interface MergeStep {
  readonly id: string;
  readonly previous?: StateEntry;
  readonly current?: SourceItem;
}

/**
 * Joins the previous state and the records read, both in id order, one id at a time: memory
 * holds one entry of each, whatever the size of the dataset.
 */
export async function* mergeById(previous: AsyncIterable<StateEntry>, current: AsyncIterable<SourceItem>): AsyncGenerator<MergeStep> {
  const left = previous[Symbol.asyncIterator]();
  const right = current[Symbol.asyncIterator]();
  let a = await left.next();
  let b = await right.next();
  let last: string | undefined;
  const inOrder = (id: string) => {
    if (last !== undefined && compareIds(id, last) <= 0) throw new Error(`release merge: ${id} came after ${last}; both sides must be in record id order`);
    last = id;
  };
  while (!a.done || !b.done) {
    const order = a.done ? 1 : b.done ? -1 : compareIds(a.value.id, b.value.id);
    if (order < 0 && !a.done) {
      inOrder(a.value.id);
      yield { id: a.value.id, previous: a.value };
      a = await left.next();
    } else if (order > 0 && !b.done) {
      inOrder(b.value.id);
      yield { id: b.value.id, current: b.value };
      b = await right.next();
    } else if (!a.done && !b.done) {
      inOrder(a.value.id);
      yield { id: a.value.id, previous: a.value, current: b.value };
      a = await left.next();
      b = await right.next();
    }
  }
}
