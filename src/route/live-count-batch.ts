import type { CountedChange } from '../ports/record-counts.js';

/**
 * A stream batch's effect on the per-type live-record counters, from each stream record's
 * sequence number and delta. Pure: the port (ports/record-counts.ts) applies it once per batch.
 */

/** The non-zero sum of deltas per record type; empty when the batch leaves every count as it was. */
export function deltasByType(changes: readonly CountedChange[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const c of changes) if (c.recordType !== undefined && c.delta !== 0) sums.set(c.recordType, (sums.get(c.recordType) ?? 0) + c.delta);
  for (const [type, sum] of sums) if (sum === 0) sums.delete(type);
  return sums;
}

/**
 * The changes past `last` (a sequence number already applied), compared as numbers:
 * sequence numbers grow in length, so comparing the strings would misorder them.
 */
export function changesAfter(changes: readonly CountedChange[], last: string): CountedChange[] {
  const applied = BigInt(last);
  return changes.filter((c) => BigInt(c.sequenceNumber) > applied);
}
