import { sha256Hex } from '../../util/hash.js';
import { openFileTable, filePageItems, type FileTable } from '../files/file-table.js';
import type { Clock, FileInbox, ProcessedFiles } from '../../ports/index.js';
import type { FileReason } from '../files/file-reason.js';
import { archiveKey, rejectedFileOf, setAsideKey, type DroppedFile, type FileRejections, type SetAsideDisposition, type SetAsideFile } from '../files/inbox.js';
import { UnreadableFileError } from '../files/unreadable-file.js';
import type { KeyEntry } from '../key-ledger.js';
import type { SetAsideNotice, SourceConnector, SourcePage } from './connector.js';

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

/** The empty page that tells the sync a file was set aside. */
const noticePage = (file: DroppedFile, setAside: SetAsideNotice): SourcePage => ({
  body: new Uint8Array(),
  items: [],
  nextCursor: null,
  last: false,
  origin: file.key,
  setAside,
});

/**
 * Files departments drop in `inbox/<source>/` (CSV in UTF-8, GBK/GB18030 or UTF-16, XLSX).
 * Each file is read once (by content hash) in pages of records, checkpointed by record, then
 * archived. A file that cannot be read is rejected; one whose snapshot the mass-delete guard
 * refuses is held until a steward releases or rejects it: either way it is recorded and
 * quarantined first, then moved out of the inbox, so it never blocks the files after it and
 * a crash between the two is finished by the next sync. With snapshot deletions, each file
 * is the whole dataset, and only the rows that are new or changed since the files before it
 * are sent on (all of them with --full).
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
      /** Record, quarantine, then move: never the other way round. */
      const setAside = async (file: DroppedFile, hash: string, record: SetAsideFile): Promise<SetAsideNotice> => {
        await processed.setAside(source.id, hash, record);
        await rejections.reject(rejectedFileOf(source.id, hash, record));
        await inbox.move(file.key, record.key);
        return { file: file.name, disposition: record.disposition, reason: record.reason, movedTo: record.key };
      };
      const recordOf = (file: DroppedFile, hash: string, disposition: SetAsideDisposition, reason: FileReason, line: number): SetAsideFile => ({
        name: file.name,
        disposition,
        key: setAsideKey(disposition, source.id, now(), hash, file.name),
        line,
        reason,
        at: now().toISOString(),
      });
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
        const earlier = await processed.setAsideOf(source.id, hash);
        if (earlier && !earlier.released) {
          // Set aside before (the move did not finish, or the same content came again): quarantined again under its name, moved.
          yield noticePage(file, await setAside(file, hash, { ...earlier, name: file.name }));
          continue;
        }
        let table: FileTable;
        try {
          table = await openFileTable(bytes, source.connection.format, file.name, source.primaryKey ?? 'id');
        } catch (error) {
          if (!(error instanceof UnreadableFileError)) throw error;
          yield noticePage(file, await setAside(file, hash, recordOf(file, hash, 'rejected', error.reason, error.line)));
          continue;
        }
        let held = false;
        const guard = {
          // A steward released this file: its deletions are their decision.
          allowMassDelete: earlier?.released !== undefined,
          onMassDeleteRefused: async (reason: FileReason) => {
            held = true;
            return setAside(file, hash, recordOf(file, hash, 'held', reason, 0));
          },
        };
        const snapshot = snapshots ? `file-${hash}` : undefined;
        const start = position?.file === hash ? Math.min(position.next, table.count) : 0;
        if (start === table.count && snapshot) {
          // Read to the end before (or empty): the snapshot still has to be settled.
          yield { body: new Uint8Array(), items: [], nextCursor: null, last: false, origin: file.key, snapshot, completesSnapshot: true, ...guard };
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
            ...(to === table.count ? guard : {}),
          };
          from = to;
        }
        if (held) continue;
        // Resumed here only after the file's last page is durable, checkpointed and its snapshot settled.
        await processed.mark(source.id, hash, { name: file.name, rows: table.count, archivedAs: archived });
        await inbox.move(file.key, archived);
      }
    },
    itemsOf: (source, rawBody) => filePageItems(rawBody, source.connection.format),
  };
}
