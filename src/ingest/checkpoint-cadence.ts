import type { Checkpoint } from '../ports/index.js';

/**
 * How often a sync commits its checkpoint. One commit per page cost a serial DynamoDB write
 * per page; every N pages or T seconds (whichever comes first) bounds what a crash repeats
 * instead, and a repeated page lands on the same raw key and changes nothing downstream.
 */
export interface CheckpointCadence {
  readonly pages: number;
  readonly seconds: number;
  /**
   * The first this many pages of a run commit one by one: a short incremental run (most
   * scheduled runs pull a page or three) keeps per-page checkpoints, a long run (a backfill)
   * soon commits every `pages` pages or `seconds` seconds.
   */
  readonly eachOfFirst?: number;
}

export const DEFAULT_CHECKPOINT_CADENCE = { pages: 10, seconds: 5, eachOfFirst: 3 } as const satisfies CheckpointCadence;

const positive = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, not "${value}"`);
  return parsed;
};

/** The cadence from TONGYUAN_CHECKPOINT_PAGES and TONGYUAN_CHECKPOINT_SECONDS, else the defaults. */
export function checkpointCadence(env: Readonly<Record<string, string | undefined>>): CheckpointCadence {
  return {
    pages: Math.ceil(positive(env.TONGYUAN_CHECKPOINT_PAGES, DEFAULT_CHECKPOINT_CADENCE.pages, 'TONGYUAN_CHECKPOINT_PAGES')),
    seconds: positive(env.TONGYUAN_CHECKPOINT_SECONDS, DEFAULT_CHECKPOINT_CADENCE.seconds, 'TONGYUAN_CHECKPOINT_SECONDS'),
    eachOfFirst: DEFAULT_CHECKPOINT_CADENCE.eachOfFirst,
  };
}

/**
 * The checkpoint of one run: `advance` notes a page as durable and sent on; `due` says whether
 * to commit now; `flush` commits what was noted.
 */
export class CheckpointPacer {
  private pending: Checkpoint | undefined;
  private pagesSinceCommit = 0;
  private commits = 0;
  private lastCommitAt: number;
  /** The last commit threw: the store refused it (another sync moved the checkpoint) or failed. */
  commitFailed = false;

  constructor(
    private committed: Checkpoint | undefined,
    private readonly cadence: CheckpointCadence,
    private readonly commit: (next: Checkpoint, previous: Checkpoint | undefined) => Promise<void>,
    startedAt: Date,
  ) {
    this.lastCommitAt = startedAt.getTime();
  }

  /** The cursor the run stands at: committed or not. */
  get cursor(): string | null {
    return (this.pending ?? this.committed)?.cursor ?? null;
  }

  /** Notes a page whose raw batch is durable and whose normalize request is sent. */
  advance(nextCursor: string | null, items: number, at: Date): void {
    if (nextCursor === null || nextCursor === this.cursor) return;
    const base = this.pending ?? this.committed;
    this.pending = {
      cursor: nextCursor,
      committedAt: at.toISOString(),
      pulledTotal: (base?.pulledTotal ?? 0) + items,
      revision: (this.committed?.revision ?? 0) + 1,
    };
    this.pagesSinceCommit += 1;
  }

  due(now: Date): boolean {
    if (this.pending === undefined) return false;
    return (
      this.commits < (this.cadence.eachOfFirst ?? 0) ||
      this.pagesSinceCommit >= this.cadence.pages ||
      now.getTime() - this.lastCommitAt >= this.cadence.seconds * 1000
    );
  }

  async flush(now: Date): Promise<void> {
    const next = this.pending;
    if (next === undefined) return;
    try {
      await this.commit(next, this.committed);
    } catch (error) {
      this.commitFailed = true;
      throw error;
    }
    this.committed = next;
    this.pending = undefined;
    this.pagesSinceCommit = 0;
    this.commits += 1;
    this.lastCommitAt = now.getTime();
  }
}
