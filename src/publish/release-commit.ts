import type { DatasetConfig } from '../config/catalog.js';
import { datasetReleasesPrefix, releaseParquetPrefix } from '../infra/query-tables.js';
import type { ObjectFileUploader, ObjectStore } from '../ports/index.js';
import { isRecordTypeName, recordTypes } from '../records/registry.js';
import type { DatasetCategory, ReleaseFile, ReleasePointer } from './release.js';
import type { ReleaseQuality } from './release-quality.js';
import type { BuiltRelease } from './release-build.js';
import type { ReleaseColumn } from './release-columns.js';
import { stateFolder, stateIndexKey, type ReleaseState } from './release-state.js';

export type Uploader = ObjectStore & ObjectFileUploader;

export interface CommitInput {
  readonly dataset: DatasetConfig;
  readonly category: DatasetCategory;
  readonly columns: readonly ReleaseColumn[];
  readonly definitionHash: string;
  readonly releaseId: string;
  readonly createdAt: Date;
  readonly previous?: ReleasePointer;
  readonly built: BuiltRelease;
  /** Completeness, validity and freshness of the rows, measured as they were written. */
  readonly quality?: ReleaseQuality;
  /** Why the release is provisional (work for the dataset was in flight); absent: final. */
  readonly provisional?: string;
  /** Files made from the built ones (datapackage.json), uploaded with them. */
  readonly described?: readonly {
    readonly name: string;
    readonly format: string;
    readonly mediaType: string;
    readonly path: string;
    readonly bytes: number;
    readonly sha256: string;
  }[];
}

export interface CommitDeps {
  readonly open: Uploader;
  /** Where the private state goes (the open bucket under state/ unless given). */
  readonly state: Uploader;
  readonly releases: { commit(release: ReleasePointer, previousReleaseId: string | undefined): Promise<void> };
}

/** Open (无条件开放) releases under open/, restricted (受限开放) ones under restricted/, served only through a grant. */
export const releaseFolder = (category: DatasetCategory, datasetId: string, releaseId: string): string =>
  `${datasetReleasesPrefix(category, datasetId)}${releaseId}`;

const schemaId = (recordType: string): string | undefined =>
  isRecordTypeName(recordType) ? ((recordTypes[recordType].schema as { $id?: string }).$id ?? undefined) : undefined;

/**
 * Makes a built release visible, in the only safe order: every file, then the private state,
 * then the manifest, then the "latest" pointer (conditional on the previous release). A
 * failure anywhere before the pointer leaves the previous release as latest; what was
 * uploaded under the new release's folder is referenced by nothing.
 */
