import type { DatasetConfig } from '../../config/catalog.js';
import type { ReleasePointer } from '../../publish/release.js';

/** One sort key: a released field id and its direction. */
export interface RecordSort {
  readonly field: string;
  readonly descending: boolean;
}

/** A question about one release's rows, as /v1/…/records and CKAN's datastore_search ask it. */
export interface RecordQuery {
  readonly dataset: DatasetConfig;
  readonly release: ReleasePointer;
  /** Only these field ids, in this order (a grant's fields, CKAN's `fields`); every released field when absent. */
  readonly fields?: readonly string[];
  /** Equality on field ids; a list means any of its values. */
  readonly filters?: Readonly<Record<string, string | readonly string[]>>;
  /** Full-text search over the release's text fields (Chinese included). */
  readonly q?: string;
  readonly sort?: readonly RecordSort[];
  /** At most this many rows (the caller bounds it: 1000). */
  readonly limit: number;
  /** Rows to skip (CKAN's paging). */
  readonly offset?: number;
  /** The opaque `nextCursor` of the previous page (/v1 paging); excludes offset. */
  readonly cursor?: string;
  /** Count every matching row too (costs a second scan). */
  readonly includeTotal?: boolean;
  /** Only these records (the changes feed attaches the released rows of the records it names). */
  readonly recordIds?: readonly string[];
}

/** A released field as a client sees it. */
export interface RecordField {
  readonly id: string;
  /** The field's storage type in the release (`string`, `integer`, `number`, `boolean`, `date`, `datetime`, `array` of strings, `object`). */
  readonly type: string;
  readonly title: { readonly zh: string; readonly en: string };
}

export interface RecordPage {
  readonly fields: readonly RecordField[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  /** Set when the query asked for it. */
  readonly total?: number;
  /** Set when the query named `recordIds`: the record id of each row, in row order. */
  readonly recordIds?: readonly string[];
  /** Set when more rows follow: pass it back as `cursor`. */
  readonly nextCursor?: string;
}

/** A release's rows in some of its fields, written to a local file for one download. */
export interface ProjectedFile {
  readonly path: string;
  readonly bytes: number;
  /** Removes the file (after it was streamed). */
  discard(): Promise<void>;
}

/** Reads a release's rows: the one query engine behind /v1 records, CKAN datastore_search and the portal's preview. */
export interface RecordsReader {
  query(query: RecordQuery): Promise<RecordPage>;
  /**
   * The whole release in only `fields`, as JSONL or Parquet (a grant that allows fewer fields
   * than the release has downloads this instead of the release's file). Absent: not offered.
   */
  project?(release: ReleasePointer, fields: readonly string[], format: 'jsonl' | 'parquet'): Promise<ProjectedFile>;
}

/** The query names something the release does not have, or is malformed: a 400 naming `parameter`. */
export class InvalidRecordQuery extends Error {
  override readonly name = 'InvalidRecordQuery';
  constructor(
    readonly parameter: string,
    readonly reason: string,
  ) {
    super(`${parameter}: ${reason}`);
  }
}
