import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDate } from '../calendar/index.js';
import type { DatasetConfig } from '../config/catalog.js';
import type { Clock, DisclosureLedger, ObjectFileUploader, ObjectStore, RecordChanges, WithdrawalMark } from '../ports/index.js';
import type { StoredVersion } from '../ssot/model.js';
import { DeadlineError, untilAborted } from '../util/deadline.js';
import { contentHash, sha256Hex } from '../util/hash.js';
import { linesOf } from './line-file.js';
import type { GateFile, GateReport } from './gate/report.js';
import type { LifecycleFeeds } from './record-withdrawals.js';
import { isDataFormat, type ReleasePointer } from './release.js';
import { buildRelease, type BuiltRelease } from './release-build.js';
import { releaseQualityObserver } from './release-quality.js';
import { ClockKeeper } from './release-clock.js';
import type { ReleaseColumn, ReleaseFileWriter, Row } from './release-columns.js';
import { commitRelease, refreshState, type Uploader } from './release-commit.js';
import { judgeVersions, mergeById } from './release-merge.js';
import { planRead } from './release-plan.js';
import { loadState, stateEntries, stateLines, type ClockLine, type StateEntry } from './release-state.js';

export interface PublishDeps {
  /** The SSOT: current records in id order, and (when it can) what changed since a moment. */
  readonly records: { listCurrent(recordType: string): AsyncIterable<readonly StoredVersion[]> } & Partial<RecordChanges>;
  readonly open: ObjectStore & ObjectFileUploader;
  /** Where each release's private state goes; the open store (under state/) unless given. */
  readonly state?: ObjectStore & ObjectFileUploader;
  readonly releases: {
    latest(datasetId: string): Promise<ReleasePointer | undefined>;
    commit(release: ReleasePointer, previousReleaseId: string | undefined): Promise<void>;
  };
  /** The dataset's published columns, graded (grading's releaseColumns). */
  readonly columns: (dataset: DatasetConfig) => readonly ReleaseColumn[];
  /** A disclosed record → its masked row in codes (grading's projectRow). */
  readonly project: (dataset: DatasetConfig) => (record: Readonly<Record<string, unknown>>) => Row;
  /**
   * The release's file writers, writing into `dir` (formats' releaseWriters, and the 同源发布
   * catalogue's); `previous` reads a file of the previous release, which a writer may continue.
   */
  readonly writers: (
    dir: string,
    dataset: DatasetConfig,
    columns: readonly ReleaseColumn[],
    previous?: PreviousReleaseFiles,
  ) => ReleaseFileWriter[] | Promise<ReleaseFileWriter[]>;
  /** The Frictionless datapackage.json of a release's data files (formats' dataPackage). */
  readonly dataPackage?: (input: DataPackageRequest) => unknown;
  /** Valid against quarantined source rows of the dataset's record type, for the release's quality. */
  readonly validity?: (dataset: DatasetConfig, validRecords: number) => Promise<{ readonly valid: number; readonly quarantined: number }>;
  /** The publish gate over the written files (grading's scanRelease); without it nothing is scanned. */
  readonly gate?: (files: readonly GateFile[], columns: readonly ReleaseColumn[], category: 'open' | 'restricted') => Promise<GateReport>;
  /** 无条件开放 or 受限开放 (grading's datasetCategory). */
  readonly category: (dataset: DatasetConfig) => 'open' | 'restricted';
  /** Fields of the record type holding free text, which are redacted before they are published. */
  readonly freeTextColumns: (recordType: string) => readonly string[];
  readonly clock: Clock;
  /** First-publication times and withdrawals (the disclosure clock); without it no clock is kept. */
  readonly disclosures?: DisclosureLedger;
  /** Feeds that hear of expiries, which no source change announces. */
  readonly lifecycleFeeds?: LifecycleFeeds;
  /** Local scratch space for the release's files (the OS temp folder unless given). */
  readonly workDir?: string;
  /** How long before the previous release's read changes are asked for again (default 15 minutes). */
  readonly changeMarginMs?: number;
  /** Above this many records to read, a release is rebuilt in full (default 100,000). */
  readonly changeLimit?: number;
}

/** A file of the previous release, by name, as a writer that continues it (index numbers) reads it. */
export type PreviousReleaseFiles = (name: string) => Promise<Uint8Array | undefined>;

/** What the datapackage describes: the release's data files, written and hashed. */
export interface DataPackageRequest {
  readonly dataset: DatasetConfig;
  readonly columns: readonly ReleaseColumn[];
  readonly files: readonly { readonly name: string; readonly format: string; readonly mediaType: string; readonly bytes: number; readonly sha256: string }[];
  readonly release: { readonly id: string; readonly createdAt: string };
}

