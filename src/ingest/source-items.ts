import type { SourceConfig } from '../config/catalog.js';

const DEFAULT_DELETED_VALUES: readonly (string | number | boolean)[] = [true, 1, '1', 'Y', 'y', 'true'];

/** The source's own key of an item, as text; undefined when the item has none. */
export function sourceKeyOf(source: SourceConfig, item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const value = (item as Record<string, unknown>)[source.primaryKey ?? 'id'];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined;
}

/** Whether the source marks this item as deleted (deletions: { detect: flag }). */
export function isFlaggedDeleted(source: SourceConfig, item: unknown): boolean {
  const { deletions } = source;
  if (deletions?.detect !== 'flag' || typeof item !== 'object' || item === null) return false;
  const value = (item as Record<string, unknown>)[deletions.field];
  return (deletions.values ?? DEFAULT_DELETED_VALUES).some((v) => v === value || (typeof value === 'string' && String(v) === value.trim()));
}

/**
 * The items normalize maps: a raw batch's items without those the source flags as
 * deleted, which become tombstones instead. Ingest and normalize both go through here,
 * so an item's index means the same on both sides.
 */
export function liveItems(source: SourceConfig, items: readonly unknown[]): readonly unknown[] {
  return source.deletions?.detect === 'flag' ? items.filter((item) => !isFlaggedDeleted(source, item)) : items;
}
