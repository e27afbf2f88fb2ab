import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatasets, type DatasetConfig } from '../../../src/config/catalog.js';
import { STORAGE_TYPES } from '../../../src/publish/release-columns.js';
import { queryTableOf } from '../../../src/publish/query-table.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { repositoryRoot } from '../lib/stack-fixture.js';

/**
 * Holds each Glue table's columns to the Parquet file the release writer produces: a Parquet
 * file written by DuckDB with STORAGE_TYPES' duckdb types (as the Parquet writer does) is
 * read back with parquet_schema(), and every physical/logical type must be the one Athena
 * reads as the Glue column's Hive type.
 */

interface ParquetNode {
  readonly name: string;
  readonly type: string | null;
  readonly converted_type: string | null;
  readonly precision: string | null;
  readonly scale: string | null;
  readonly num_children: string | null;
}

interface TypedNode extends ParquetNode {
  readonly children: TypedNode[];
}

/** parquet_schema() lists the schema tree depth first; each group says how many children follow. */
function parquetTree(nodes: readonly ParquetNode[]): TypedNode {
  let next = 0;
  const read = (): TypedNode => {
    const node = nodes[next++]!;
    const children = Array.from({ length: Number(node.num_children ?? 0) }, read);
    return { ...node, children };
  };
  return read();
}

/** The Hive type Athena reads a Parquet column as (Athena's Parquet SerDe mapping). */
function hiveTypeOf(node: TypedNode): string {
  if (node.converted_type === 'LIST') {
    const element = node.children[0]?.children[0];
    if (!element) throw new Error(`list ${node.name} has no element`);
    return `array<${hiveTypeOf(element)}>`;
  }
  switch (`${node.type}/${node.converted_type}`) {
    case 'BYTE_ARRAY/UTF8':
    case 'BYTE_ARRAY/JSON':
      return 'string';
    case 'INT64/INT_64':
    case 'INT64/null':
      return 'bigint';
    case 'INT32/INT_32':
      return 'int';
    case 'DOUBLE/null':
      return 'double';
    case 'BOOLEAN/null':
      return 'boolean';
    case 'INT32/DATE':
      return 'date';
    case 'INT64/TIMESTAMP_MICROS':
    case 'INT64/TIMESTAMP_MILLIS':
      return 'timestamp';
    case 'INT64/DECIMAL':
    case 'INT32/DECIMAL':
    case 'FIXED_LEN_BYTE_ARRAY/DECIMAL':
      return `decimal(${node.precision},${node.scale})`;
    default:
      throw new Error(`column ${node.name}: Parquet ${node.type}/${node.converted_type} has no Hive type in this mapping`);
  }
}

const restrictedDataset: DatasetConfig = {
  ...DATASET_DEFAULTS,
  id: 'penalties-restricted',
  recordType: 'enforcement-decision',
  fields: ['decisionNumber', 'partyName', 'fineYuan', 'decisionDate', 'penaltyTypes', 'sourceUpdatedAt'],
  grades: { partyName: 'L2' },
};
/** Every column type the record schemas produce, object (JSON text) and integer included. */
const everyTypeDatasets: DatasetConfig[] = [
  {
    ...DATASET_DEFAULTS,
    id: 'normative-documents-all',
    recordType: 'normative-document',
    fields: ['documentNumber', 'issuingAuthorities', 'signedDate', 'subjectCategories', 'filing', 'sourceUpdatedAt'],
  },
  { ...DATASET_DEFAULTS, id: 'gazette-issues-all', recordType: 'gazette-issue', fields: ['year', 'issueNumber', 'publicationDate', 'publisher', 'entries'] },
];

let dir: string;
let connection: DuckDBConnection;
let datasets: DatasetConfig[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glue-parquet-'));
  connection = await (await DuckDBInstance.create(':memory:')).connect();
  const loaded = await loadDatasets(join(repositoryRoot, 'datasets'));
  datasets = [...loaded.valid, restrictedDataset, ...everyTypeDatasets];
});
afterAll(async () => {
  connection.closeSync();
  await rm(dir, { recursive: true, force: true });
});

describe('Glue columns against the Parquet schema', () => {
  it('covers every column type of STORAGE_TYPES', () => {
    const types = new Set(datasets.flatMap((dataset) => queryTableOf(dataset).columns.map((column) => column.type)));
    expect([...types].sort()).toEqual(
      Object.keys(STORAGE_TYPES)
        .filter((type) => type !== 'number')
        .sort(),
    );
  });

  it('agree for a column of each STORAGE_TYPES entry, number and boolean included', async () => {
    const entries = Object.entries(STORAGE_TYPES);
    const file = join(dir, 'every-type.parquet');
    await connection.run(`CREATE OR REPLACE TABLE every_type (${entries.map(([type, s], i) => `"c${i}_${type}" ${s.duckdb}`).join(', ')})`);
    await connection.run(`COPY every_type TO '${file}' (FORMAT parquet)`);
    const tree = parquetTree((await connection.runAndReadAll(`SELECT * FROM parquet_schema('${file}')`)).getRowObjectsJson() as unknown as ParquetNode[]);
    expect(tree.children.map((node) => [node.name, hiveTypeOf(node)])).toEqual(entries.map(([type, s], i) => [`c${i}_${type}`, s.glue]));
  });

  it('agree for every dataset: same names, same order, types Athena reads as the Glue type', async () => {
    for (const dataset of datasets) {
      const table = queryTableOf(dataset);
      const file = join(dir, `${dataset.id}.parquet`);
      await connection.run(`CREATE OR REPLACE TABLE release_rows (${table.columns.map((c) => `"${c.name}" ${STORAGE_TYPES[c.type].duckdb}`).join(', ')})`);
      await connection.run(`INSERT INTO release_rows DEFAULT VALUES`);
      await connection.run(`COPY release_rows TO '${file}' (FORMAT parquet)`);
      const rows = (await connection.runAndReadAll(`SELECT * FROM parquet_schema('${file}')`)).getRowObjectsJson() as unknown as ParquetNode[];
      const parquet = parquetTree(rows).children.map((node) => ({ name: node.name, type: hiveTypeOf(node) }));
      const glue = table.columns.map((column) => ({ name: column.name, type: STORAGE_TYPES[column.type].glue }));
      expect(parquet, dataset.id).toEqual(glue);
    }
  });
});
