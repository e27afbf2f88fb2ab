import type { Random } from '../enforcement/random.js';

/** Which row indexes get which defect: `rate` of the rows, one defect each, kinds in turn. */
export function plantDefects<K extends string>(random: Random, count: number, kinds: readonly K[], rate = 0.02): Map<number, K> {
  const at = new Map<number, K>();
  const order = random.shuffle(kinds);
  random
    .shuffle(Array.from({ length: count }, (_, i) => i))
    .slice(0, Math.round(count * rate))
    .forEach((index, nth) => at.set(index, order[nth % order.length]!));
  return at;
}

const DAY_MS = 86_400_000;

export const isoDay = (instant: number): string => new Date(instant).toISOString().slice(0, 10);
export const addDays = (isoDate: string, days: number): string => isoDay(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS);

/** China wall clock with microseconds, as a front database's timestamp column prints it. */
export function chinaTimestamp(instant: number, micros: number): string {
  return `${new Date(instant + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')}.${String(micros).padStart(6, '0')}`;
}
