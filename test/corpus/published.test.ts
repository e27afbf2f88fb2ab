import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { releaseColumns } from '../../src/grading/index.js';
import { csvWriter } from '../../src/publish/files/csv.js';
import { decisions } from '../support/records-release.js';
import { loadCases } from './support/load-cases.js';

/** A stored text value, published in a release CSV: the cell a spreadsheet opens must not run as a formula. */
interface PublishedCase {
  readonly name: string;
  readonly field: string;
  readonly value: string;
  /** The cell as written; by default the value with a leading apostrophe when it starts like a formula. */
  readonly expect: { readonly neutralized: boolean };
}

/** What a spreadsheet takes for a formula (OWASP "CSV Injection": = + - @, tab and carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;
const cases = await loadCases<PublishedCase>('published');
const dataset = decisions('penalties');
const columns = releaseColumns(dataset);

const row = (field: string, value: string) => ({
  decisionNumber: '绍市监罚〔2026〕1号',
  caseName: '某餐饮公司违法案',
  authority: '绍兴市生态环境局',
  decisionDate: '2026-01-10',
  district: '330602',
  penaltyTypes: ['警告'],
  sourceUpdatedAt: '2026-01-10T00:00:00Z',
  [field]: value,
});

describe('bad-input corpus: text values published in release CSVs', () => {
  it.each(cases)('$title', async ({ case: c }) => {
    const dir = await mkdtemp(join(tmpdir(), 'corpus-csv-'));
    try {
      for (const variant of ['zh', 'en'] as const) {
        const writer = csvWriter(dir, dataset, columns, variant);
        await writer.write(row(c.field, c.value));
        await writer.close();
        const text = await readFile(join(dir, writer.name), 'utf8');
        const parsed: string[][] = parse(text, { bom: true });
        const [header, cells] = parsed;
        const column = columns.findIndex((col) => col.field === c.field);
        expect(header).toHaveLength(columns.length);
        const cell = cells![column]!;
        expect(cell, `${variant} cell runs as a formula`).not.toMatch(FORMULA_START);
        expect(cell).toBe(c.expect.neutralized ? `'${c.value}` : c.value);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
