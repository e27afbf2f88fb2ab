import type { Item } from './record-items.js';

/**
 * How a version changed the number of live records of its type, carried on the version
 * item itself so the stream's consumer can keep per-type counters without reading the
 * table. "Live" is what the record reader's countCurrent counts: neither a tombstone nor
 * in an identity conflict (a record in conflict is listed and published nowhere).
 *
 * Versions are written once each, numbered one after another, and each one's delta is
 * taken against the state it follows (the current item the write was conditional on, or
 * the version before it in the same write). So a record's deltas add up to whether its
 * newest version is live, whichever writer put which version, orphans adopted included.
 */

/** A plain number attribute on each version item (not packed: the stream's consumer reads it). */
export const LIVE_DELTA_ATTRIBUTE = 'liveDelta';

export interface LiveState {
  readonly deleted: boolean;
  readonly conflict?: unknown;
}

/** Whether a record in this state is counted (undefined: the record does not exist yet). */
export const isLive = (state: LiveState | undefined): boolean => state !== undefined && !state.deleted && state.conflict === undefined;

/** Each new version's delta, in order: +1 the record became live, -1 it stopped being live, 0 otherwise. */
export function liveDeltas(before: LiveState | undefined, versions: readonly LiveState[]): number[] {
  let previous = isLive(before);
  return versions.map((version) => {
    const live = isLive(version);
    const delta = Number(live) - Number(previous);
    previous = live;
    return delta;
  });
}

/**
 * A version item's delta. Items written before the attribute existed get one derived from
 * themselves alone: a first version that is live counts +1, a tombstone -1, anything else
 * 0. That derivation is wrong for a revival (+1 taken as 0), a tombstone of a record in
 * conflict (0 taken as -1) and a conflict arising or ending, which is why counting starts
 * only with a records table created empty (the local provisioning writes the baseline then).
 */
export function liveDeltaOfItem(item: Item): number {
  const stored = item[LIVE_DELTA_ATTRIBUTE];
  if (stored !== undefined) return Number(stored);
  if (item.deleted === true) return -1;
  return Number(item.version) === 1 && item.conflict === undefined ? 1 : 0;
}
