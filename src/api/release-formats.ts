import { DATA_FORMATS, isDataFormat, type DataFormat } from '../publish/release.js';

/** The data files of a release a client may download; the format name is the `download?format=` value. */
export type DownloadFormat = DataFormat;

/** What a client receives for each downloadable format. */
export const RELEASE_MEDIA_TYPES: Readonly<Record<DownloadFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  'csv-en': 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson',
  parquet: 'application/vnd.apache.parquet',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const RELEASE_FORMATS: readonly DownloadFormat[] = DATA_FORMATS;

export const isReleaseFormat = (value: string): value is DownloadFormat => isDataFormat(value);
