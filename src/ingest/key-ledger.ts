/**
 * The source keys seen per source, grouped by the snapshot (a full pull, a file) or the
 * incremental runs (`DELTA`) that saw them, kept in the state table, each with the
 * fingerprint of its row when the connector gives one. When a snapshot completes, every
 * key recorded elsewhere and absent from it has vanished in the source; and a snapshot
 * source can send on only the rows whose fingerprint changed.
 */
export interface KeyEntry {
  readonly key: string;
  /** Hash of the row as the source wrote it; '' when unknown. */
  readonly fingerprint?: string;
}

/** Keys of one snapshot with their fingerprints ('' when unknown). */
export type RecordedKeys = ReadonlyMap<string, string>;

/** Keys seen by incremental runs, which read only what changed. */
export const DELTA = 'delta';

export interface VanishedKeys {
  readonly vanished: string[];
  /** Distinct keys known before this snapshot. */
  readonly known: number;
}

export function vanishedKeys(recorded: ReadonlyMap<string, RecordedKeys>, snapshot: string): VanishedKeys {
  const current = recorded.get(snapshot) ?? new Map<string, string>();
  const known = new Set<string>();
  for (const [id, keys] of recorded) if (id !== snapshot) for (const key of keys.keys()) known.add(key);
  return { vanished: [...known].filter((key) => !current.has(key)).sort(), known: known.size };
}

/** The fingerprint each key last had, over every recorded snapshot: what a new snapshot is compared with. */
export function knownFingerprints(recorded: ReadonlyMap<string, RecordedKeys>): Map<string, string> {
  const known = new Map<string, string>();
  for (const keys of recorded.values()) for (const [key, fingerprint] of keys) if (fingerprint !== '') known.set(key, fingerprint);
  return known;
}

export class MassDeleteRefusedError extends Error {
  override readonly name = 'MassDeleteRefusedError';

  constructor(
    message: string,
    /** The same, in Chinese. */
    readonly messageZh: string = message,
  ) {
    super(message);
  }
}
