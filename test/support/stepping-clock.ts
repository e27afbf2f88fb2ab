import type { Clock } from '../../src/ports/index.js';

/** A clock that moves a fixed step on every reading, so stored times are distinct and ordered. */
export function steppingClock(start: string, stepMs = 60_000): Clock & { last(): Date } {
  let next = Date.parse(start);
  let last = new Date(next - stepMs);
  return {
    now: () => {
      last = new Date(next);
      next += stepMs;
      return last;
    },
    /** The latest time handed out: a moment at which everything written so far is stored. */
    last: () => last,
  };
}
