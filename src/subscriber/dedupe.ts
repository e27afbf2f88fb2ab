import { readFile, rename, writeFile } from 'node:fs/promises';
import type { FeedPosition } from './sequence-tracker.js';

/** What a subscriber keeps between runs: the event ids it handled and where each feed stood. */
export interface SubscriberState {
  readonly seen: readonly string[];
  readonly feeds: Readonly<Record<string, FeedPosition>>;
}

export const emptyState = (): SubscriberState => ({ seen: [], feeds: {} });

/** The ids a redelivery can still carry: SQS redelivers within the retention period, so the newest ones matter. */
const KEEP_IDS = 100_000;

/** Event ids already handled (a source and an id name an event, CloudEvents 1.0 §id), oldest first. */
export class SeenEvents {
  private readonly ids: Set<string>;

  constructor(seen: readonly string[] = []) {
    this.ids = new Set(seen);
  }

  static key = (source: string, id: string): string => `${source} ${id}`;

  has(source: string, id: string): boolean {
    return this.ids.has(SeenEvents.key(source, id));
  }

  add(source: string, id: string): void {
    this.ids.add(SeenEvents.key(source, id));
    // A Set iterates in insertion order: the first ids are the oldest.
    for (const old of this.ids) {
      if (this.ids.size <= KEEP_IDS) break;
      this.ids.delete(old);
    }
  }

  list(): string[] {
    return [...this.ids];
  }
}

/** Reads the state file; a missing file is a first run. A file that is not a state is refused (never silently reset). */
export async function loadState(file: string): Promise<SubscriberState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<SubscriberState>;
  if (!Array.isArray(parsed.seen) || typeof parsed.feeds !== 'object' || parsed.feeds === null)
    throw new Error(`${file}: not a subscriber state file (expected {"seen": [...], "feeds": {...}})`);
  return { seen: parsed.seen, feeds: parsed.feeds };
}

/** Writes the state next to the file and renames it over: a crash leaves the old state or the new, never half of one. */
export async function saveState(file: string, state: SubscriberState): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}
