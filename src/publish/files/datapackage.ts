/**
 * `datapackage.json` of a release: a Frictionless Data Package (v2, datapackage.org 2.0) with one
 * resource per file and a Table Schema per tabular one. Each file's fields are named as its
 * header is (Chinese titles in the CSV and XLSX, field ids elsewhere); every field carries
 * `x-field` (its field id) and enum fields `x-labels` (code → Chinese label), so a program can map
 * any file onto any other.
 */
import type { DatasetConfig } from '../../generated/dataset.types.js';
import type { ColumnType, ReleaseColumn } from '../release-columns.js';
import { LIST_DELIMITER } from './cells.js';

export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';
export const TABLE_SCHEMA_PROFILE = 'https://datapackage.org/profiles/2.0/tableschema.json';
export const TABLE_DIALECT_PROFILE = 'https://datapackage.org/profiles/2.0/tabledialect.json';

export interface PackagedFile {
  readonly name: string;
  readonly format: string;
  readonly mediaType: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface DataPackageInput {
  readonly dataset: DatasetConfig;
  readonly columns: readonly ReleaseColumn[];
  /** Field ids of the primary key. */
  readonly primaryKey: readonly string[];
  readonly files: readonly PackagedFile[];
  /** The release this package describes, when the builder knows it. */
  readonly release?: { readonly id: string; readonly createdAt: string };
}

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };
type JsonObject = { readonly [key: string]: Json | undefined };

/** How each file spells its values: Chinese headers and labels, or field ids and codes. */
const SPELLING: Readonly<Record<string, { readonly labelled: boolean; readonly lexical: 'csv' | 'xlsx' | 'json'; readonly format: string }>> = {
  csv: { labelled: true, lexical: 'csv', format: 'csv' },
  'csv-en': { labelled: false, lexical: 'csv', format: 'csv' },
  jsonl: { labelled: false, lexical: 'json', format: 'jsonl' },
  parquet: { labelled: false, lexical: 'json', format: 'parquet' },
  xlsx: { labelled: true, lexical: 'xlsx', format: 'xlsx' },
};

const LICENSES: Readonly<Record<string, { readonly path: string; readonly title: string }>> = {
  'CC-BY-4.0': { path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' },
  'CC0-1.0': { path: 'https://creativecommons.org/publicdomain/zero/1.0/', title: 'CC0 1.0' },
  'ODC-BY-1.0': { path: 'https://opendatacommons.org/licenses/by/1-0/', title: 'Open Data Commons Attribution License 1.0' },
  'ODbL-1.0': { path: 'https://opendatacommons.org/licenses/odbl/1-0/', title: 'Open Data Commons Open Database License 1.0' },
};

const TABLE_TYPES: Readonly<Record<ColumnType, string>> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  decimal: 'number',
  boolean: 'boolean',
  date: 'date',
  'date-time': 'datetime',
  'string-list': 'array',
  object: 'object',
};

