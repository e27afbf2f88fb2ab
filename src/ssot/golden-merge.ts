import type { Provenance } from './model.js';

/**
 * Which departments win for a record type: `default` ranks sources for every field,
 * `fields` overrides the ranking per field. Sources not named rank after the named ones.
 */
export interface SourcePrecedence {
  readonly default?: readonly string[];
  readonly fields?: Readonly<Record<string, readonly string[]>>;
}

export interface Contribution {
  /** `sourceId#sourceKey`: one source row. */
  readonly ref: string;
  readonly record: Readonly<Record<string, unknown>>;
  readonly provenance: Provenance;
}

export interface GoldenRecord {
  readonly record: Readonly<Record<string, unknown>>;
  /** The contribution (by ref) each field came from. */
  readonly fieldSources: Readonly<Record<string, string>>;
}

function rankOf(list: readonly string[] | undefined, sourceId: string): number {
  const index = list?.indexOf(sourceId) ?? -1;
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
}

/**
 * Contributions in the order they win a field: declared precedence first, then the
 * freshest extraction, then the ref, so the result never depends on arrival order.
 */
export function rankContributions(contributions: readonly Contribution[], ranking: readonly string[] | undefined): Contribution[] {
  return [...contributions].sort(
    (a, b) =>
      rankOf(ranking, a.provenance.sourceId) - rankOf(ranking, b.provenance.sourceId) ||
      (a.provenance.extractedAt < b.provenance.extractedAt ? 1 : a.provenance.extractedAt > b.provenance.extractedAt ? -1 : 0) ||
      (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0),
  );
}

/**
 * The golden record: per top-level field, the value of the highest-ranked contribution
 * that has one. Values are taken whole (a list of issuers is not merged item by item).
 */
export function mergeContributions(contributions: readonly Contribution[], precedence: SourcePrecedence = {}): GoldenRecord {
  if (contributions.length === 0) throw new Error('cannot merge zero contributions');
  const fields = [...new Set(contributions.flatMap((c) => Object.keys(c.record)))].sort();
  const defaultOrder = rankContributions(contributions, precedence.default);
  const record: Record<string, unknown> = {};
  const fieldSources: Record<string, string> = {};
  for (const field of fields) {
    const ranking = precedence.fields?.[field];
    const order = ranking ? rankContributions(contributions, [...ranking, ...(precedence.default ?? [])]) : defaultOrder;
    const winner = order.find((c) => c.record[field] !== undefined);
    if (!winner) continue;
    record[field] = winner.record[field];
    fieldSources[field] = winner.ref;
  }
  return { record, fieldSources };
}

/** The whole record of the top-ranked contribution: the fallback when a field-wise merge is not a valid record. */
export function topContribution(contributions: readonly Contribution[], precedence: SourcePrecedence = {}): GoldenRecord {
  const top = rankContributions(contributions, precedence.default)[0];
  if (!top) throw new Error('cannot merge zero contributions');
  return { record: top.record, fieldSources: Object.fromEntries(Object.keys(top.record).map((field) => [field, top.ref])) };
}
