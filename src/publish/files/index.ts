/** The files of a release, written as rows stream through (see each module for its format). */
import type { DatasetConfig } from '../../generated/dataset.types.js';
import type { ReleaseColumn, ReleaseFileWriter } from '../release-columns.js';
import { csvWriter } from './csv.js';
import { jsonlWriter } from './jsonl.js';
import { parquetWriter } from './parquet.js';
import { xlsxWriter } from './xlsx.js';

export { dataPackage, type DataPackageInput, type PackagedFile } from './datapackage.js';
export { ReleaseValueError } from './cells.js';

/** One writer per file: `<dataset>.csv`, `.en.csv`, `.jsonl`, `.parquet`, `.xlsx`, all in `dir`. */
export function releaseWriters(dir: string, dataset: DatasetConfig, columns: readonly ReleaseColumn[]): ReleaseFileWriter[] {
  if (columns.length === 0) throw new Error(`dataset ${dataset.id}: a release needs at least one column`);
  for (const key of ['field', 'title'] as const) {
    const seen = new Set<string>();
    for (const column of columns) {
      if (seen.has(column[key])) throw new Error(`dataset ${dataset.id}: two columns share the ${key} "${column[key]}"`);
      seen.add(column[key]);
    }
  }
  return [
    csvWriter(dir, dataset, columns, 'zh'),
    csvWriter(dir, dataset, columns, 'en'),
    jsonlWriter(dir, dataset, columns),
    parquetWriter(dir, dataset, columns),
    xlsxWriter(dir, dataset, columns),
  ];
}
