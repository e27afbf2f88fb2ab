export interface Checkpoint {
  /** Opaque position in the source (a cursor token, a keyset watermark). */
  readonly cursor: string | null;
  readonly committedAt: string;
  readonly pulledTotal: number;
  /** Incremented on every commit; the optimistic-concurrency token. */
  readonly revision: number;
}

export interface CheckpointStore {
  get(sourceId: string, stream: string): Promise<Checkpoint | undefined>;
  /**
   * Moves the checkpoint from `previous` to `next`; fails with CheckpointConflictError
   * when another writer moved it first, so two syncs of one source never interleave.
   */
  commit(sourceId: string, stream: string, next: Checkpoint, previous: Checkpoint | undefined): Promise<void>;
}

export class CheckpointConflictError extends Error {
  override readonly name = 'CheckpointConflictError';
}