interface Withdrawals {
  /** Published records this release (or the unchanged latest one) was the first to leave out. */
  readonly withdrawn?: readonly WithdrawalMark[];
}

export type PublishOutcome =
  | ({
      readonly released: true;
      readonly release: ReleasePointer;
      /** The deadline came while the release's own clock was kept: the next build keeps the rest. */
      readonly clockPending?: true;
    } & Withdrawals)
  | ({ readonly released: false; readonly reason: 'unchanged'; readonly release: ReleasePointer } & Withdrawals)
  | ({
      readonly released: false;
      readonly reason: 'refused';
      /** The latest release, which stays latest. */
      readonly release?: ReleasePointer;
      /** The gate's findings: file, row, column and kind of every leak. */
      readonly findings: GateReport['findings'];
      readonly error: string;
    } & Withdrawals);

/** How a release is cut: final unless the pipeline was still at work on the dataset. */
export interface PublishOptions {
  /** Why the release is provisional (settle-request.ts decides); absent: the release is final. */
  readonly provisional?: string;
  /** Aborted as the function's deadline nears: the read and build stop (throwing its reason), nothing is committed. */
  readonly signal?: AbortSignal;
}

/** Bump when the way rows are built changes, so every dataset is rebuilt once. */
const BUILD_FORMAT = 1;

const compact = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d{3})Z$/, '$1Z');

/** Reads the previous release's state, re-keeping its clock on the way (idempotent: a failed keep is made good). */
function previousEntries(read: (key: string) => Promise<Uint8Array | undefined>, keeper: ClockKeeper | undefined, parts: Parameters<typeof stateLines>[1]) {
  return stateEntries(stateLines(read, parts), keeper ? { onFirst: (first) => keeper.first(first), onRemoved: (line) => keeper.left(line) } : {});
}

/** Keeps this release's own clock from the delta the build wrote, until the deadline. */
async function keepOwnClock(path: string, keeper: ClockKeeper, signal: AbortSignal | undefined): Promise<WithdrawalMark[]> {
  for await (const line of untilAborted(linesOf(path), signal)) {
    const entry = JSON.parse(line) as ClockLine;
    if ('first' in entry) await keeper.first(entry.first);
    else await keeper.left(entry.removed);
  }
  return keeper.finish();
}

async function* none(): AsyncGenerator<StateEntry> {}

/** datapackage.json beside the data files it describes, hashed like them. */
async function writeDataPackage(
  describe: NonNullable<PublishDeps['dataPackage']>,
  dir: string,
  input: { dataset: DatasetConfig; columns: readonly ReleaseColumn[]; built: BuiltRelease; releaseId: string; createdAt: Date },
) {
  const files = input.built.files
    .filter(({ writer }) => isDataFormat(writer.format))
    .map(({ writer, written }) => ({ name: writer.name, format: writer.format, mediaType: writer.mediaType, bytes: written.bytes, sha256: written.sha256 }));
  const body = Buffer.from(
    `${JSON.stringify(describe({ dataset: input.dataset, columns: input.columns, files, release: { id: input.releaseId, createdAt: input.createdAt.toISOString() } }), null, 2)}\n`,
  );
  const path = join(dir, 'datapackage.json');
  await writeFile(path, body);
  return { name: 'datapackage.json', format: 'datapackage', mediaType: 'application/json', path, bytes: body.length, sha256: sha256Hex(body) };
}

/**
 * Writes a new immutable release when the dataset's content changed, built from the previous
 * release's state plus what changed since (or in full when it must), streaming: rows pass to
 * every writer one at a time. The gate reads every file before anything is uploaded; then
 * every file, the state and the manifest go up, and the "latest" pointer moves last, so a
 * reader never sees a half release and a crash leaves the previous one latest.
 */
