import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { SourceConfig } from '../config/catalog.js';
import { putContentAddressed, type CheckpointStore, type Clock, type MessageSender, type ObjectStore, type SourceKeyLedger } from '../ports/index.js';
import { TOMBSTONE_KEYS_PER_MESSAGE, type NormalizeRequest, type TombstonesRequest } from '../normalize/request.js';
import { sha256Hex } from '../util/hash.js';
import type { SetAsideNotice, SourceConnector, SourcePage } from './connectors/connector.js';
import { checkpointCadence, CheckpointPacer, type CheckpointCadence } from './checkpoint-cadence.js';
import { insideWindow } from './extraction-window.js';
import { DELTA, knownFingerprints, MassDeleteRefusedError, vanishedKeys } from './key-ledger.js';
import { isFlaggedDeleted, sourceKeyOf } from './source-items.js';

export interface SyncDeps {
  readonly raw: ObjectStore;
  readonly normalizeQueue: MessageSender;
  readonly checkpoints: CheckpointStore;
  readonly clock: Clock;
  readonly connector: (source: SourceConfig) => SourceConnector;
  /** Needed by sources that detect deletions by snapshot. */
  readonly keys?: SourceKeyLedger;
}

export interface SyncProgress {
  readonly sourceId: string;
  readonly page: number;
  readonly items: number;
  /** Items sent on to normalize so far in this run. */
  readonly pulled: number;
  /** Rows read so far in this run, sent on or not. */
  readonly read: number;
  /** Items the run is expected to pull in all, when the source can tell. */
  readonly expectedTotal?: number;
  readonly rawKey: string;
}

export interface SyncOptions {
  /** Stop after this many pages (Lambda time budget); the checkpoint lets the next run go on. */
  readonly maxPages?: number;
  /** Re-pull everything from the start (backfill); what is unchanged stays unchanged downstream. */
  readonly full?: boolean;
  /** Let one run delete more than the source's maxShare of its keys. */
  readonly allowMassDelete?: boolean;
  /** Commit the checkpoint every this many pages or seconds (default: TONGYUAN_CHECKPOINT_PAGES / _SECONDS, else 10 pages / 5 s, after the first 3 pages one by one). */
  readonly checkpointEvery?: CheckpointCadence;
  readonly onPage?: (progress: SyncProgress) => void;
}

export interface SyncResult {
  readonly sourceId: string;
  readonly pages: number;
  /** Items sent on to normalize. */
  readonly pulled: number;
  /** Rows the source delivered, sent on or not (a snapshot file's unchanged rows are read, not sent). */
  readonly read: number;
  /** Source keys sent as tombstones in this run. */
  readonly deleted: number;
  /** False when maxPages or the extraction window cut the run short, or a dropped file was set aside. */
  readonly complete: boolean;
  /** Dropped files rejected or held in this run instead of being ingested. */
  readonly setAside?: readonly SetAsideNotice[];
  /** Why the run did not pull at all or stopped early, when it did. */
  readonly note?: string;
}

export const RAW_STREAM = 'default';

/** Compresses on libuv's thread pool, so the main thread goes on reading the next batch meanwhile. */
const gzip = promisify(gzipCallback);

const EXTENSIONS: Readonly<Record<string, string>> = { 'application/json': 'json', 'application/x-ndjson': 'jsonl', 'text/csv': 'csv' };