export async function commitRelease(deps: CommitDeps, input: CommitInput): Promise<ReleasePointer> {
  const { dataset, built, releaseId } = input;
  const prefix = releaseFolder(input.category, dataset.id, releaseId);
  const local = [
    ...built.files.map(({ writer, written }) => ({ ...writer, ...written })),
    { format: 'changes', name: 'changes.jsonl', mediaType: 'application/x-ndjson', ...built.changes },
    ...(input.described ?? []),
  ];
  const files: ReleaseFile[] = [];
  for (const file of local) {
    // Athena reads every object of a partition's folder: the Parquet file has one of its own.
    const key = file.format === 'parquet' ? `${releaseParquetPrefix(input.category, dataset.id, releaseId)}${file.name}` : `${prefix}/${file.name}`;
    await deps.open.putFile(key, file.path, { contentType: file.mediaType });
    files.push({ name: file.name, key, format: file.format, mediaType: file.mediaType, bytes: file.bytes, sha256: file.sha256 });
  }

  await putState(deps.state, stateFolder(dataset.id, releaseId), {
    datasetId: dataset.id,
    releaseId,
    definitionHash: input.definitionHash,
    watermark: input.createdAt,
    built,
  });

  const manifestKey = `${prefix}/manifest.json`;
  const id = schemaId(dataset.recordType);
  // The manifest is immutable: it says what the release was when cut; the catalog entry later says what superseded it.
  const finality = {
    ...(input.provisional !== undefined ? { provisional: true as const, provisionalReason: input.provisional } : {}),
    ...(input.previous?.provisional ? { supersedes: input.previous.releaseId } : {}),
  };
  const manifest = {
    dataset: { id: dataset.id, title: dataset.title, publisher: dataset.publisher, license: dataset.license },
    release: releaseId,
    previousRelease: input.previous?.releaseId ?? null,
    ...finality,
    createdAt: input.createdAt.toISOString(),
    rowCount: built.rowCount,
    snapshotHash: built.snapshotHash,
    category: input.category,
    masking: dataset.masking,
    definitionHash: input.definitionHash,
    schema: {
      recordType: dataset.recordType,
      ...(id ? { $id: id } : {}),
      columns: input.columns.map(({ field, title, titleEn, type, grade, masking }) => ({
        field,
        title,
        titleEn,
        type,
        grade,
        ...(masking ? { masking } : {}),
      })),
    },
    // Where the rows came from: every SSOT version a row was projected from, as an RFC 6962 tree.
    source: {
      merkleRoot: built.merkleRoot,
      leaves: built.rowCount,
      leaf: 'recordId U+0000 version U+0000 contentHash, in record id order (UTF-8 byte order)',
      hashing: 'RFC 6962: SHA-256, leaf prefix 0x00, node prefix 0x01',
    },
    changes: built.changes.counts,
    ...(input.quality ? { quality: input.quality } : {}),
    files: files.map(({ name, format, mediaType, bytes, sha256 }) => ({ name, format, mediaType, bytes, sha256 })),
  };
  await deps.open.put(manifestKey, `${JSON.stringify(manifest, null, 2)}\n`, { contentType: 'application/json' });

  const release: ReleasePointer = {
    datasetId: dataset.id,
    releaseId,
    createdAt: input.createdAt.toISOString(),
    rowCount: built.rowCount,
    snapshotHash: built.snapshotHash,
    manifestKey,
    files,
    category: input.category,
    ...(input.quality ? { quality: input.quality } : {}),
    ...finality,
  };
  await deps.releases.commit(release, input.previous?.releaseId);
  return release;
}

interface StateInput {
  readonly datasetId: string;
  /** The release the state belongs to. */
  readonly releaseId: string;
  readonly definitionHash: string;
  /** When the read it records began. */
  readonly watermark: Date;
  readonly built: Pick<BuiltRelease, 'state'>;
}

/** The state's parts under `folder`, then its index: the index names the parts, so it goes last. */
async function putState(store: Uploader, folder: string, input: StateInput): Promise<void> {
  const parts = await input.built.state(folder);
  for (const { path, part } of parts) await store.putFile(part.key, path, { contentType: 'application/gzip' });
  const state: ReleaseState = {
    format: 1,
    datasetId: input.datasetId,
    releaseId: input.releaseId,
    definitionHash: input.definitionHash,
    watermark: input.watermark.toISOString(),
    parts: parts.map((p) => p.part),
  };
  await store.put(stateIndexKey(input.datasetId, input.releaseId), `${JSON.stringify(state)}\n`, { contentType: 'application/json' });
}

/**
 * A build whose rows equal the latest release's makes no release, but its read moved on: its
 * state (the versions it read, the records it passed over, a later watermark) replaces the
 * latest release's, so the next build does not read the same changes again. Before, every
 * request for a dataset whose rows a change left equal (the empty licences dataset beside the
 * penalties) read all of the type's changes since the latest release, again and again. The new
 * parts go to a folder of their own and the index moves last, so a crash leaves the old state
 * whole. The previous state's clock lines are not carried: this build has kept them already.
 */
export async function refreshState(store: Uploader, input: StateInput): Promise<void> {
  const read = input.watermark.toISOString().replace(/[-:.]/g, '');
  await putState(store, `${stateFolder(input.datasetId, input.releaseId)}/read-${read}`, input);
}