function field(column: ReleaseColumn, spelling: (typeof SPELLING)[string], key: boolean): JsonObject {
  const { labelled, lexical } = spelling;
  const labels = column.labels;
  const type = column.type === 'string-list' && lexical !== 'json' ? 'list' : TABLE_TYPES[column.type];
  const enumValues = labels && column.type === 'string' ? (labelled ? Object.values(labels) : Object.keys(labels)) : undefined;
  const constraints = {
    ...(key ? { required: true } : {}),
    ...(enumValues ? { enum: enumValues } : {}),
  };
  return {
    name: labelled ? column.title : column.field,
    title: column.title,
    description: column.description,
    type,
    ...(type === 'list' ? { delimiter: LIST_DELIMITER, itemType: 'string' } : {}),
    ...(column.type === 'boolean' && labelled ? { trueValues: ['是'], falseValues: ['否'] } : {}),
    ...(column.type === 'decimal' ? { 'x-decimal-places': 2 } : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
    ...(labels && column.type === 'string' && !labelled ? { categories: Object.entries(labels).map(([value, label]) => ({ value, label })) } : {}),
    'x-field': column.field,
    'x-title-en': column.titleEn,
    'x-grade': column.grade,
    ...(column.masking ? { 'x-masking': column.masking } : {}),
    ...(labels ? { 'x-labels': { ...labels } } : {}),
  };
}

function tableSchema(columns: readonly ReleaseColumn[], primaryKey: readonly string[], spelling: (typeof SPELLING)[string]): JsonObject {
  const byField = new Map(columns.map((c) => [c.field, c]));
  return {
    $schema: TABLE_SCHEMA_PROFILE,
    fields: columns.map((column) => field(column, spelling, primaryKey.includes(column.field))),
    missingValues: [''],
    // A record type whose rows no published fields identify has no primary key to declare.
    ...(primaryKey.length > 0 ? { primaryKey: primaryKey.map((key) => (spelling.labelled ? byField.get(key)!.title : key)) } : {}),
  };
}

function resource(input: DataPackageInput, file: PackagedFile): JsonObject {
  const spelling = SPELLING[file.format];
  const base = {
    name: file.name.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
    path: file.name,
    format: spelling?.format ?? file.name.split('.').pop() ?? file.format,
    mediatype: file.mediaType.split(';')[0]!.trim(),
    ...(/charset=utf-8/i.test(file.mediaType) || file.format === 'jsonl' ? { encoding: 'utf-8' } : {}),
    bytes: file.bytes,
    hash: `sha256:${file.sha256}`,
  };
  if (!spelling) return base;
  const dialect =
    spelling.lexical === 'csv'
      ? { $schema: TABLE_DIALECT_PROFILE, header: true, delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true }
      : spelling.lexical === 'xlsx'
        ? { $schema: TABLE_DIALECT_PROFILE, header: true, sheetName: '数据' }
        : undefined;
  return {
    ...base,
    type: 'table',
    title: `${input.dataset.title.zh}（${spelling.labelled ? '中文表头与标签' : '字段标识与代码'}）`,
    // The CSVs begin with a BOM so Excel detects UTF-8: Python's and Frictionless's name for that is utf-8-sig.
    ...(spelling.lexical === 'csv' ? { encoding: 'utf-8-sig' } : {}),
    ...(dialect ? { dialect } : {}),
    schema: tableSchema(input.columns, input.primaryKey, spelling),
  };
}

/** The package descriptor; throws when the primary key or the columns do not fit together. */
export function dataPackage(input: DataPackageInput): JsonObject {
  const { dataset, columns, primaryKey } = input;
  const fields = new Set(columns.map((c) => c.field));
  const missing = primaryKey.filter((key) => !fields.has(key));
  if (missing.length > 0) throw new Error(`dataset ${dataset.id}: primary key field(s) ${missing.join(', ')} are not published columns`);
  const license = LICENSES[dataset.license];
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: dataset.id,
    ...(input.release ? { id: `${dataset.id}/${input.release.id}`, version: input.release.id, created: input.release.createdAt } : {}),
    title: dataset.title.zh,
    description: dataset.description.zh,
    'x-title-en': dataset.title.en,
    'x-description-en': dataset.description.en,
    keywords: [...dataset.keywords],
    licenses: [{ name: dataset.license, ...(license ?? {}) }],
    contributors: [
      { title: dataset.publisher, roles: ['publisher'] },
      {
        title: dataset.contactPoint.name,
        email: dataset.contactPoint.email,
        ...(dataset.contactPoint.telephone ? { 'x-telephone': dataset.contactPoint.telephone } : {}),
        roles: ['contact'],
      },
    ],
    'x-theme': dataset.theme,
    'x-subject-category': dataset.subjectCategory,
    'x-update-frequency': dataset.updateFrequency,
    resources: input.files.map((file) => resource(input, file)),
  };
}
