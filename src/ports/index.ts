/**
 * The small interfaces the core talks to the world through. AWS adapters in
 * src/aws/ implement them; tests may implement them in memory.
 */

export interface PutObjectOptions {
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface ObjectStore {
  put(key: string, body: Uint8Array | string, options?: PutObjectOptions): Promise<void>;
  /** The object's bytes, or undefined when it does not exist. */
  get(key: string): Promise<Uint8Array | undefined>;
  exists(key: string): Promise<boolean>;
}

export interface MessageSender {
  /** Sends every body; batches and retries partial failures, throws if any is finally refused. */
  send(bodies: readonly string[], options?: { readonly delaySeconds?: number }): Promise<void>;
}

export interface FeedMessage {
  readonly body: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface FeedPublisher {
  publish(messages: readonly FeedMessage[]): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

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
