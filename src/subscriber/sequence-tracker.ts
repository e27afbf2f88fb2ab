import { genesisHash, headHash } from '../feeds/canonical.js';
import type { FeedEventHead } from '../feeds/event.js';
import { isFeedId } from '../feeds/feeds.js';

/** Where a feed stood at the end of a run: every sequence up to `through` was received or reported missing. */
export interface FeedPosition {
  readonly through: number;
  /** The head hash of event `through`, when it was received: the next run checks its successor's prevhash. */
  readonly hash?: string;
}

export type SequenceProblem =
  | { readonly kind: 'gap'; readonly feed: string; readonly from: number; readonly to: number }
  | { readonly kind: 'broken-chain'; readonly feed: string; readonly sequence: number; readonly reason: string };

export const describeProblem = (p: SequenceProblem): string =>
  p.kind === 'gap' ? `${p.feed}: ${p.from === p.to ? p.from : `${p.from}–${p.to}`} missing` : `${p.feed}: chain broken at ${p.sequence} (${p.reason})`;

/** The feed's short name, from its CloudEvents source `/shaoxing/tongyuan/<feed>`. */
export const feedName = (source: string): string => source.split('/').filter(Boolean).at(-1) ?? source;

interface Received {
  readonly hash: string;
  readonly prevhash: string;
}

/** One feed's window: everything at or below `floor` is settled; above it, what came and what is awaited. */
interface Track {
  readonly feed: string;
  /** Without a stored position the window starts below the lowest sequence seen, until it is fixed. */
  fixed: boolean;
  floor: number;
  floorHash: string | undefined;
  top: number;
  firstSeenAt: number;
  readonly received: Map<number, Received>;
  /** Missing sequences and the event count when they were first missed. */
  readonly pending: Map<number, number>;
  readonly reported: Set<number>;
}

/**
 * Per feed (event source): which sequences came, which are missing, and whether neighbours link.
 * A FIFO queue orders per record only, so events of a feed may arrive out of order: a missing
 * sequence is a gap only once `graceEvents` more events came without it, or at the end of a run.
 */
export class SequenceTracker {
  private readonly tracks = new Map<string, Track>();
  private count = 0;

  constructor(
    private readonly graceEvents: number,
    private readonly stored: Readonly<Record<string, FeedPosition>> = {},
  ) {}

  observe(head: FeedEventHead): SequenceProblem[] {
    this.count += 1;
    const seq = Number(head.sequence);
    const track = this.trackOf(head.source, seq);
    const problems: SequenceProblem[] = [];
    if (track.fixed && seq <= track.floor) return problems; // late: already settled (reported missing, or a prior run's)
    const hash = headHash(head);
    const known = track.received.get(seq);
    if (known) {
      if (known.hash !== hash) problems.push(broken(track, seq, 'two different events carry this sequence'));
      return problems;
    }
    track.received.set(seq, { hash, prevhash: head.prevhash });
    track.pending.delete(seq);
    problems.push(...this.links(track, head.source, seq));
    for (let m = track.top + 1; m < seq; m += 1) track.pending.set(m, this.count);
    track.top = Math.max(track.top, seq);
    if (!track.fixed && seq <= track.floor) {
      for (let m = seq + 1; m <= track.floor; m += 1) if (!track.received.has(m)) track.pending.set(m, this.count);
      track.floor = seq - 1;
    }
    if (!track.fixed && this.count - track.firstSeenAt >= this.graceEvents) track.fixed = true;
    problems.push(...this.due(track, (since) => this.count - since >= this.graceEvents));
    return problems;
  }

  /** The end of a run: whatever is still missing is a gap. */
  finish(): SequenceProblem[] {
    return [...this.tracks.values()].flatMap((track) => {
      track.fixed = true;
      return this.due(track, () => true);
    });
  }

  /** What to store for the next run (positions of feeds whose window is fixed). */
  positions(): Record<string, FeedPosition> {
    const stored: Record<string, FeedPosition> = { ...this.stored };
    for (const [source, t] of this.tracks) if (t.fixed) stored[source] = { through: t.floor, ...(t.floorHash ? { hash: t.floorHash } : {}) };
    return stored;
  }

  private trackOf(source: string, seq: number): Track {
    let track = this.tracks.get(source);
    if (!track) {
      const position = this.stored[source];
      const floor = position?.through ?? seq - 1;
      track = {
        feed: feedName(source),
        fixed: position !== undefined,
        floor,
        floorHash: position?.hash,
        top: floor,
        firstSeenAt: this.count,
        received: new Map(),
        pending: new Map(),
        reported: new Set(),
      };
      this.tracks.set(source, track);
    }
    return track;
  }

  /** prevhash(n) = headHash(head(n-1)), checked wherever both neighbours are known. */
  private links(track: Track, source: string, seq: number): SequenceProblem[] {
    const problems: SequenceProblem[] = [];
    const self = track.received.get(seq)!;
    const before = track.received.get(seq - 1)?.hash ?? (track.fixed && seq - 1 === track.floor ? track.floorHash : undefined);
    const feed = track.feed;
    const expected = before ?? (seq === 1 && isFeedId(feed) && source === `/shaoxing/tongyuan/${feed}` ? genesisHash(feed) : undefined);
    if (expected !== undefined && self.prevhash !== expected)
      problems.push(broken(track, seq, seq === 1 ? 'prevhash is not the genesis hash' : `prevhash is not the hash of ${seq - 1}'s head`));
    const after = track.received.get(seq + 1);
    if (after && after.prevhash !== self.hash) problems.push(broken(track, seq + 1, `prevhash is not the hash of ${seq}'s head`));
    return problems;
  }

  /** Reports the pending sequences `isDue` says waited long enough, as ranges; then moves the floor up. */
  private due(track: Track, isDue: (since: number) => boolean): SequenceProblem[] {
    const missing = [...track.pending].filter(([, since]) => isDue(since)).map(([m]) => m);
    missing.sort((a, b) => a - b);
    const problems: SequenceProblem[] = [];
    for (const m of missing) {
      track.pending.delete(m);
      track.reported.add(m);
      const last = problems.at(-1);
      if (last?.kind === 'gap' && last.to === m - 1) problems[problems.length - 1] = { ...last, to: m };
      else problems.push({ kind: 'gap', feed: track.feed, from: m, to: m });
    }
    if (track.fixed) compact(track);
    return problems;
  }
}

const broken = (track: Track, sequence: number, reason: string): SequenceProblem => ({ kind: 'broken-chain', feed: track.feed, sequence, reason });

/** Forgets what lies below the first unsettled sequence, keeping the hash the next event links to. */
function compact(track: Track): void {
  for (;;) {
    const next = track.floor + 1;
    const got = track.received.get(next);
    if (!got && !track.reported.has(next)) return;
    track.floor = next;
    track.floorHash = got?.hash;
    track.received.delete(next);
    track.reported.delete(next);
  }
}
