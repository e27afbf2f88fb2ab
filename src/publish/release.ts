import type { DatasetCategory } from '../grading/category.js';
import type { ReleaseQuality } from './release-quality.js';

/**
 * The formats a release file may have: the data files (`csv` with Chinese headers, `csv-en`
 * with field ids), the datapackage, the changes file against the previous release, and the
 * 同源发布 catalogue files.
 */
export type ReleaseFormat = 'csv' | 'csv-en' | 'jsonl' | 'parquet' | 'xlsx' | 'datapackage' | 'changes' | (string & {});

/** The data files of a release, the ones the gate reads, the datapackage describes and clients download. */
export const DATA_FORMATS = ['csv', 'csv-en', 'jsonl', 'parquet', 'xlsx'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];
export const isDataFormat = (format: string): format is DataFormat => (DATA_FORMATS as readonly string[]).includes(format);

/** 无条件开放 (open) or 受限开放 (restricted: masked, served only through a grant), as grading derives it. */
export type { DatasetCategory };

/** One file of a release in the open bucket. */
export interface ReleaseFile {
  readonly name: string;
  readonly key: string;
  readonly format: ReleaseFormat;
  readonly mediaType: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** An immutable release of a dataset: what the "latest" pointer and the history hold. */
export interface ReleasePointer {
  readonly datasetId: string;
  readonly releaseId: string;
  readonly createdAt: string;
  readonly rowCount: number;
  /** Digest of the definition and the rows in id order: equal digests, equal content. */
  readonly snapshotHash: string;
  readonly manifestKey: string;
  readonly files: readonly ReleaseFile[];
  /** The category the release was built under; releases from before grading carry none and were open. */
  readonly category?: DatasetCategory;
  /** Completeness, validity and freshness as measured when the release was built (manifest.json carries the same). */
  readonly quality?: ReleaseQuality;
  /**
   * Cut while work for the dataset was still in flight (normalize messages, a source run): not
   * the final state of its cycle. A final release follows and supersedes it once the pipeline settles.
   */
  readonly provisional?: true;
  /** Why it is provisional, as the pipeline stood when it was cut ("14 normalize messages in flight"). */
  readonly provisionalReason?: string;
  /** The provisional release this one replaced as latest. */
  readonly supersedes?: string;
  /** On a provisional release's catalog entry: the release that replaced it as latest. */
  readonly supersededBy?: string;
}

/** Whether the release is the final state of its cycle (absent: releases from before provisional ones were final). */
export const isFinalRelease = (release: ReleasePointer): boolean => release.provisional !== true;