/** `raw/<source>/<date>/<sha256>.<ext>.gz`: the same bytes always land on the same key. */
export function rawBatchKey(sourceId: string, pulledAt: Date, body: Uint8Array, contentType = 'application/json'): string {
  return `raw/${sourceId}/${pulledAt.toISOString().slice(0, 10)}/${sha256Hex(body)}.${EXTENSIONS[contentType] ?? 'bin'}.gz`;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

async function sendTombstones(deps: SyncDeps, base: Omit<TombstonesRequest, 'sourceKeys' | 'kind'>, keys: readonly string[]): Promise<void> {
  const bodies = chunks(keys, TOMBSTONE_KEYS_PER_MESSAGE).map((sourceKeys) =>
    JSON.stringify({ kind: 'tombstones', ...base, sourceKeys } satisfies TombstonesRequest),
  );
  if (bodies.length > 0) await deps.normalizeQueue.send(bodies);
}

/** Raw bytes durably in S3, then the normalize request: after this the page cannot be lost. */
async function storePage(source: SourceConfig, page: SourcePage, pulledAt: Date, deps: SyncDeps): Promise<string> {
  const rawKey = rawBatchKey(source.id, pulledAt, page.body, page.contentType);
  await putContentAddressed(deps.raw, rawKey, () => gzip(page.body), {
    contentType: page.contentType ?? 'application/json',
    contentEncoding: 'gzip',
    metadata: { source: source.id, origin: encodeURI(page.origin), 'pulled-at': pulledAt.toISOString() },
  });
  const request: NormalizeRequest = { kind: 'raw-batch', sourceId: source.id, rawKey, itemCount: page.items.length, pulledAt: pulledAt.toISOString() };
  await deps.normalizeQueue.send([JSON.stringify(request)]);
  return rawKey;
}

/**
 * After a complete snapshot: keys known before and absent now become tombstones, unless
 * they are more than the source allows in one run (a truncated file must not wipe a dataset).
 */
async function settleSnapshot(
  source: SourceConfig,
  snapshot: string,
  observedAt: Date,
  deps: SyncDeps,
  allowMassDelete: boolean,
  heldFile: boolean,
): Promise<number> {
  const release = heldFile ? `release the file with \`tongyuan inbox release ${source.id} <file>\`` : 'sync again with --allow-mass-delete';
  const releaseZh = heldFile ? `请用 \`tongyuan inbox release ${source.id} <文件>\` 放行该文件` : '请加 --allow-mass-delete 重新同步';
  const { deletions } = source;
  if (deletions?.detect !== 'snapshot' || !deps.keys) return 0;
  const { vanished, known } = vanishedKeys(await deps.keys.load(source.id), snapshot);
  const maxShare = deletions.maxShare ?? 0.1;
  if (vanished.length > 0 && !allowMassDelete && vanished.length > maxShare * known) {
    const share = `${((100 * vanished.length) / known).toFixed(1)}%`;
    const limit = `${(100 * maxShare).toFixed(1)}%`;
    throw new MassDeleteRefusedError(
      `source ${source.id}: snapshot ${snapshot} would delete ${vanished.length} of ${known} known records ` +
        `(${share}, over the limit of ${limit}); nothing was deleted. If the source really lost these rows, ${release}.`,
      `数据源 ${source.id}：快照 ${snapshot} 将删除已知 ${known} 条记录中的 ${vanished.length} 条（${share}，超过上限 ${limit}），` +
        `未删除任何记录。如果数据源确实删除了这些记录，${releaseZh}。`,
    );
  }
  await sendTombstones(deps, { sourceId: source.id, reason: 'vanished', observedAt: observedAt.toISOString() }, vanished);
  await deps.keys.forgetAllBut(source.id, snapshot);
  return vanished.length;
}

/**
 * Pulls a source page by page. Per page: raw bytes durably in S3, then the normalize
 * request, then the keys seen; the checkpoint follows every few pages or seconds (always
 * behind all three), before a snapshot settles, and when the run ends. A crash repeats at
 * most the pages since the last commit, and a repeated page lands on the same raw key and
 * changes nothing downstream.
 */
export async function syncSource(source: SourceConfig, deps: SyncDeps, options: SyncOptions = {}): Promise<SyncResult> {
  const startedAt = deps.clock.now();
  if (!insideWindow(source.extractionWindow, startedAt)) {
    const w = source.extractionWindow!;
    return {
      sourceId: source.id,
      pages: 0,
      pulled: 0,
      read: 0,
      deleted: 0,
      complete: false,
      note: `outside the extraction window ${w.start}–${w.end} (${w.timeZone ?? 'Asia/Shanghai'})`,
    };
  }
  const tracksKeys = source.deletions?.detect === 'snapshot';
  if (tracksKeys && !deps.keys) throw new Error(`source ${source.id}: detects deletions by snapshot, but this sync has no key ledger`);
  const pacer = new CheckpointPacer(
    await deps.checkpoints.get(source.id, RAW_STREAM),
    options.checkpointEvery ?? checkpointCadence(process.env),
    (next, previous) => deps.checkpoints.commit(source.id, RAW_STREAM, next, previous),
    startedAt,
  );
  let pages = 0;
  let pulled = 0;
  let read = 0;
  let deleted = 0;
  const setAside: SetAsideNotice[] = [];
  const full = options.full ?? false;
  const ledger = deps.keys;
  const fingerprints = tracksKeys && !full && ledger ? async () => knownFingerprints(await ledger.load(source.id)) : undefined;
  const stream = deps.connector(source).pages(source, pacer.cursor, { full, startedAt, knownFingerprints: fingerprints });
  const asideField = () => (setAside.length > 0 ? { setAside: [...setAside] } : {});
  const asideNote = () =>
    setAside.length > 0 ? [`${setAside.length} file(s) set aside: ${setAside.map((f) => `${f.file} (${f.disposition})`).join(', ')}`] : [];
  const stop = async (note: string): Promise<SyncResult> => {
    await pacer.flush(deps.clock.now());
    return { sourceId: source.id, pages, pulled, read, deleted, complete: false, note: [note, ...asideNote()].join('; '), ...asideField() };
  };
  try {
    for await (const page of stream) {
      const pulledAt = deps.clock.now();
      read += page.keyed?.length ?? page.items.length;
      let rawKey: string | undefined;
      if (page.items.length > 0) {
        rawKey = await storePage(source, page, pulledAt, deps);
        const flagged = page.items
          .filter((item) => isFlaggedDeleted(source, item))
          .map((item) => sourceKeyOf(source, item))
          .filter((k) => k !== undefined);
        await sendTombstones(deps, { sourceId: source.id, reason: 'flagged', observedAt: pulledAt.toISOString(), rawKey }, flagged);
        deleted += flagged.length;
        pages += 1;
        pulled += page.items.length;
        options.onPage?.({ sourceId: source.id, page: pages, items: page.items.length, pulled, read, expectedTotal: page.expectedTotal, rawKey });
      }
      if (tracksKeys) {
        const entries =
          page.keyed ??
          page.items
            .map((item) => sourceKeyOf(source, item))
            .filter((k) => k !== undefined)
            .map((key) => ({ key }));
        // Stable for a repeated page (same batch, same position), distinct for every other.
        const chunk = sha256Hex(`${rawKey ?? ''}|${page.nextCursor ?? ''}`).slice(0, 32);
        if (entries.length > 0) await ledger!.record(source.id, page.snapshot ?? DELTA, chunk, entries);
      }
      // Everything up to here is durable and sent on: the checkpoint may cover this page.
      pacer.advance(page.nextCursor, page.items.length, pulledAt);
      const settles = page.completesSnapshot === true && page.snapshot !== undefined;
      // A snapshot settles, and a connector acts on a finished unit, only behind a committed checkpoint.
      if (settles || page.checkpointBeforeNext === true || pacer.due(deps.clock.now())) await pacer.flush(deps.clock.now());
      if (settles) {
        const allow = (options.allowMassDelete ?? false) || page.allowMassDelete === true;
        try {
          deleted += await settleSnapshot(source, page.snapshot, pulledAt, deps, allow, page.onMassDeleteRefused !== undefined);
        } catch (error) {
          // A file whose snapshot is refused is held aside; the files after it go on.
          if (!(error instanceof MassDeleteRefusedError) || !page.onMassDeleteRefused) throw error;
          setAside.push(await page.onMassDeleteRefused({ zh: error.messageZh, en: error.message }));
        }
      }
      if (page.setAside) setAside.push(page.setAside);
      if (page.last) break;
      if (options.maxPages !== undefined && pages >= options.maxPages) return await stop(`stopped after ${pages} pages; the next run goes on`);
      if (!insideWindow(source.extractionWindow, deps.clock.now())) return await stop('the extraction window closed; the next run goes on');
    }
    await pacer.flush(deps.clock.now());
  } catch (error) {
    // The source or a write failed: what is durable still gets its checkpoint (unless committing it is what failed).
    if (!pacer.commitFailed) await pacer.flush(deps.clock.now()).catch(() => undefined);
    throw error;
  }
  const note = asideNote();
  return { sourceId: source.id, pages, pulled, read, deleted, complete: setAside.length === 0, ...(note.length > 0 ? { note: note[0] } : {}), ...asideField() };
}
