import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { QuarantineEntry } from '../../../src/quarantine/entry.js';
import { inertCell, quarantineReport } from '../../../src/quarantine/report.js';
import { reportCsv, reportXlsx } from '../../../src/quarantine/report-files.js';

const entry = (sourceKey: string, errors: QuarantineEntry['errors'], raw: Record<string, unknown>): QuarantineEntry => ({
  sourceId: 'demo-enforcement',
  recordType: 'enforcement-decision',
  sourceKey,
  rawKey: 'raw/demo-enforcement/2025-03-06/abc.json.gz',
  index: Number(sourceKey) % 100,
  errors,
  raw: JSON.stringify(raw),
  quarantinedAt: '2025-03-06T02:00:00.000Z',
  mapping: 'demo-enforcement@2',
});
const badCode = {
  path: '/creditCode',
  keyword: 'format',
  message: 'creditCode is not a valid unified social credit code (GB 32100-2015)',
  messageZh: '统一社会信用代码无效',
  sourceField: 'xdr_shxym',
};
const badType = (i: number) => ({
  path: `/penaltyTypes/${i}`,
  keyword: 'enum',
  message: 'penaltyTypes must be one of …',
  messageZh: '处罚类别取值须为以下之一',
  sourceField: 'cf_cflb',
});
const entries = [
  entry('1001', [badCode], { xdr_shxym: '91330100799655058C' }),
  entry('1002', [badCode, badType(1)], { xdr_shxym: '=HYPERLINK("x")', cf_cflb: '罚款,批评教育' }),
  entry('1003', [badType(0)], { cf_cflb: '训诫' }),
  entry('1004', [badCode], { xdr_shxym: '9133' }),
  entry('1005', [badCode], { xdr_shxym: '1' }),
];

describe('quarantine report for a data steward', () => {
  const report = quarantineReport('demo-enforcement', entries);

  it('counts rows by reason, array positions folded, most frequent first, with the values the source sent', () => {
    expect(report.summary.map((r) => [r['字段 / field'], r['源字段 / source field'], r['条数 / rows']])).toEqual([
      ['/creditCode', 'xdr_shxym', 4],
      ['/penaltyTypes/*', 'cf_cflb', 2],
    ]);
    expect(report.summary[0]!['示例 / examples']).toBe('1001: 91330100799655058C；1002: =HYPERLINK("x")；1004: 9133');
    expect(report.details).toHaveLength(6);
    expect(report.details.find((d) => d['源主键 / source key'] === '1003')).toMatchObject({
      '源数据值 / value sent': '训诫',
      '映射版本 / mapping': 'demo-enforcement@2',
    });
  });

  it('never lets a department value become a spreadsheet formula', () => {
    expect(inertCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(inertCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(inertCell(-5)).toBe(-5);
    expect(report.details.find((d) => d['源主键 / source key'] === '1002')!['源数据值 / value sent']).toBe('\'=HYPERLINK("x")');
  });

  it('writes CSV with a BOM and bilingual headers', () => {
    const csv = reportCsv(report);
    expect(csv.summary.startsWith('\uFEFF原因（中文）/ reason,字段 / field,')).toBe(true);
    expect(csv.summary.split('\r\n')[1]).toContain('统一社会信用代码无效,/creditCode,xdr_shxym,format,4,');
    expect(csv.details.trim().split('\r\n')).toHaveLength(7);
  });

  it('writes an XLSX workbook with a summary sheet and a detail sheet that Excel readers open', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await reportXlsx(report)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['汇总 demo-enforcement', '明细 details']);
    const summary = workbook.worksheets[0]!;
    expect(summary.getRow(2).getCell(5).value).toBe(4);
    expect(summary.getRow(2).getCell(3).value).toBe('xdr_shxym');
    expect(workbook.worksheets[1]!.rowCount).toBe(7);
  });
});
