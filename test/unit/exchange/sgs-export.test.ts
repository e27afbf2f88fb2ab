import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freeTextColumns } from '../../../src/app/record-type-rules.js';
import { loadDatasets, type DatasetConfig } from '../../../src/config/catalog.js';
import { collectSgsRows } from '../../../src/exchange/sgs-export.js';
import { renderSgsFile, sgsFileName } from '../../../src/exchange/sgs-files.js';
import type { SgsRow } from '../../../src/exchange/sgs-profile.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { repoRoot } from '../../support/cli.js';
import { storedVersion } from '../../support/publish-memory.js';
import { licence, LICENSE_CODES, penalty, PENALTY_CODES } from '../../support/sgs-examples.js';

/** The repository's penalty and licence datasets: the export follows their filters and disclosure rules. */
const { valid: datasets } = await loadDatasets(join(repoRoot, 'datasets'));

const stored = (recordId: string, record: Record<string, unknown>): StoredVersion => storedVersion('enforcement-decision', recordId, record);
const records: StoredVersion[] = [
  stored('P-in-force', { ...penalty, status: 'in-force' }),
  stored('P-revoked', { ...penalty, decisionNumber: '绍越市监罚〔2025〕13号', status: 'revoked' }),
  stored('P-expired', { ...penalty, decisionNumber: '绍越市监罚〔2024〕3号', decisionDate: '2024-01-05', publicityEndDate: '2024-04-05' }),
  stored('P-old', { ...penalty, decisionNumber: '绍越市监罚〔2024〕9号', decisionDate: '2024-12-31', publicityEndDate: '2027-12-31' }),
  stored('P-third-person', {
    ...penalty,
    decisionNumber: '绍越市监罚〔2025〕14号',
    decisionDate: '2025-03-06',
    facts: '经查，当事人雇员李明华（身份证号330602198506120033）销售过期食品。',
  }),
  stored('L-valid', licence),
];
const deps = (list: readonly StoredVersion[], catalog: readonly DatasetConfig[] = datasets) => ({
  records: {
    async *listCurrent() {
      yield list;
    },
  },
  datasets: catalog,
  freeTextColumns,
});
const now = new Date('2025-06-01T02:00:00Z');

describe('collectSgsRows', () => {
  it('exports only what the penalty and licence datasets would release, from --from on, in decision-date order', async () => {
    const rows = await collectSgsRows(deps(records), { now, from: '2025-01-01' });
    expect(rows.penalty.map((r) => r.CF_WSH)).toEqual(['绍越市监罚〔2025〕12号', '绍越市监罚〔2025〕14号']);
    expect(rows.license.map((r) => r.XK_WSH)).toEqual(['绍越市监食许〔2025〕8号']);
    const all = await collectSgsRows(deps(records), { now });
    expect(all.penalty.map((r) => r.CF_JDRQ)).toEqual(['2024-12-31', '2025-03-05', '2025-03-06']);
  });

  it('redacts free text as a release does', async () => {
    const rows = await collectSgsRows(deps(records), { now, from: '2025-03-06' });
    expect(rows.penalty[0]!.CF_SY).not.toMatch(/李明华|330602198506120033/);
    expect(rows.penalty[0]!.CF_SY).toMatch(/^经查，当事人雇员李\*\*/);
  });

  it('refuses to export a kind no dataset holds alone', async () => {
    const penaltiesOnly = datasets.filter((d) => d.filter?.decisionKind === 'penalty');
    await expect(collectSgsRows(deps(records, penaltiesOnly), { now })).rejects.toThrow(/holds the license decisions alone/);
  });
});

async function exported(format: 'national' | 'csv' | 'xlsx') {
  const rows = await collectSgsRows(deps(records), { now });
  return {
    rows,
    penalty: await renderSgsFile('penalty', format, rows.penalty),
    license: await renderSgsFile('license', format, rows.license),
  };
}

const readCsv = (bytes: Uint8Array): string[][] => {
  const rows: unknown = parse(Buffer.from(bytes).toString('utf8'), { bom: true });
  return rows as string[][];
};

describe('the exported files, read back', () => {
  it('national: UTF-8 CSV with a BOM headed by every code of the standard’s field lists, the rows as the profile wrote them', async () => {
    const files = await exported('national');
    expect(Buffer.from(files.penalty).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [penaltyHeader, ...penaltyRows] = readCsv(files.penalty);
    for (const code of PENALTY_CODES) expect(penaltyHeader, code).toContain(code);
    const [licenceHeader, ...licenceRows] = readCsv(files.license);
    for (const code of LICENSE_CODES) expect(licenceHeader, code).toContain(code);
    const back = (header: string[], row: string[]): SgsRow => Object.fromEntries(header.map((code, i) => [code, row[i]!]));
    expect(penaltyRows.map((row) => back(penaltyHeader!, row))).toEqual(files.rows.penalty);
    expect(licenceRows.map((row) => back(licenceHeader!, row))).toEqual(files.rows.license);
    expect(back(penaltyHeader!, penaltyRows[1]!)).toMatchObject({ CF_NR_FK: '0.500000', CF_NR_WFFF: '1.234567', CF_XDR_LB: '法人及非法人组织', CF_ZT: '0' });
  });

  it('csv: the same columns under Chinese headers', async () => {
    const files = await exported('csv');
    const [header, first] = readCsv(files.license);
    expect(header).toContain('行政许可决定文书名称');
    expect(header).toContain('许可决定日期');
    expect(Object.fromEntries(header!.map((title, i) => [title, first![i]]))).toMatchObject({ 许可状态: '2', 证件类型: '护照号', 证件号码: '' });
  });

  it('xlsx: one sheet per file, the codes in row 1 and the Chinese titles in row 2, every value as text', async () => {
    const files = await exported('xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(files.penalty) as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('行政处罚');
    const rowValues = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1).map((v) => (typeof v === 'string' ? v : ''));
    const codes = rowValues(1);
    for (const code of PENALTY_CODES) expect(codes, code).toContain(code);
    expect(rowValues(2)).toContain('罚款金额（万元）');
    const secondPenalty = Object.fromEntries(codes.map((code, i) => [code, rowValues(4)[i]]));
    expect(secondPenalty).toMatchObject({ CF_WSH: '绍越市监罚〔2025〕12号', CF_NR_WFFF: '1.234567', CF_FR_ZJHM: '' });
    expect(sheet.rowCount).toBe(2 + files.rows.penalty.length);
  });

  it('names the two files by kind and format', () => {
    expect(sgsFileName('penalty', 'national')).toBe('administrative-penalties.national.csv');
    expect(sgsFileName('license', 'xlsx')).toBe('administrative-licenses.xlsx');
  });
});
