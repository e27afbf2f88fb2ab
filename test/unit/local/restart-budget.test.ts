import { describe, expect, it } from 'vitest';
import { RestartBudget } from '../../../src/local/dynamodb-local.js';

describe('RestartBudget', () => {
  it('allows so many restarts within the window, then none until the oldest leaves it', () => {
    let now = 0;
    const budget = new RestartBudget({ restarts: 3, windowMs: 60_000 }, () => now);
    const taken = [0, 10_000, 20_000].map((at) => {
      now = at;
      return budget.take();
    });
    expect(taken).toEqual([true, true, true]);
    now = 30_000;
    expect(budget.take()).toBe(false);
    now = 60_000;
    // The first restart (at 0) is a window old: one more is allowed, and only one.
    expect(budget.take()).toBe(true);
    expect(budget.take()).toBe(false);
  });

  it('restarts a JVM that dies now and then, however often over a long run', () => {
    let now = 0;
    const budget = new RestartBudget({ restarts: 3, windowMs: 60_000 }, () => now);
    for (let day = 0; day < 100; day++) {
      now += 10 * 60_000;
      expect(budget.take()).toBe(true);
    }
  });
});
