/**
 * The 同源发布 files of a release: catalogue.json (one JSON array, streamed entry by entry)
 * and catalogue.csv (UTF-8 with BOM, Chinese headers, RFC 4180), both fed each published row.
 */
import { join } from 'node:path';
import type { DatasetConfig } from '../../config/catalog.js';
import type { ReleaseFileWriter, Row, WrittenFile } from '../release-columns.js';
import { CATALOGUE_COLUMNS, CATALOGUE_FIELDS, catalogueEntryBuilder, type CatalogueEntry, type CatalogueEntryOf } from './catalogue-entry.js';
import { IndexNumberAllocator, type AssignedIndexNumber } from './index-number.js';
import { TextSink } from '../files/text-sink.js';

export const CATALOGUE_JSON = 'catalogue.json';
export const CATALOGUE_CSV = 'catalogue.csv';

export interface CatalogueOptions {
  /**
   * The index numbers of the previous release's catalogue (`readCatalogue`): a record keeps its
   * 索引号 from release to release and new serials continue after the highest one given.
   */
  readonly previous?: readonly AssignedIndexNumber[];
}

class CatalogueJsonWriter implements ReleaseFileWriter {
  readonly format = 'catalogue-json';
  readonly name = CATALOGUE_JSON;
  readonly mediaType = 'application/json';
  private readonly file: TextSink;
  private entries = 0;

  constructor(
    dir: string,
    private readonly entryOf: CatalogueEntryOf,
  ) {
    this.file = new TextSink(join(dir, this.name));
  }

  async write(row: Row): Promise<void> {
    await this.file.write(`${this.entries++ === 0 ? '[\n' : ',\n'}${JSON.stringify(this.entryOf(row))}`);
  }

  async close(): Promise<WrittenFile> {
    await this.file.write(this.entries === 0 ? '[]\n' : '\n]\n');
    return this.file.close();
  }
}

/** A cell a spreadsheet would run as a formula starts with one of these; a leading apostrophe keeps it text. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | null): string {
  const text = value === null ? '' : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

class CatalogueCsvWriter implements ReleaseFileWriter {
  readonly format = 'catalogue-csv';
  readonly name = CATALOGUE_CSV;
  readonly mediaType = 'text/csv; charset=utf-8';
  private readonly file: TextSink;
  private headerWritten = false;

  constructor(
    dir: string,
    private readonly entryOf: CatalogueEntryOf,
  ) {
    this.file = new TextSink(join(dir, this.name));
  }

  private async header(): Promise<void> {
    if (this.headerWritten) return;
    this.headerWritten = true;
    await this.file.write(`\uFEFF${CATALOGUE_COLUMNS.map(([, header]) => header).join(',')}\r\n`);
  }

  async write(row: Row): Promise<void> {
    await this.header();
    const entry = this.entryOf(row);
    await this.file.write(`${CATALOGUE_COLUMNS.map(([key]) => csvCell(entry[key])).join(',')}\r\n`);
  }

  async close(): Promise<WrittenFile> {
    await this.header();
    return this.file.close();
  }
}

/**
 * The catalogue writers of a release: both files for a normative-document or gazette-issue
 * dataset with a `sameSource` rule, none for any other dataset. Both share one index-number
 * allocator, so the JSON and the CSV carry the same 索引号.
 */
export function catalogueWriters(dir: string, dataset: DatasetConfig, options: CatalogueOptions = {}): ReleaseFileWriter[] {
  if (!dataset.sameSource) return [];
  if (!CATALOGUE_FIELDS[dataset.recordType])
    throw new Error(
      `dataset ${dataset.id}: sameSource is set but ${dataset.recordType} has no 同源发布 catalogue (only ${Object.keys(CATALOGUE_FIELDS).join(', ')})`,
    );
  const allocator = new IndexNumberAllocator(dataset.sameSource.indexNumber, `dataset ${dataset.id}`, options.previous);
  const entryOf = catalogueEntryBuilder(dataset, allocator);
  return [new CatalogueJsonWriter(dir, entryOf), new CatalogueCsvWriter(dir, entryOf)];
}

/** The entries of a catalogue.json, to seed the next release's index numbers; throws on anything else. */
export function readCatalogue(json: string, source: string): CatalogueEntry[] {
  const parsed = JSON.parse(json) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`${source}: not a catalogue (a JSON array of entries)`);
  parsed.forEach((entry: unknown, i) => {
    const { recordKey, indexNumber } = (entry ?? {}) as Partial<CatalogueEntry>;
    if (typeof recordKey !== 'string' || typeof indexNumber !== 'string') throw new Error(`${source}: entry ${i} has no recordKey and indexNumber`);
  });
  return parsed as CatalogueEntry[];
}
