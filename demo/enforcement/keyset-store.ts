import { chinaWallClock } from './written-forms.js';

/** What the store needs of a row: its source id and its China-time update_time. */
export interface KeyedRow {
  readonly id: string;
  readonly update_time: string;
}

/** Keyset position: the (update_time, id) of the last item a client has seen. */
export interface Keyset {
  readonly updateTime: string;
  readonly id: string;
}

/** Source ids are integers written as strings; compare them as numbers, else as text. */
function compareIds(a: string, b: string): number {
  const [numberA, numberB] = [Number(a), Number(b)];
  if (Number.isSafeInteger(numberA) && Number.isSafeInteger(numberB)) return numberA - numberB;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareKeysets(a: Keyset, b: Keyset): number {
  if (a.updateTime !== b.updateTime) return a.updateTime < b.updateTime ? -1 : 1;
  return compareIds(a.id, b.id);
}

export function keysetOf(record: KeyedRow): Keyset {
  return { updateTime: record.update_time, id: record.id };
}

/** A department's table (penalties, licences), read in (update_time, id) order as its API pages it. */
export class KeysetStore<T extends KeyedRow> {
  private readonly byId = new Map<string, T>();
  private ordered: T[] | undefined;

  constructor(records: readonly T[]) {
    for (const record of records) this.byId.set(record.id, { ...record });
  }

  get size(): number {
    return this.byId.size;
  }

  private inOrder(): T[] {
    this.ordered ??= [...this.byId.values()].sort((a, b) => compareKeysets(keysetOf(a), keysetOf(b)));
    return this.ordered;
  }

  /** Up to `limit` records strictly after `after` (from the start when undefined). */
  pageAfter(after: Keyset | undefined, limit: number): { items: T[]; hasMore: boolean } {
    const ordered = this.inOrder();
    let low = 0;
    let high = ordered.length;
    while (after && low < high) {
      const middle = (low + high) >>> 1;
      if (compareKeysets(keysetOf(ordered[middle]!), after) <= 0) low = middle + 1;
      else high = middle;
    }
    const items = ordered.slice(low, low + limit);
    return { items, hasMore: low + limit < ordered.length };
  }

  /**
   * Adds or replaces a record as the department's system would on an edit: its
   * update_time moves one second past every stored one, so it sorts after every cursor.
   */
  upsert(record: T): T {
    const ordered = this.inOrder();
    const latest = ordered.length > 0 ? Date.parse(`${ordered[ordered.length - 1]!.update_time.replace(' ', 'T')}+08:00`) : Date.now();
    const stored = { ...record, update_time: chinaWallClock(latest + 1000) };
    this.byId.set(stored.id, stored);
    this.ordered = undefined;
    return { ...stored };
  }

  snapshot(): T[] {
    return this.inOrder().map((record) => ({ ...record }));
  }
}
