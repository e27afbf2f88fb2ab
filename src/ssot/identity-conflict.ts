import { canonicalJson } from '../util/hash.js';
import type { Contribution } from './golden-merge.js';
import type { Provenance } from './model.js';

/** A record's identity values, normalized for comparison, by identity field; fields it lacks are left out. */
export type IdentityOf = (record: Readonly<Record<string, unknown>>) => Readonly<Record<string, string>>;

/** One contribution of a record in conflict: its source row and what it says the record is. */
export interface ConflictSide {
  /** `sourceId#sourceKey`. */
  readonly ref: string;
  readonly provenance: Provenance;
  /** Its normalized identity values. */
  readonly identity: Readonly<Record<string, string>>;
}

/**
 * Contributions under one match key that are not one case: they disagree on `fields`.
 * While a record carries one, nothing of it is merged or published.
 */
export interface IdentityConflict {
  /** Identity fields with more than one value among the sides, sorted. */
  readonly fields: readonly string[];
  /** Every active contribution, by ref. */
  readonly sides: readonly ConflictSide[];
}

/**
 * The conflict among a record's active contributions, or undefined when they agree. A field
 * one side lacks is no disagreement; two sides with different values for it are.
 */
export function identityConflict(contributions: readonly Contribution[], identityOf: IdentityOf): IdentityConflict | undefined {
  if (contributions.length < 2) return undefined;
  const sides = [...contributions]
    .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0))
    .map((c) => ({ ref: c.ref, provenance: c.provenance, identity: identityOf(c.record) }));
  const valuesOf = new Map<string, Set<string>>();
  for (const side of sides) {
    for (const [field, value] of Object.entries(side.identity)) valuesOf.set(field, (valuesOf.get(field) ?? new Set()).add(value));
  }
  const fields = [...valuesOf].filter(([, values]) => values.size > 1).map(([field]) => field);
  return fields.length === 0 ? undefined : { fields: fields.sort(), sides };
}

/** Whether two conflicts are the same (same fields, same sides saying the same), so nothing about it changed. */
export function sameConflict(a: IdentityConflict | undefined, b: IdentityConflict | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  // Canonical JSON: a conflict read back from DynamoDB has its maps' keys in any order.
  return canonicalJson(a) === canonicalJson(b);
}

/** The sources whose rows are sides of a conflict. */
export const conflictSources = (conflict: IdentityConflict | undefined): string[] => [
  ...new Set((conflict?.sides ?? []).map((side) => side.provenance.sourceId)),
];

/**
 * How one write changed a record's conflict: the stage that keeps the steward's queue
 * replaces or clears its entries from this.
 */
export interface ConflictChange {
  readonly recordType: string;
  readonly recordId: string;
  /** Sources that had rows in the conflict before the write. */
  readonly before: readonly string[];
  /** The conflict after the write, with every side's record by ref; absent when it is resolved. */
  readonly after?: { readonly conflict: IdentityConflict; readonly records: Readonly<Record<string, Readonly<Record<string, unknown>>>> };
}
