import { sha256Hex } from '../../util/hash.js';
import { openFileTable, filePageItems, type FileTable } from '../files/file-table.js';
import type { Clock, FileInbox, ProcessedFiles } from '../../ports/index.js';
import { archiveKey, rejectedKey, type FileRejections } from '../files/inbox.js';
import { UnreadableFileError } from '../files/unreadable-file.js';
import type { KeyEntry } from '../key-ledger.js';
import type { SourceConnector, SourcePage } from './connector.js';

/** Records looked at per page at most, so a page's key list stays one small state item. */
const SCAN_PER_PAGE_FACTOR = 10;

export interface FileDropDeps {
  readonly inbox: FileInbox;
  readonly processed: ProcessedFiles;
  readonly rejections: FileRejections;
  readonly clock: Clock;
}

/** Where a file drop stands: the file being read (by content hash) and the next record in it. */
interface FilePosition {
  readonly file: string;
  readonly next: number;
}

function decodePosition(cursor: string | null): FilePosition | null {
  if (cursor === null) return null;
  try {
    const parsed = JSON.parse(cursor) as Partial<FilePosition>;
    return typeof parsed.file === 'string' && typeof parsed.next === 'number' ? { file: parsed.file, next: parsed.next } : null;
  } catch {
    return null;
  }
}

/**
 * Files departments drop in `inbox/<source>/` (CSV in UTF-8 or GBK/GB18030, XLSX). Each
 * file is read once (by content hash) in pages of records, checkpointed by record, then
 * archived; an unreadable file is moved aside and quarantined with its reason and line.
 * With snapshot deletions, each file is the whole dataset, and only the rows that are new
 * or changed since the files before it are sent on (all of them with --full).
 */
export function fileDropConnector(deps: () => FileDropDeps): SourceConnector<'file-drop'> {
  return {
    kind: 'file-drop',
    async *pages(source, cursor, context): AsyncGenerator<SourcePage> {
      const { inbox, processed, rejections, clock } = deps();
      const now = () => clock.now();
      const position = context.full ? null : decodePosition(cursor);
      const batchSize = source.connection.batchSize ?? 2000;
      const snapshots = source.deletions?.detect === 'snapshot';
      for (const file of await inbox.list(source.id)) {
        const bytes = await inbox.read(file.key);
        const hash = sha256Hex(bytes);
        const archived = archiveKey(source.id, now(), hash, file.name);
        // --full reads a file again even if it was ingested: an operator replays an archived file
        // by putting it back; and a replay cut short goes on from its checkpoint.
        if (!context.full && position?.file !== hash && (await processed.has(source.id, hash))) {
          await inbox.move(file.key, archived);
          continue;
        }
        let table: FileTable;
        try {
          table = await openFileTable(bytes, source.connection.format, file.name, source.primaryKey ?? 'id');
        } catch (error) {
          if (!(error instanceof UnreadableFileError)) throw error;
          const key = rejectedKey(source.id, now(), hash, file.name);
          await inbox.move(file.key, key);
          await rejections.reject({
            sourceId: source.id,
            name: file.name,
            key,
            contentHash: hash,
            line: error.line,
            reason: error.reason,
            rejectedAt: now().toISOString(),
          });
          continue;
        }
        const snapshot = snapshots ? `file-${hash}` : undefined;
        const start = position?.file === hash ? Math.min(position.next, table.count) : 0;
        if (start === table.count && snapshot) {
          // Read to the end before (or empty): the snapshot still has to be settled.
          yield { body: new Uint8Array(), items: [], nextCursor: null, last: false, origin: file.key, snapshot, completesSnapshot: true };
        }
        const known = (await context.knownFingerprints?.()) ?? new Map<string, string>();
        for (let from = start; from < table.count;) {
          const send: number[] = [];
          const keyed: KeyEntry[] = [];
          let to = from;
          while (to < table.count && send.length < batchSize && to - from < batchSize * SCAN_PER_PAGE_FACTOR) {
            const { key, fingerprint } = table.entry(to);
            if (key !== undefined) keyed.push({ key, fingerprint });
            if (key === undefined || known.get(key) !== fingerprint) send.push(to);
            to += 1;
          }
          const page = send.length > 0 ? table.page(send) : undefined;
          yield {
            body: page?.body ?? new Uint8Array(),
            contentType: page?.contentType,
            items: page?.items ?? [],
            keyed,
            nextCursor: JSON.stringify({ file: hash, next: to } satisfies FilePosition),
            last: false,
            origin: `${file.key} ${page?.where ?? `records ${from + 1}–${to} unchanged`}`,
            expectedTotal: table.count - start,
            snapshot,
            completesSnapshot: to === table.count && snapshot !== undefined,
            checkpointBeforeNext: to === table.count,
          };
          from = to;
        }
        // Resumed here only after the file's last page is durable, checkpointed and its snapshot settled.
        await processed.mark(source.id, hash, { name: file.name, rows: table.count, archivedAs: archived });
        await inbox.move(file.key, archived);
      }
    },
    itemsOf: (source, rawBody) => filePageItems(rawBody, source.connection.format),
  };
}
