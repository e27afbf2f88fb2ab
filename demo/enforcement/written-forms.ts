import type { CivilDate } from '../../src/calendar/index.js';
import type { Random } from './random.js';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** China-time wall clock of an instant, as YYYY-MM-DD HH:mm:ss. */
export function chinaWallClock(instant: number): string {
  return new Date(instant + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function pickWeighted<T>(random: Random, items: readonly T[], weightOf: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weightOf(item), 0);
  let roll = random.next() * total;
  for (const item of items) {
    roll -= weightOf(item);
    if (roll < 0) return item;
  }
  return items[items.length - 1]!;
}

/** FNV-1a of a text: a stable number from a seed and a name, independent of draw order. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * 文号 serials: per authority (机关代字) per year, in decision order, from a starting point
 * (the decisions of the year the demo does not hold) fixed by the seed, the prefix and the year.
 */
export function serialsPerAuthorityYear<K>(seed: number, items: readonly { key: K; prefix: string; date: CivilDate }[]): Map<K, number> {
  const groups = new Map<string, { key: K; date: CivilDate; order: number }[]>();
  items.forEach(({ key, prefix, date }, order) => {
    const group = `${prefix}${date.slice(0, 4)}`;
    groups.set(group, [...(groups.get(group) ?? []), { key, date, order }]);
  });
  const serials = new Map<K, number>();
  for (const [group, members] of groups) {
    const start = stableHash(`${seed}:${group}`) % 40;
    members.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
    members.forEach((member, rank) => serials.set(member.key, start + rank + 1));
  }
  return serials;
}

/**
 * Source ids and update times in (update_time, id) order: ids increase with entry, and a
 * quarter of the time several records are saved in the same second (a batch), with ids not
 * in update order inside the batch, as the keyset pagination must cope with.
 */
export function assignIds<K>(random: Random, items: readonly { key: K; instant: number }[]): { key: K; id: string; updateTime: string }[] {
  const ordered = [...items].sort((a, b) => a.instant - b.instant);
  const slots: { key: K; id: string; updateTime: string }[] = [];
  let nextId = 100_000;
  for (let start = 0; start < ordered.length;) {
    const size = Math.min(random.chance(0.25) ? random.int(2, 5) : 1, ordered.length - start);
    const group = ordered.slice(start, start + size);
    const instant = Math.floor(group[group.length - 1]!.instant / 1000) * 1000;
    const ids = random.shuffle(group.map(() => (nextId += random.int(1, 3))));
    group.forEach((item, i) => slots.push({ key: item.key, id: String(ids[i]), updateTime: chinaWallClock(instant) }));
    start += size;
  }
  return slots.sort((a, b) => (a.updateTime < b.updateTime ? -1 : a.updateTime > b.updateTime ? 1 : Number(a.id) - Number(b.id)));
}

/** The document number as a source writes it: mostly GB/T 9704 form, sometimes not. */
export function writtenDecisionNumber(random: Random, prefix: string, year: string, serial: number): string {
  const roll = random.next();
  if (roll < 0.75) return `${prefix}〔${year}〕${serial}号`;
  if (roll < 0.85) return `${prefix}[${year}]${String(serial).padStart(4, '0')}号`;
  if (roll < 0.9) return `${prefix}[${year}]${String(serial).padStart(4, '0')}`;
  if (roll < 0.95) return `${prefix}(${year})${serial}号`;
  if (roll < 0.98) return `${prefix}（${year}）${serial}号`;
  return ` ${prefix}〔${year}〕${serial}号 `;
}

export function writtenDate(random: Random, isoDate: string): string {
  if (random.chance(0.85)) return isoDate;
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${year}年${month}月${day}日`;
}

/** 万元 as the source writes them: a decimal string most of the time, else a number. */
export function writtenWan(random: Random, yuan: number): string | number {
  const wan = yuan / 10_000;
  return random.chance(0.7) ? String(wan) : wan;
}
