import type { RecordChanges } from '../ports/index.js';
import type { StoredVersion } from '../ssot/model.js';
import { changedVersions, inIdOrder, readInIdOrder, type SourceItem } from './release-source.js';
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
  /** Stops the listing of changes once aborted (the function's deadline nears). */
  readonly signal?: AbortSignal;
}

export type ReadPlan =
  | { readonly mode: 'full'; readonly why: string; readonly items: AsyncIterable<SourceItem>; readonly complete: true }
  | { readonly mode: 'incremental'; readonly reads: number; readonly items: AsyncIterable<SourceItem>; readonly complete: false };

/** Every change there is: a full read through the change index starts here. */
const BEGINNING = new Date(0);

/**
 * What a release reads of the SSOT. Incremental: the records changed since the previous
 * release's read (from a margin before it), less those the previous state already holds at
 * the same version, and the carried records that are due — their publicity ended, or they
 * were waiting to become public — read by id. Full: every current record of the type, in id
 * order, when there is no previous state or the definition (columns, grades, masking, rules)
 * changed.
 *
 * A full read lists the change index from the beginning and reads the records by id, as an
 * incremental one does: on DynamoDB Local a query page costs in proportion to what the query
 * has left after it, so one query over a 100,000-record type outlasted the publish function's
 * timeout, where the change index is read in windows. It streams the type's listing instead
 * (flat memory) when the store cannot list changes or more than `changeLimit` records are there.
 */
export async function planRead(input: ReadPlanInput): Promise<ReadPlan> {
  const { records, previous } = input;
  const full = async (why: string): Promise<ReadPlan> => {
    const all = canListChanges(records) ? await changedVersions(records, input.recordType, BEGINNING, input.changeLimit, input.signal) : undefined;
    const items = all
      ? readInIdOrder(records as RecordChanges, input.recordType, [...all.keys()])
      : inIdOrder(records.listCurrent(input.recordType), `dataset ${input.datasetId}`);
    return { mode: 'full', why, items, complete: true };
  };
  if (!previous) return full('no previous release state');
  if (previous.definitionHash !== input.definitionHash) return full('the dataset definition changed');
  if (!canListChanges(records)) return full('the record store lists no changes');
  const since = new Date(Date.parse(previous.watermark) - input.marginMs);
  const changed = await changedVersions(records, input.recordType, since, input.changeLimit, input.signal);
  if (!changed) return full(`more than ${input.changeLimit} records changed`);
  // The margin lists again what the previous release read: a record still at the version it holds is not read twice.
  for await (const line of stateLines(input.readState, changed.size > 0 ? previous.parts : [])) {
    if (!('removed' in line) && changed.get(line.id) === line.v) changed.delete(line.id);
  }
  const ids = new Set(changed.keys());
  const dueParts = previous.parts.filter((part) => part.waiting > 0 || (part.minUntil !== undefined && part.minUntil < input.today));
  for await (const line of stateLines(input.readState, dueParts)) {
    if ('removed' in line) continue;
    if ('waiting' in line || (isShown(line) && line.until !== undefined && line.until < input.today)) ids.add(line.id);
  }
  if (ids.size > input.changeLimit) return full(`more than ${input.changeLimit} records to read`);
  return { mode: 'incremental', reads: ids.size, items: readInIdOrder(records, input.recordType, [...ids]), complete: false };
}

const canListChanges = (records: ReadPlanInput['records']): records is ReadPlanInput['records'] & RecordChanges =>
  records.changedSince !== undefined && records.readCurrent !== undefined;
