import type { DatasetConfig } from '../config/catalog.js';
import type { Clock, DisclosureLedger, ObjectStore } from '../ports/index.js';
import { disclosedVersions } from '../disclosure/disclose-versions.js';
import { keepFirstPublications, publishedRecord, type PublishedRecord } from '../disclosure/first-publication.js';
import type { StoredVersion } from '../ssot/model.js';
import { sha256Hex } from '../util/hash.js';
import { withheldOf, type HiddenVersion } from '../disclosure/withdrawals.js';
import type { WithdrawalMark } from '../ports/index.js';
import { recordWithdrawals, type LifecycleFeeds } from './record-withdrawals.js';
import { datasetFilter } from './dataset-filter.js';
import { toCsv, toJsonl, type Row } from './formats.js';
import { publicityToday } from './release-selection.js';
import type { ReleaseFile, ReleasePointer } from './release.js';

export interface PublishDeps {
  readonly records: { listCurrent(recordType: string): AsyncIterable<readonly StoredVersion[]> };
  readonly open: ObjectStore;
  readonly releases: {
    latest(datasetId: string): Promise<ReleasePointer | undefined>;
    commit(release: ReleasePointer, previousReleaseId: string | undefined): Promise<void>;
  };
  /** Fields of the record type that may be opened unconditionally (grade L1), in schema order. */
  readonly openColumns: (recordType: string) => readonly string[];
  /** Fields of the record type holding free text, which are redacted before they are published. */
  readonly freeTextColumns: (recordType: string) => readonly string[];
  readonly clock: Clock;
  /** First-publication times and withdrawals (the disclosure clock); without it no clock is kept. */
  readonly disclosures?: DisclosureLedger;
  /** Feeds that hear of expiries, which no source change announces. */
  readonly lifecycleFeeds?: LifecycleFeeds;
}

export type PublishOutcome = (
  { readonly released: true; readonly release: ReleasePointer } | { readonly released: false; readonly reason: 'unchanged'; readonly release: ReleasePointer }
) & {
  /** Published records this release (or the unchanged latest one) was the first to leave out. */
  readonly withdrawn?: readonly WithdrawalMark[];
};

const compact = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d{3})Z$/, '$1Z');

/**
 * Writes a new immutable release when the dataset's content changed: every file first,
 * then the manifest, then the "latest" pointer, so a reader never sees a half release.
 */
export async function publishDataset(dataset: DatasetConfig, deps: PublishDeps): Promise<PublishOutcome> {
  // The release is as of the moment its read began: a change routed after that is not in it.
  const now = deps.clock.now();
  const columns = deps.openColumns(dataset.recordType);
  const keyed: { id: string; row: Row }[] = [];
  const published: PublishedRecord[] = [];
  const hidden = new Map<string, HiddenVersion>();
  // Disclosure: what is not public today (revoked, expired) and minors' decisions are left out; free text is redacted (src/disclosure).
  // Its filter selects the part of the record type a dataset holds (penalties, licences); the rest is not its to withdraw.
  const isInDataset = datasetFilter(dataset);
  const publicity = publicityToday(dataset, now);
  const current = disclosedVersions(deps.records.listCurrent(dataset.recordType), deps.freeTextColumns(dataset.recordType));
  for await (const page of current) {
    for (const stored of page) {
      if (!isInDataset(stored.record)) continue;
      const today = publicity(stored);
      if (!today.published) {
        const withheld = withheldOf(today);
        hidden.set(stored.recordId, withheld ? { stored, withheld } : { stored });
        continue;
      }
      keyed.push({ id: stored.recordId, row: Object.fromEntries(columns.map((c) => [c, stored.record[c]])) });
      published.push(publishedRecord(stored));
    }
  }
  // Disclosure clock: records first published by a release get its time, earlier ones keep theirs; what it leaves out is marked withdrawn.
  const keepClock = async (release: ReleasePointer): Promise<readonly WithdrawalMark[]> => {
    if (!deps.disclosures) return [];
    await keepFirstPublications(deps.disclosures, dataset.recordType, release, published);
    const shown = new Set(published.map((p) => p.recordId));
    return recordWithdrawals(deps.disclosures, dataset.recordType, release, shown, hidden, deps.lifecycleFeeds);
  };
  // A stable order makes equal content produce equal bytes, so unchanged data makes no release.
  keyed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = keyed.map((k) => k.row);
  const jsonl = toJsonl(columns, rows);
  const snapshotHash = sha256Hex(jsonl);
  const previous = await deps.releases.latest(dataset.id);
  if (previous?.snapshotHash === snapshotHash) {
    // The same rows went out with the previous release: a clock its publisher failed to keep is kept as of that release.
    return { released: false, reason: 'unchanged', release: previous, withdrawn: await keepClock(previous) };
  }

  const releaseId = `${compact(now)}-${snapshotHash.slice(0, 8)}`;
  const prefix = `datasets/${dataset.id}/releases/${releaseId}`;
  const contents = [
    { format: 'csv' as const, mediaType: 'text/csv; charset=utf-8', text: toCsv(columns, rows) },
    { format: 'jsonl' as const, mediaType: 'application/x-ndjson', text: jsonl },
  ];
  const files: ReleaseFile[] = [];
  for (const content of contents) {
    const bytes = Buffer.from(content.text, 'utf8');
    const name = `${dataset.id}.${content.format}`;
    const key = `${prefix}/${name}`;
    await deps.open.put(key, bytes, { contentType: content.mediaType });
    files.push({ name, key, format: content.format, mediaType: content.mediaType, bytes: bytes.length, sha256: sha256Hex(bytes) });
  }
  const manifestKey = `${prefix}/manifest.json`;
  const manifest = {
    dataset: { id: dataset.id, title: dataset.title, publisher: dataset.publisher, license: dataset.license },
    release: releaseId,
    createdAt: now.toISOString(),
    previousRelease: previous?.releaseId ?? null,
    rowCount: rows.length,
    snapshotHash,
    schema: { recordType: dataset.recordType, columns },
    files: files.map(({ name, format, mediaType, bytes, sha256 }) => ({ name, format, mediaType, bytes, sha256 })),
  };
  await deps.open.put(manifestKey, `${JSON.stringify(manifest, null, 2)}\n`, { contentType: 'application/json' });
  const release: ReleasePointer = { datasetId: dataset.id, releaseId, createdAt: now.toISOString(), rowCount: rows.length, snapshotHash, manifestKey, files };
  await deps.releases.commit(release, previous?.releaseId);
  return { released: true, release, withdrawn: await keepClock(release) };
}
