import { describe, expect, it } from 'vitest';
import type { CountedChange } from '../../../src/ports/index.js';
import { changesAfter, deltasByType } from '../../../src/route/live-count-batch.js';

const change = (sequenceNumber: string, recordType: string | undefined, delta: number): CountedChange => ({
  sequenceNumber,
  ...(recordType !== undefined ? { recordType } : {}),
  delta,
});

describe('a stream batch summed for the live-record counters', () => {
  it('sums deltas per type and leaves out types whose sum is 0', () => {
    const batch = [
      change('100', 'a', 1),
      change('101', 'b', 1),
      change('102', 'a', 1),
      change('103', 'b', -1),
      change('104', 'c', 0),
      change('105', undefined, 0),
    ];
    expect(deltasByType(batch)).toEqual(new Map([['a', 2]]));
  });

  it('an empty batch or one of updates only changes nothing', () => {
    expect(deltasByType([]).size).toBe(0);
    expect(deltasByType([change('1', 'a', 0), change('2', 'a', 0)]).size).toBe(0);
  });

  it('keeps the records past a sequence number compared as numbers, not strings', () => {
    const batch = [change('9', 'a', 1), change('10', 'a', 1), change('99999999999999999999999', 'a', -1), change('100000000000000000000000', 'a', 1)];
    expect(changesAfter(batch, '9').map((c) => c.sequenceNumber)).toEqual(['10', '99999999999999999999999', '100000000000000000000000']);
    expect(changesAfter(batch, '99999999999999999999999').map((c) => c.sequenceNumber)).toEqual(['100000000000000000000000']);
    expect(changesAfter(batch, '100000000000000000000000')).toEqual([]);
  });
});
