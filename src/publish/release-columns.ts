/**
 * The shape of a release's files, shared by the writers (src/publish/files), the release
 * builder and the publish gate. A row is always in codes, as JSONL and Parquet carry it;
 * the CSV and XLSX writers turn codes into Chinese labels through the column.
 */

export type Row = Readonly<Record<string, unknown>>;

/** The grades a published field may have (DB33/T 2350-2021); L4 never reaches a release. */
export type PublishedGrade = 'L1' | 'L2' | 'L3';

/** A published field's type; amounts in 元 (multipleOf 0.01) are decimal, so no file rounds them. */
export type ColumnType = 'string' | 'integer' | 'number' | 'decimal' | 'boolean' | 'date' | 'date-time' | 'string-list' | 'object';

/**
 * How each type is stored in Parquet (DuckDB's SQL type) and declared in the Glue catalog (Hive
 * type): one table, so the Parquet writer and the Glue tables cannot drift apart.
 */
export const STORAGE_TYPES: Readonly<Record<ColumnType, { readonly duckdb: string; readonly glue: string }>> = {
  string: { duckdb: 'VARCHAR', glue: 'string' },
  integer: { duckdb: 'BIGINT', glue: 'bigint' },
  number: { duckdb: 'DOUBLE', glue: 'double' },
  decimal: { duckdb: 'DECIMAL(18,2)', glue: 'decimal(18,2)' },
  boolean: { duckdb: 'BOOLEAN', glue: 'boolean' },
  date: { duckdb: 'DATE', glue: 'date' },
  'date-time': { duckdb: 'TIMESTAMPTZ', glue: 'timestamp' },
  'string-list': { duckdb: 'VARCHAR[]', glue: 'array<string>' },
  // Nested objects (a document's issuers, a fee list) travel as JSON text.
  object: { duckdb: 'JSON', glue: 'string' },
};

/** One published field. */
export interface ReleaseColumn {
  /** The field id: the JSONL key and the Parquet column. */
  readonly field: string;
  /** Chinese header for CSV and XLSX (the schema's title). */
  readonly title: string;
  /** English name, for the datapackage and an English-header CSV. */
  readonly titleEn: string;
  readonly description: string;
  readonly type: ColumnType;
  /**
   * The schema's string format (uscc, document-number, uri …) when it has one: the publish
   * gate does not take a registration code in such a column for a bank card number.
   */
  readonly format?: string;
  /** Enum code → Chinese label, for the files people open (CSV, XLSX). */
  readonly labels?: Readonly<Record<string, string>>;
  /** The field's grade in this dataset: the schema's, or the dataset's raise. */
  readonly grade: PublishedGrade;
  /** The masking rule applied to it, when its grade asked for one. */
  readonly masking?: string;
}

/** One file of a release, written as rows stream through to a local file: memory does not grow with the rows. */
export interface ReleaseFileWriter {
  readonly format: string;
  /** File name inside the release folder. */
  readonly name: string;
  readonly mediaType: string;
  write(row: Row): Promise<void>;
  /** Finishes the file; the path of the local file, its size and SHA-256. */
  close(): Promise<WrittenFile>;
}

export interface WrittenFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}
