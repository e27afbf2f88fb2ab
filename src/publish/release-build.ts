import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { publishedRecord } from '../disclosure/first-publication.js';
import type { HiddenVersion } from '../disclosure/withdrawals.js';
import type { StoredVersion } from '../ssot/model.js';
import { canonicalJson } from '../util/hash.js';
import { LineFile } from './line-file.js';
import { MerkleTree, versionLeaf } from './merkle.js';
import type { ReleaseFileWriter, Row, WrittenFile } from './release-columns.js';
import { slimHidden } from './release-clock.js';
import type { Judged, MergeStep } from './release-merge.js';
import { isShown, StateWriter, type ShownEntry, type StateLine, type StatePart } from './release-state.js';

export interface BuildInput {
  readonly definitionHash: string;
  /** The previous state joined with what was read, in id order. */
  readonly steps: AsyncIterable<MergeStep>;
  /** The read listed every current record: a previous entry it did not list is gone. Else it is unchanged. */
  readonly complete: boolean;
  readonly judge: (stored: StoredVersion | undefined) => Judged;
  readonly writers: readonly ReleaseFileWriter[];
  /** Local scratch folder of this release. */
  readonly dir: string;
  /** Sees every row the release carries, with its version's time (quality and freshness). */
  readonly observe?: (row: Row, changedAt?: string) => void;
}

export interface ChangeCounts {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

/** A release built on local disk, nothing of it uploaded yet. */
export interface BuiltRelease {
  readonly rowCount: number;
  /** Digest of the definition and every row in id order: equal content, equal digest. */
  readonly snapshotHash: string;
  /** RFC 6962 root over the SSOT versions of the rows (recordId, version, contentHash), in id order. */
  readonly merkleRoot: string;
  readonly files: readonly { readonly writer: Pick<ReleaseFileWriter, 'format' | 'name' | 'mediaType'>; readonly written: WrittenFile }[];
  /** `changes.jsonl`: added, changed and removed record ids against the previous release. */
  readonly changes: WrittenFile & { readonly counts: ChangeCounts };
  /** The state's parts, their keys under `folder` once the release id is known. */
  readonly state: (folder: string) => Promise<{ path: string; part: StatePart }[]>;
  /** This release's own disclosure-clock delta: JSON lines of `{ first }` and `{ removed }`. */
  readonly clockPath: string;
}

/** A row as the state gives it back: JSON has no undefined, so neither does a row (full and incremental builds then write the same bytes). */
function definedOnly(row: Row): Row {
  let clean: Record<string, unknown> | undefined;
  for (const key of Object.keys(row)) {
    if (row[key] !== undefined) continue;
    clean ??= { ...row };
    delete clean[key];
  }
  return clean ?? row;
}

/** Why a published record left, as the changes file says it: the withheld reason, else removed (deleted, conflict, out of the dataset). */
const reasonOf = (hidden: HiddenVersion | undefined): string => hidden?.withheld?.reason ?? (hidden ? 'not-public' : 'removed');

/**
 * Streams a release out of the merge: every carried row to every writer as it passes, the
 * digest and Merkle root taken on the way, the changes file, the next state and the clock
 * delta written beside. Memory holds one row at a time.
 */
export async function buildRelease(input: BuildInput): Promise<BuiltRelease> {
  const digest = createHash('sha256').update(`${input.definitionHash}\n`);
  const merkle = new MerkleTree();
  await mkdir(join(input.dir, 'state'), { recursive: true });
  const state = new StateWriter(join(input.dir, 'state'));
  const changes = new LineFile(join(input.dir, 'changes.jsonl'));
  const clock = new LineFile(join(input.dir, 'clock.jsonl'));
  const counts = { added: 0, changed: 0, removed: 0 };
  let rowCount = 0;

  const carry = async (entry: ShownEntry): Promise<void> => {
    for (const writer of input.writers) await writer.write(entry.row);
    input.observe?.(entry.row);
    digest.update(`${entry.id}\u0000${canonicalJson(entry.row)}\n`);
    merkle.add(versionLeaf(entry.id, entry.v, entry.h));
    rowCount += 1;
    await state.write(entry);
  };
  const change = async (kind: keyof ChangeCounts, id: string, reason?: string): Promise<void> => {
    counts[kind] += 1;
    await changes.write(`${JSON.stringify({ change: kind, recordId: id, ...(reason ? { reason } : {}) })}\n`);
  };
  const remove = async (id: string, hidden?: HiddenVersion): Promise<void> => {
    await change('removed', id, reasonOf(hidden));
    const line: StateLine = hidden ? { id, removed: true, hidden: slimHidden(hidden) } : { id, removed: true };
    await state.write(line);
    await clock.write(`${JSON.stringify({ removed: line })}\n`);
  };

  for await (const step of input.steps) {
    const before = step.previous && isShown(step.previous) ? step.previous : undefined;
    if (!step.current && !input.complete) {
      // Not changed since the previous release, and nothing of it is due: carried as it was.
      if (step.previous && isShown(step.previous)) {
        const { first: _first, ...entry } = step.previous;
        await carry(entry);
      } else if (step.previous) await state.write(step.previous);
      continue;
    }
    const judged = input.judge(step.current?.stored);
    if (judged.kind === 'shown') {
      const row = definedOnly(judged.row);
      const first = before ? undefined : publishedRecord(judged.stored);
      const { version, contentHash } = judged.stored;
      await carry({ id: step.id, v: version, h: contentHash, row, ...(judged.until ? { until: judged.until } : {}), ...(first ? { first } : {}) });
      if (first) {
        await change('added', step.id);
        await clock.write(`${JSON.stringify({ first })}\n`);
      } else if (canonicalJson(before!.row) !== canonicalJson(row)) await change('changed', step.id);
      continue;
    }
    if (judged.kind === 'waiting') await state.write({ id: step.id, v: judged.stored.version, h: judged.stored.contentHash, waiting: true });
    else if (step.current?.stored) await state.write({ id: step.id, v: step.current.stored.version, passed: true });
    if (before) await remove(step.id, judged.kind === 'gone' ? undefined : judged.hidden);
  }

  const files = [];
  for (const writer of input.writers)
    files.push({ writer: { format: writer.format, name: writer.name, mediaType: writer.mediaType }, written: await writer.close() });
  return {
    rowCount,
    snapshotHash: digest.digest('hex'),
    merkleRoot: merkle.root(),
    files,
    changes: { ...(await changes.close()), counts },
    state: (folder) => state.close(folder),
    clockPath: (await clock.close()).path,
  };
}
