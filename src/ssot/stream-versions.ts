import { VERSION_SK_PREFIX, type StoredVersion } from './model.js';
import type { RecordOverflow } from './overflow.js';
import { resolveStoredVersion, type Item } from './record-items.js';

/** Version items are the SSOT's history; current and contribution items share the table but are not changes. */
export const isVersionItem = (item: Item): boolean => typeof item.sk === 'string' && item.sk.startsWith(VERSION_SK_PREFIX);

/**
 * The stored versions among `items` (new images from the SSOT's stream), in order; content
 * too large for an item is in S3 (claim check) and is fetched, so each version is whole.
 */
export async function storedVersionsOf(items: readonly Item[], overflow: RecordOverflow): Promise<StoredVersion[]> {
  const versions: StoredVersion[] = [];
  for (const item of items) if (isVersionItem(item)) versions.push(await resolveStoredVersion(item, overflow));
  return versions;
}
