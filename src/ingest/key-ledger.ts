/**
 * The source keys seen per source, grouped by the snapshot (a full pull, a file) or the
 * incremental runs (`DELTA`) that saw them, kept in the state table. When a snapshot
 * completes, every key recorded elsewhere and absent from it has vanished in the source.
 */
export interface SourceKeyLedger {
  /** Records the keys of one raw batch; idempotent per (snapshot, chunk). */
  record(sourceId: string, snapshot: string, chunk: string, keys: readonly string[]): Promise<void>;
  /** Every recorded key, by snapshot. */
  load(sourceId: string): Promise<Map<string, Set<string>>>;
  /** Drops every snapshot but `keep`: after a complete snapshot, it alone says what exists. */
  forgetAllBut(sourceId: string, keep: string): Promise<void>;
}

/** Keys seen by incremental runs, which read only what changed. */
export const DELTA = 'delta';

export interface VanishedKeys {
  readonly vanished: string[];
  /** Distinct keys known before this snapshot. */
  readonly known: number;
}

export function vanishedKeys(recorded: ReadonlyMap<string, ReadonlySet<string>>, snapshot: string): VanishedKeys {
  const current = recorded.get(snapshot) ?? new Set<string>();
  const known = new Set<string>();
  for (const [id, keys] of recorded) if (id !== snapshot) for (const key of keys) known.add(key);
  return { vanished: [...known].filter((key) => !current.has(key)).sort(), known: known.size };
}

export class MassDeleteRefusedError extends Error {
  override readonly name = 'MassDeleteRefusedError';
}
