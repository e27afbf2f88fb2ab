import type { RecordChanges } from '../ports/index.js';
import type { StoredVersion } from '../ssot/model.js';
import { changedIds, inIdOrder, readInIdOrder, type SourceItem } from './release-source.js';
import { isShown, stateLines, type ReleaseState } from './release-state.js';

export interface ReadPlanInput {
  readonly datasetId: string;
  readonly recordType: string;
  readonly records: { listCurrent(recordType: string): AsyncIterable<readonly StoredVersion[]> } & Partial<RecordChanges>;
  /** The previous release's state, when it has one. */
  readonly previous?: ReleaseState;
  readonly definitionHash: string;
  /** China date of the release: a carried row whose last public day is before it is due. */
  readonly today: string;
  /** How far before the previous read changes are asked for: the index is eventually consistent and writers' clocks differ. */
  readonly marginMs: number;
  /** Above this many records to read, a full rebuild streams in flat memory where the change would not. */
  readonly changeLimit: number;
  readonly readState: (key: string) => Promise<Uint8Array | undefined>;
}

export type ReadPlan =
  | { readonly mode: 'full'; readonly why: string; readonly items: AsyncIterable<SourceItem>; readonly complete: true }
  | { readonly mode: 'incremental'; readonly reads: number; readonly items: AsyncIterable<SourceItem>; readonly complete: false };

/**
 * What a release reads of the SSOT. Incremental: the records changed since the previous
 * release's read (from a margin before it; a record read twice is judged the same twice), and
 * the carried records that are due — their publicity ended, or they were waiting to become
 * public — read by id. Full: every current record of the type, streamed in id order, when
 * there is no previous state, the definition (columns, grades, masking, rules) changed, the
 * store cannot list changes, or the change is too large to hold its ids.
 */
export async function planRead(input: ReadPlanInput): Promise<ReadPlan> {
  const full = (why: string): ReadPlan => ({
    mode: 'full',
    why,
    items: inIdOrder(input.records.listCurrent(input.recordType), `dataset ${input.datasetId}`),
    complete: true,
  });
  const { records, previous } = input;
  if (!previous) return full('no previous release state');
  if (previous.definitionHash !== input.definitionHash) return full('the dataset definition changed');
  if (!records.changedSince || !records.readCurrent) return full('the record store lists no changes');
  const since = new Date(Date.parse(previous.watermark) - input.marginMs);
  const ids = await changedIds(records as RecordChanges, input.recordType, since, input.changeLimit);
  if (!ids) return full(`more than ${input.changeLimit} records changed`);
  const dueParts = previous.parts.filter((part) => part.waiting > 0 || (part.minUntil !== undefined && part.minUntil < input.today));
  for await (const line of stateLines(input.readState, dueParts)) {
    if ('removed' in line) continue;
    if (!isShown(line) || (line.until !== undefined && line.until < input.today)) ids.add(line.id);
  }
  if (ids.size > input.changeLimit) return full(`more than ${input.changeLimit} records to read`);
  return { mode: 'incremental', reads: ids.size, items: readInIdOrder(records as RecordChanges, input.recordType, [...ids]), complete: false };
}
