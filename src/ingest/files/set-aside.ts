import type { QuarantineEntry } from '../../quarantine/entry.js';
import { fileSourceKey, rejectedFileEntry } from '../../normalize/quarantine-file.js';
import type { Clock, FileInbox, ProcessedFiles } from '../../ports/index.js';
import { inboxPrefix, rejectedFileOf, rejectedKey, type SetAsideFile } from './inbox.js';

/** What a data steward's decision on a held file needs. */
export interface StewardDeps {
  readonly inbox: FileInbox;
  readonly processed: ProcessedFiles;
  readonly quarantine: { put(entries: readonly QuarantineEntry[]): Promise<void>; remove(sourceId: string, sourceKeys: readonly string[]): Promise<void> };
  readonly clock: Clock;
}

export type ListedFile = SetAsideFile & { readonly contentHash: string; readonly present: boolean };

/** The source's files set aside, newest first, each with whether it still lies where its record says. */
export async function listSetAside(sourceId: string, deps: Pick<StewardDeps, 'inbox' | 'processed'>): Promise<ListedFile[]> {
  const files = await deps.processed.listSetAside(sourceId);
  return Promise.all(files.map(async (f) => ({ ...f, present: await deps.inbox.exists(f.key) })));
}

/** The newest held file of that name that still lies in held/: a repeated decision finds it again until it has moved. */
async function heldFile(sourceId: string, name: string, deps: StewardDeps): Promise<ListedFile> {
  const files = await listSetAside(sourceId, deps);
  const held = files.find((f) => f.name === name && f.disposition === 'held' && f.present);
  if (!held) {
    const known = files.filter((f) => f.name === name).map((f) => `${f.disposition}${f.present ? '' : ' (moved on)'}`);
    throw new Error(`source ${sourceId} has no held file ${name}${known.length > 0 ? `; that name was: ${known.join(', ')}` : ''}`);
  }
  return held;
}

/**
 * Puts a held file back in the inbox: the release is recorded first, so the next sync takes
 * the file past the mass-delete guard (the steward decided its deletions are real); then the
 * file moves, then its quarantine entry goes.
 */
export async function releaseHeldFile(sourceId: string, name: string, deps: StewardDeps): Promise<SetAsideFile> {
  const held = await heldFile(sourceId, name, deps);
  const { contentHash, present: _present, ...record } = held;
  const released: SetAsideFile = { ...record, released: { at: deps.clock.now().toISOString(), from: held.key } };
  await deps.processed.setAside(sourceId, contentHash, released);
  await deps.inbox.move(held.key, `${inboxPrefix(sourceId)}${name}`);
  await deps.quarantine.remove(sourceId, [fileSourceKey(name)]);
  return released;
}

/** Rejects a held file for good: recorded and quarantined as rejected, then moved to rejected/. */
export async function rejectHeldFile(sourceId: string, name: string, recordType: string, deps: StewardDeps): Promise<SetAsideFile> {
  const held = await heldFile(sourceId, name, deps);
  const { contentHash, present: _present, ...record } = held;
  const now = deps.clock.now();
  const rejected: SetAsideFile = {
    ...record,
    disposition: 'rejected',
    key: rejectedKey(sourceId, now, contentHash, name),
    reason: {
      zh: `数据管理员拒收了暂扣的文件；暂扣原因：${record.reason.zh}`,
      en: `a data steward rejected the held file; it was held because: ${record.reason.en}`,
    },
    at: now.toISOString(),
  };
  await deps.processed.setAside(sourceId, contentHash, rejected);
  await deps.quarantine.put([rejectedFileEntry({ kind: 'rejected-file', ...rejectedFileOf(sourceId, contentHash, rejected) }, recordType)]);
  await deps.inbox.move(held.key, rejected.key);
  return rejected;
}
