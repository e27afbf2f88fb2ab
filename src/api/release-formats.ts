/** The data files of a release a client may download; the format name is the `download?format=` value. */
export type DownloadFormat = 'csv' | 'csv-en' | 'jsonl' | 'parquet' | 'xlsx';

/** What a client receives for each downloadable format. */
export const RELEASE_MEDIA_TYPES: Readonly<Record<DownloadFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  'csv-en': 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson',
  parquet: 'application/vnd.apache.parquet',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const RELEASE_FORMATS = Object.keys(RELEASE_MEDIA_TYPES) as readonly DownloadFormat[];

export const isReleaseFormat = (value: string): value is DownloadFormat => Object.hasOwn(RELEASE_MEDIA_TYPES, value);
