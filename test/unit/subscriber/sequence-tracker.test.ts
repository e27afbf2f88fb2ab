import { describe, expect, it } from 'vitest';
import { headOf } from '../../../src/feeds/canonical.js';
import type { FeedEvent } from '../../../src/feeds/event.js';
import { describeProblem, SequenceTracker } from '../../../src/subscriber/sequence-tracker.js';
import { newKeys, signedFeed } from './feed-events.js';

const feedOf = async (count: number) => signedFeed(count, await newKeys());

/** Observes events in the given order (sequence numbers), then ends the run; every problem as a line. */
function run(tracker: SequenceTracker, events: readonly FeedEvent[], order: readonly number[]): string[] {
  const lines = order.flatMap((n) => tracker.observe(headOf({ ...events[n - 1]! }))).map(describeProblem);
  return [...lines, ...tracker.finish().map(describeProblem)];
}

describe('SequenceTracker', () => {
  it('reports nothing for a whole chain received in order', async () => {
    const events = await feedOf(6);
    expect(run(new SequenceTracker(3), events, [1, 2, 3, 4, 5, 6])).toEqual([]);
  });

  it('does not call events reordered across records a gap', async () => {
    const events = await feedOf(8);
    expect(run(new SequenceTracker(3), events, [1, 3, 2, 5, 6, 4, 8, 7])).toEqual([]);
  });

  it('reports dropped events as one range once the grace has passed', async () => {
    const events = await feedOf(10);
    const tracker = new SequenceTracker(2);
    const seen = [1, 2, 3, 7, 8].flatMap((n) => tracker.observe(headOf({ ...events[n - 1]! })));
    expect(seen).toEqual([]); // 4–6 missed at event 7, two more events not yet gone by
    expect(tracker.observe(headOf({ ...events[8]! })).map(describeProblem)).toEqual(['gazette: 4–6 missing']);
  });

  it('reports what is still missing at the end of a run', async () => {
    const events = await feedOf(5);
    expect(run(new SequenceTracker(100), events, [1, 2, 4, 5])).toEqual(['gazette: 3 missing']);
  });

  it('reports a broken chain where an event does not link to the one before', async () => {
    const events = await feedOf(4);
    // An event rewritten after the fact: its successor no longer links to it.
    const rewritten = new SequenceTracker(3);
    const afterRewrite = [events[0]!, events[1]!, { ...events[2]!, subject: 'doc-x' }, events[3]!].flatMap((e) => rewritten.observe(headOf({ ...e })));
    expect(afterRewrite.map(describeProblem)).toEqual(["gazette: chain broken at 4 (prevhash is not the hash of 3's head)"]);
    // An event linked to the wrong predecessor, arriving before it: found when the predecessor comes.
    const relinked = new SequenceTracker(3);
    const afterRelink = [events[0]!, { ...events[2]!, prevhash: events[1]!.prevhash }, events[1]!].flatMap((e) => relinked.observe(headOf({ ...e })));
    expect(afterRelink.map(describeProblem)).toEqual(["gazette: chain broken at 3 (prevhash is not the hash of 2's head)"]);
  });

  it("links a run's first event to where the previous run stopped", async () => {
    const events = await feedOf(6);
    const first = new SequenceTracker(0);
    expect(run(first, events, [1, 2, 3])).toEqual([]);
    expect(first.positions()['/shaoxing/tongyuan/gazette']?.through).toBe(3);
    expect(run(new SequenceTracker(0, first.positions()), events, [4, 5, 6])).toEqual([]);
    expect(run(new SequenceTracker(0, first.positions()), events, [5, 6])).toEqual(['gazette: 4 missing']);
    const tampered = { ...events[3]!, prevhash: events[2]!.prevhash };
    expect(new SequenceTracker(0, first.positions()).observe(headOf({ ...tampered })).map(describeProblem)).toEqual([
      "gazette: chain broken at 4 (prevhash is not the hash of 3's head)",
    ]);
  });

  it('checks the first event of a feed against the genesis hash', async () => {
    const events = await feedOf(1);
    const tracker = new SequenceTracker(0);
    expect(tracker.observe(headOf({ ...events[0]!, prevhash: 'not-the-genesis' })).map(describeProblem)).toEqual([
      'gazette: chain broken at 1 (prevhash is not the genesis hash)',
    ]);
  });
});
