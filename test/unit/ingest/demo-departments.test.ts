import { describe, expect, it } from 'vitest';
import { generateCreditRows } from '../../../demo/credit/generate.js';
import { generateDocumentRows } from '../../../demo/documents/generate.js';
import { serviceItemsWorkbook } from '../../../demo/drops/service-items-xlsx.js';
import { sgsCsvBytes } from '../../../demo/drops/sgs-csv.js';
import { sgsExport } from '../../../demo/drops/sgs-export.js';
import { generatePenalties } from '../../../demo/enforcement/generate.js';
import { generateServiceItems } from '../../../demo/service-items/generate.js';
import { csvItems } from '../../../src/ingest/files/csv-file.js';
import { readXlsx } from '../../../src/ingest/files/xlsx-file.js';
import { liveItems } from '../../../src/ingest/source-items.js';
import { recordTypeNamed } from '../../../src/records/registry.js';
import type { SourceConfig } from '../../../src/config/catalog.js';
import type { MappingDefinition } from '../../../src/mapping/mapping.js';
import { demoMapping } from '../../support/mappings.js';

const START = new Date('2025-01-01T00:00:00+08:00');

/** Source keys whose mapped candidate the record type rejects. */
const mappings = new Map<string, MappingDefinition>();
for (const id of ['demo-credit', 'demo-documents', 'demo-enforcement', 'demo-sgs-csv', 'demo-service-items']) mappings.set(id, await demoMapping(id));

function rejectedKeys(items: readonly Record<string, unknown>[], key: string, mapping: string, recordType: string): Set<string> {
  const map = mappings.get(mapping)!;
  const type = recordTypeNamed(recordType);
  return new Set(items.filter((item) => !type.validate(map.map(item)).valid).map((item) => String(item[key])));
}

describe('demo departments of the other kinds: seeded, with exactly their planted defects', () => {
  it('credit centre rows (PostgreSQL front table) map to credit records; flagged rows are withdrawn, not mapped', () => {
    const { rows, defective } = generateCreditRows(600, 7, START);
    expect(generateCreditRows(600, 7, START).rows).toEqual(rows);
    const source = { deletions: { detect: 'flag', field: 'sfsc', values: [1] } } as unknown as SourceConfig;
    const live = liveItems(source, rows) as unknown as Record<string, unknown>[];
    expect(rows.length - live.length).toBeGreaterThan(0);
    expect(rejectedKeys(live, 'id', 'demo-credit', 'credit-record')).toEqual(new Set([...defective.keys()].map(String)));
    expect(defective.size).toBeGreaterThanOrEqual(8);
    // Rows tied on updated_at exist, so the keyset's tie-break is exercised.
    expect(new Set(rows.map((r) => r.updated_at)).size).toBeLessThan(rows.length);
  });

  it('document system rows (MySQL front table) map to normative documents', () => {
    const { rows, defective } = generateDocumentRows(300, 8, START);
    expect(rejectedKeys(rows as unknown as Record<string, unknown>[], 'id', 'demo-documents', 'normative-document')).toEqual(
      new Set([...defective.keys()].map(String)),
    );
    expect(defective.size).toBe(6);
  });

  it("the 双公示 GBK CSV (an export of the platform's cases) reads back and maps to enforcement decisions", () => {
    const { rows, defective } = sgsExport(generatePenalties({ count: 400, seed: 9, asOf: '2026-06-30' }), 9);
    const items = csvItems(sgsCsvBytes(rows), { encoding: 'gbk' });
    expect(items.length).toBe(rows.length);
    expect(items.map((item) => item['序号'])).toEqual(rows.map((row) => row.id));
    const rejected = rejectedKeys(items, '序号', 'demo-sgs-csv', 'enforcement-decision');
    // Natural persons with a passport or a Hong Kong/Macao/Taiwan permit pass once the schema reads 证件类型 (issue 8).
    const foreignIds = new Set(rows.filter((row) => row.xdr_zjlx !== '' && row.xdr_zjlx !== '身份证').map((row) => row.id));
    expect([...defective.keys()].every((key) => rejected.has(key))).toBe(true);
    expect([...rejected].filter((key) => !defective.has(key) && !foreignIds.has(key))).toEqual([]);
  });

  it('the service-item workbook (two-row merged header, serial dates) maps to service items', async () => {
    const { rows, defective } = generateServiceItems(200, 10);
    const table = await readXlsx(await serviceItemsWorkbook(rows), { sheet: '政务服务事项目录', headerRows: 2, dateColumns: ['更新日期'] });
    expect(table.rows[0]!.row).toBe(3);
    expect(Object.keys(table.rows[0]!.item)).toContain('办理时限（工作日）/承诺');
    expect(
      rejectedKeys(
        table.rows.map((r) => r.item),
        '事项编码',
        'demo-service-items',
        'service-item',
      ),
    ).toEqual(new Set(defective.keys()));
  });
});

describe('demo files are the same bytes for the same data', () => {
  it('writes the service-item workbook identically on every run, so a restart re-drops nothing', async () => {
    const { rows } = generateServiceItems(20, 3);
    const first = await serviceItemsWorkbook(rows);
    await new Promise((r) => setTimeout(r, 2100)); // ZIP times have a two-second resolution
    expect(Buffer.from(await serviceItemsWorkbook(rows)).equals(Buffer.from(first))).toBe(true);
    expect((await readXlsx(first, { sheet: '政务服务事项目录', headerRows: 2 })).rows.length).toBe(20);
  });
});