export async function publishDataset(dataset: DatasetConfig, deps: PublishDeps, options: PublishOptions = {}): Promise<PublishOutcome> {
  // The release is as of the moment its read began: a change routed after that is not in it.
  const now = deps.clock.now();
  const columns = deps.columns(dataset);
  const category = deps.category(dataset);
  const definitionHash = contentHash({ build: BUILD_FORMAT, dataset, columns, category });
  const stateStore: Uploader = deps.state ?? deps.open;
  const readState = (key: string) => stateStore.get(key);
  const previous = await deps.releases.latest(dataset.id);
  const previousState = previous ? await loadState(stateStore, dataset.id, previous.releaseId) : undefined;
  const dir = await mkdtemp(join(deps.workDir ?? tmpdir(), 'tongyuan-release-'));
  try {
    const plan = await planRead({
      datasetId: dataset.id,
      recordType: dataset.recordType,
      records: deps.records,
      ...(previousState ? { previous: previousState } : {}),
      definitionHash,
      today: chinaDate(now),
      marginMs: deps.changeMarginMs ?? 15 * 60_000,
      changeLimit: deps.changeLimit ?? 100_000,
      readState,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const previousClock =
      previous && previousState && deps.disclosures ? new ClockKeeper(deps.disclosures, dataset.recordType, previous, deps.lifecycleFeeds) : undefined;
    const readPrevious: PreviousReleaseFiles = async (name) => {
      const file = previous?.files.find((f) => f.name === name);
      return file ? deps.open.get(file.key) : undefined;
    };
    // Completeness is of what the files carry: the published columns, a dropped field not among them.
    const quality = releaseQualityObserver({ id: dataset.id, updateFrequency: dataset.updateFrequency, fields: columns.map((c) => c.field) });
    const built = await buildRelease({
      definitionHash,
      steps: untilAborted(mergeById(previousState ? previousEntries(readState, previousClock, previousState.parts) : none(), plan.items), options.signal),
      complete: plan.complete,
      judge: judgeVersions(dataset, now, deps.freeTextColumns(dataset.recordType), deps.project(dataset)),
      writers: await deps.writers(dir, dataset, columns, readPrevious),
      dir,
      observe: (row, changedAt) => quality.observe(row, changedAt ?? (typeof row.sourceUpdatedAt === 'string' ? row.sourceUpdatedAt : undefined)),
    });
    const kept = (await previousClock?.finish()) ?? [];
    // Past this point the release is scanned and committed whole, or not at all.
    options.signal?.throwIfAborted();
    // Equal content is no new release, except that a final release replaces a provisional one even so.
    const finalizes = previous?.provisional === true && options.provisional === undefined;
    if (previous?.snapshotHash === built.snapshotHash && !finalizes) {
      await refreshState(stateStore, { datasetId: dataset.id, releaseId: previous.releaseId, definitionHash, watermark: now, built });
      return { released: false, reason: 'unchanged', release: previous, withdrawn: kept };
    }

    if (deps.gate) {
      const report = await deps.gate(
        built.files
          .filter(({ writer }) => isDataFormat(writer.format))
          .map(({ writer, written }) => ({ name: writer.name, format: writer.format, path: written.path })),
        columns,
        category,
      );
      if (!report.passed) {
        const first = report.findings.slice(0, 5).map((f) => `${f.file} row ${f.row} column ${f.column}: ${f.kind}`);
        const error = `dataset ${dataset.id}: the publish gate refused the release (${report.findings.length} finding(s): ${first.join('; ')})`;
        return { released: false, reason: 'refused', ...(previous ? { release: previous } : {}), findings: report.findings, error, withdrawn: kept };
      }
    }

    // The gate's scan of every file is long: a deadline that came meanwhile stops the release before its upload.
    options.signal?.throwIfAborted();
    const releaseId = `${compact(now)}-${built.snapshotHash.slice(0, 8)}`;
    const described = deps.dataPackage ? [await writeDataPackage(deps.dataPackage, dir, { dataset, columns, built, releaseId, createdAt: now })] : [];
    const validity = deps.validity ? await deps.validity(dataset, built.rowCount) : { valid: built.rowCount, quarantined: 0 };
    const release = await commitRelease(
      { open: deps.open, state: stateStore, releases: deps.releases },
      {
        dataset,
        category,
        columns,
        definitionHash,
        releaseId,
        createdAt: now,
        ...(previous ? { previous } : {}),
        built,
        quality: quality.result({ now, validity }),
        described,
        ...(options.provisional !== undefined ? { provisional: options.provisional } : {}),
      },
    );
    // Disclosure clock: what this release first carried starts its clock now; what it left out is withdrawn.
    if (!deps.disclosures) return { released: true, release, withdrawn: kept };
    try {
      const own = await keepOwnClock(built.clockPath, new ClockKeeper(deps.disclosures, dataset.recordType, release, deps.lifecycleFeeds), options.signal);
      return { released: true, release, withdrawn: [...kept, ...own] };
    } catch (error) {
      // The release is out; its state holds the clock delta, which the next build keeps (a failed keep is made good).
      if (!(error instanceof DeadlineError)) throw error;
      return { released: true, release, withdrawn: kept, clockPending: true };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
