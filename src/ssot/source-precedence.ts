import type { SourceConfig } from '../generated/source.types.js';
import type { SourcePrecedence } from './golden-merge.js';

type RankedSource = Pick<SourceConfig, 'id' | 'recordType' | 'precedence'>;

const byRank = (ranks: readonly (readonly [string, number])[]): string[] =>
  [...ranks].sort(([a, rankA], [b, rankB]) => rankA - rankB || a.localeCompare(b)).map(([id]) => id);

/**
 * Source precedence per record type, from the `precedence` each source declares in its
 * configuration: for golden records that several departments report, the department
 * that decides a fact wins it (the lowest rank; a field may have its own). A source
 * without a rank comes after the ranked ones, the freshest first.
 */
export function precedenceFrom(sources: readonly RankedSource[]): (recordType: string) => SourcePrecedence {
  const byType = new Map<string, SourcePrecedence>();
  for (const recordType of new Set(sources.map((s) => s.recordType))) {
    const ranked = sources.filter((s) => s.recordType === recordType && s.precedence !== undefined);
    if (ranked.length === 0) continue;
    const fieldNames = [...new Set(ranked.flatMap((s) => Object.keys(s.precedence?.fields ?? {})))];
    const fields = Object.fromEntries(
      fieldNames.map((field) => [field, byRank(ranked.map((s) => [s.id, s.precedence?.fields?.[field] ?? s.precedence!.rank] as const))]),
    );
    byType.set(recordType, {
      default: byRank(ranked.map((s) => [s.id, s.precedence!.rank] as const)),
      ...(fieldNames.length > 0 ? { fields } : {}),
    });
  }
  return (recordType) => byType.get(recordType) ?? {};
}
