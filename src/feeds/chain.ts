import type { UnsequencedHead } from '../ports/feed-log.js';
import { genesisHash, headHash } from './canonical.js';
import type { FeedEventHead } from './event.js';
import type { FeedId } from './feeds.js';

/** Where a feed's chain stands: the last sequence given and the hash of its head. */
export interface ChainTip {
  readonly sequence: number;
  readonly hash: string;
}

export const emptyTip = (feed: FeedId): ChainTip => ({ sequence: 0, hash: genesisHash(feed) });

/** Gives heads the next sequences after `tip` and links each to the one before; returns them and the new tip. Pure. */
export function chainHeads(tip: ChainTip, heads: readonly UnsequencedHead[]): { readonly heads: FeedEventHead[]; readonly tip: ChainTip } {
  let { sequence, hash } = tip;
  const chained = heads.map((head) => {
    sequence += 1;
    const linked: FeedEventHead = { ...head, sequence: String(sequence), prevhash: hash };
    hash = headHash(linked);
    return linked;
  });
  return { heads: chained, tip: { sequence, hash } };
}
