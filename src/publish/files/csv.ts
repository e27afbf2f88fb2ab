/**
 * CSV files of a release (RFC 4180, UTF-8 with a BOM so Excel on a Chinese Windows opens them):
 * `<dataset>.csv` with Chinese headers and labels for people, `<dataset>.en.csv` with field ids
 * and codes for programs. Both neutralize formula injection (OWASP "CSV Injection").
 */
import { join } from 'node:path';
import type { DatasetConfig } from '../../generated/dataset.types.js';
import type { ReleaseColumn, ReleaseFileWriter, Row, WrittenFile } from '../release-columns.js';
import { cellEncoder, type CellText } from './cells.js';
import { TextSink } from './text-sink.js';

const BOM = '\uFEFF';
/** A spreadsheet reads a cell starting with one of these as a formula (OWASP adds tab and CR). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** A text cell that would run as a formula gets a leading apostrophe; real numbers (e.g. -5) stay numbers. */
export function neutralize(cell: CellText): string {
  return !cell.numeric && FORMULA_START.test(cell.text) ? `'${cell.text}` : cell.text;
}

/** RFC 4180 quoting, also of leading/trailing spaces so no reader trims them. */
export function csvQuote(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export type CsvVariant = 'zh' | 'en';

export function csvWriter(dir: string, dataset: DatasetConfig, columns: readonly ReleaseColumn[], variant: CsvVariant): ReleaseFileWriter {
  const name = variant === 'zh' ? `${dataset.id}.csv` : `${dataset.id}.en.csv`;
  const site = { dataset: dataset.id, file: name };
  const encoders = columns.map((column) => cellEncoder(site, column, variant === 'zh'));
  const header = columns.map((column) => (variant === 'zh' ? column.title : column.field));
  const sink = new TextSink(join(dir, name));
  let headerWritten = false;
  const line = (cells: readonly string[]): string => `${cells.map(csvQuote).join(',')}\r\n`;
  const start = async (): Promise<void> => {
    if (headerWritten) return;
    headerWritten = true;
    await sink.write(BOM + line(header.map((h) => neutralize({ text: h, numeric: false }))));
  };
  return {
    format: variant === 'zh' ? 'csv' : 'csv-en',
    name,
    mediaType: 'text/csv; charset=utf-8',
    async write(row: Row): Promise<void> {
      await start();
      const cells = columns.map((column, i) => {
        const cell = encoders[i]!(row[column.field]);
        return cell === undefined ? '' : neutralize(cell);
      });
      await sink.write(line(cells));
    },
    async close(): Promise<WrittenFile> {
      await start();
      return sink.close();
    },
  };
}
