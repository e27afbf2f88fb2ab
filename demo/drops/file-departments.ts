import type { ObjectStore, ProcessedFiles } from '../../src/ports/index.js';
import { sha256Hex } from '../../src/util/hash.js';
import { inboxPrefix } from '../../src/ingest/files/inbox.js';

export interface DemoDrop {
  readonly sourceId: string;
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * Puts a department's file in its inbox, as the department would, unless that very
 * file (by content) was already ingested or is already waiting: a restart drops nothing twice.
 */
export async function dropFile(
  drop: DemoDrop,
  deps: { readonly raw: ObjectStore; readonly processed: ProcessedFiles },
): Promise<'dropped' | 'already-ingested' | 'waiting'> {
  if (await deps.processed.has(drop.sourceId, sha256Hex(drop.bytes))) return 'already-ingested';
  const key = `${inboxPrefix(drop.sourceId)}${drop.name}`;
  if (await deps.raw.exists(key)) return 'waiting';
  await deps.raw.put(key, drop.bytes);
  return 'dropped';
}
