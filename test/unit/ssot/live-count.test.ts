import { describe, expect, it } from 'vitest';
import { isLive, liveDeltaOfItem, liveDeltas } from '../../../src/ssot/live-count.js';

const live = { deleted: false };
const tombstone = { deleted: true };
const conflicted = { deleted: false, conflict: { sides: [] } };

describe('live-count deltas of new versions', () => {
  it('counts what countCurrent counts: neither deleted nor in conflict', () => {
    expect([isLive(undefined), isLive(live), isLive(tombstone), isLive(conflicted)]).toEqual([false, true, false, false]);
  });

  it('a new record is +1, an update 0, a tombstone of a live record -1, a revival +1', () => {
    expect(liveDeltas(undefined, [live])).toEqual([1]);
    expect(liveDeltas(live, [live])).toEqual([0]);
    expect(liveDeltas(live, [tombstone])).toEqual([-1]);
    expect(liveDeltas(tombstone, [live])).toEqual([1]);
  });

  it('a record entering a conflict stops counting, leaving it counts again, a tombstone of a conflict changes nothing', () => {
    expect(liveDeltas(live, [conflicted])).toEqual([-1]);
    expect(liveDeltas(conflicted, [live])).toEqual([1]);
    expect(liveDeltas(conflicted, [tombstone])).toEqual([0]);
    expect(liveDeltas(undefined, [conflicted])).toEqual([0]);
  });

  it('several versions of one write each count against the one before', () => {
    const deltas = liveDeltas(undefined, [live, live, tombstone, live, conflicted]);
    expect(deltas).toEqual([1, 0, -1, 1, -1]);
    expect(deltas.reduce((a, b) => a + b, 0)).toBe(Number(isLive(conflicted)));
  });
});

describe('a version item read for its delta', () => {
  it('takes the stored attribute, a stream image giving it as a number', () => {
    expect(liveDeltaOfItem({ version: 3, liveDelta: 1 })).toBe(1);
    expect(liveDeltaOfItem({ version: 1, liveDelta: 0, conflict: {} })).toBe(0);
    expect(liveDeltaOfItem({ version: 5, deleted: true, liveDelta: 0 })).toBe(0);
  });

  it('derives one for items written before the attribute: first live version +1, tombstone -1, else 0', () => {
    expect(liveDeltaOfItem({ version: 1 })).toBe(1);
    expect(liveDeltaOfItem({ version: 1, conflict: { sides: [] } })).toBe(0);
    expect(liveDeltaOfItem({ version: 4 })).toBe(0);
    expect(liveDeltaOfItem({ version: 4, deleted: true })).toBe(-1);
  });
});
