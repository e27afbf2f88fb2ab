import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { createGzip, gunzipSync, type Gzip } from 'node:zlib';
import type { ObjectStore } from '../ports/index.js';
import type { PublishedRecord } from '../disclosure/first-publication.js';
import type { HiddenVersion } from '../disclosure/withdrawals.js';
import type { Row } from './release-columns.js';

/**
 * A release's private state: what the next release is built from. One line per record the
 * dataset holds or is waiting for, sorted by record id, in gzip JSONL parts of bounded size
 * (so a reader holds one part at a time), plus the disclosure clock's delta of the release
 * (records it first carried, records it left out) so a clock that failed to be kept is kept later.
 * It never appears in the release folder or its file list.
 */

/** A record the release carries: its row and, when a publicity period applies, the last public day. */
export interface ShownEntry {
  readonly id: string;
  readonly v: number;
  readonly h: string;
  readonly row: Row;
  readonly until?: string;
  /** First carried by this release (its first publication). */
  readonly first?: PublishedRecord;
}

/** A record not public yet (its decision date is ahead): re-read by every release until it is. */
export interface WaitingEntry {
  readonly id: string;
  readonly v: number;
  readonly h: string;
  readonly waiting: true;
}

/** A record this release left out that the previous one carried: its withdrawal, with why. */
export interface RemovedLine {
  readonly id: string;
  readonly removed: true;
  readonly hidden?: HiddenVersion;
}

/**
 * A record of the type the release does not carry at this version (outside the dataset's filter,
 * hidden, deleted): the next release does not read it again until its version moves. Without
 * it, a record one of a type's datasets leaves out was read by every release of that dataset.
 */
export interface PassedEntry {
  readonly id: string;
  readonly v: number;
  readonly passed: true;
}

export type StateEntry = ShownEntry | WaitingEntry | PassedEntry;
/** A line of a release's own clock delta (the local file the build writes beside the state). */
export type ClockLine = { readonly first: PublishedRecord } | { readonly removed: RemovedLine };
export type StateLine = StateEntry | RemovedLine;

export const isShown = (entry: StateEntry): entry is ShownEntry => 'row' in entry;
const isRemoved = (line: StateLine): line is RemovedLine => 'removed' in line;

export interface StatePart {
  readonly key: string;
  readonly lines: number;
  /** The earliest last-public-day in the part, so a daily run reads only parts with something due. */
  readonly minUntil?: string;
  readonly waiting: number;
}

/** The state's index, `state.json`. */
export interface ReleaseState {
  readonly format: 1;
  readonly datasetId: string;
  readonly releaseId: string;
  readonly definitionHash: string;
  /** When the release's read of the SSOT began: the next one asks for changes from a little before. */
  readonly watermark: string;
  readonly parts: readonly StatePart[];
}

export const stateFolder = (datasetId: string, releaseId: string): string => `state/${datasetId}/${releaseId}`;
export const stateIndexKey = (datasetId: string, releaseId: string): string => `${stateFolder(datasetId, releaseId)}/state.json`;

export async function loadState(store: ObjectStore, datasetId: string, releaseId: string): Promise<ReleaseState | undefined> {
  const bytes = await store.get(stateIndexKey(datasetId, releaseId));
  if (!bytes) return undefined;
  const state = JSON.parse(Buffer.from(bytes).toString('utf8')) as ReleaseState;
  return state.format === 1 ? state : undefined;
}

/** Every line of a state, part by part, in id order; `parts` limits which parts are read. */
export async function* stateLines(read: (key: string) => Promise<Uint8Array | undefined>, parts: readonly StatePart[]): AsyncGenerator<StateLine> {
  for (const part of parts) {
    const bytes = await read(part.key);
    if (!bytes) throw new Error(`release state part ${part.key} is missing`);
    const text = gunzipSync(bytes).toString('utf8');
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start)) {
      yield JSON.parse(text.slice(start, end)) as StateLine;
    }
  }
}

/** The entries of a state (what the release carried or waits for), its clock lines passed to `onRemoved`/`onFirst` as they pass. */
export async function* stateEntries(
  lines: AsyncIterable<StateLine>,
  clock: { readonly onFirst?: (first: PublishedRecord) => Promise<void>; readonly onRemoved?: (line: RemovedLine) => Promise<void> } = {},
): AsyncGenerator<StateEntry> {
  for await (const line of lines) {
    if (isRemoved(line)) {
      await clock.onRemoved?.(line);
      continue;
    }
    if (isShown(line) && line.first) await clock.onFirst?.(line.first);
    yield line;
  }
}

/** Local files of a state as it is written; a part is closed every `partLines` lines or `partBytes` of text, whichever comes first. */
export class StateWriter {
  private readonly parts: { path: string; name: string; lines: number; bytes: number; minUntil?: string; waiting: number }[] = [];
  private gzip?: Gzip;
  private closing?: Promise<void>;
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(
    private readonly dir: string,
    private readonly partLines = 20_000,
    private readonly partBytes = 8 * 1024 * 1024,
  ) {}

  async write(line: StateLine): Promise<void> {
    let part = this.parts.at(-1);
    if (!this.gzip || !part || part.lines >= this.partLines || part.bytes >= this.partBytes) {
      await this.closePart();
      const name = `part-${String(this.parts.length).padStart(5, '0')}.jsonl.gz`;
      part = { path: join(this.dir, name), name, lines: 0, bytes: 0, waiting: 0 };
      this.parts.push(part);
      this.gzip = createGzip();
      const file = createWriteStream(part.path);
      this.gzip.pipe(file);
      this.closing = finished(file);
    }
    part.lines += 1;
    if ('waiting' in line) part.waiting += 1;
    if ('until' in line && line.until !== undefined && (part.minUntil === undefined || line.until < part.minUntil)) part.minUntil = line.until;
    const text = `${JSON.stringify(line)}\n`;
    part.bytes += text.length;
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= 256 * 1024) await this.flush();
  }

  /** Lines go to gzip in chunks: one write per line would wait on the compressor per line. */
  private async flush(): Promise<void> {
    if (!this.gzip || this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (!this.gzip.write(text)) await once(this.gzip, 'drain');
  }

  private async closePart(): Promise<void> {
    if (!this.gzip) return;
    await this.flush();
    this.gzip.end();
    await this.closing;
    this.gzip = undefined;
  }

  /** Closes the last part; the parts' local paths and their index entries under `folder`. */
  async close(folder: string): Promise<{ path: string; part: StatePart }[]> {
    await this.closePart();
    return this.parts.map(({ path, name, lines, minUntil, waiting }) => ({
      path,
      part: { key: `${folder}/${name}`, lines, waiting, ...(minUntil !== undefined ? { minUntil } : {}) },
    }));
  }
}

/** Reads a part written by a StateWriter on this machine (the release's own clock, after its commit). */
export const readLocal =
  (paths: ReadonlyMap<string, string>) =>
  async (key: string): Promise<Uint8Array | undefined> => {
    const path = paths.get(key);
    return path ? readFile(path) : undefined;
  };
