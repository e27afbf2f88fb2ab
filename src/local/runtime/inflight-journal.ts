import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

/** Receipt handles of messages handed to a handler and not yet settled, kept on disk. */
export class InflightJournal {
  private readonly handles = new Map<string, Set<string>>();
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {
    if (existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>;
      for (const [queue, list] of Object.entries(saved)) this.handles.set(queue, new Set(list));
    }
  }

  entries(): [string, string[]][] {
    return [...this.handles].map(([queue, set]) => [queue, [...set]]);
  }

  add(queueUrl: string, receiptHandles: readonly string[]): Promise<void> {
    const set = this.handles.get(queueUrl) ?? new Set<string>();
    for (const h of receiptHandles) set.add(h);
    this.handles.set(queueUrl, set);
    return this.save();
  }

  remove(queueUrl: string, receiptHandles: readonly string[]): Promise<void> {
    const set = this.handles.get(queueUrl);
    for (const h of receiptHandles) set?.delete(h);
    return this.save();
  }

  clear(): Promise<void> {
    this.handles.clear();
    return this.save();
  }

  /** Serialized, and atomic by rename, so a kill mid-write leaves the previous journal. */
  private save(): Promise<void> {
    const snapshot = JSON.stringify(Object.fromEntries(this.entries()));
    this.writing = this.writing.then(async () => {
      await writeFile(`${this.file}.tmp`, snapshot);
      await rename(`${this.file}.tmp`, this.file);
    });
    return this.writing;
  }
}
