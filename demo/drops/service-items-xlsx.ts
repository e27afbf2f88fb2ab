import ExcelJS from 'exceljs';
import type { DemoServiceItemRow } from '../service-items/generate.js';
import { withFixedZipTimes } from './stable-zip.js';

/** The catalogue's own date, so the same catalogue is the same file on every run. */
const EXPORTED_AT = new Date('2025-01-01T00:00:00Z');

const SINGLE = ['事项编码', '事项名称', '实施部门', '部门代码', '事项类型', '办理渠道'] as const;
const AFTER = ['收费', '申请材料', '跨省通办', '最多跑次数', '更新日期'] as const;

/**
 * The catalogue as the department keeps it in Excel: a two-row header where 办理时限
 * spans 法定 and 承诺, every other header merged down both rows, and the update date
 * as a bare serial number (no date format), as exports from older systems do.
 */
export async function serviceItemsWorkbook(rows: readonly DemoServiceItemRow[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.created = EXPORTED_AT;
  book.modified = EXPORTED_AT;
  const sheet = book.addWorksheet('政务服务事项目录');
  sheet.addRow([...SINGLE, '办理时限（工作日）', null, ...AFTER]);
  sheet.addRow([...SINGLE.map(() => null), '法定', '承诺', ...AFTER.map(() => null)]);
  const columns = SINGLE.length + 2 + AFTER.length;
  for (let c = 1; c <= columns; c++) {
    if (c === SINGLE.length + 1) sheet.mergeCells(1, c, 1, c + 1);
    else if (c !== SINGLE.length + 2) sheet.mergeCells(1, c, 2, c);
  }
  for (const r of rows) {
    sheet.addRow([...SINGLE.map((h) => r[h]), r.法定时限, r.承诺时限, r.收费, r.申请材料, r.跨省通办, r.最多跑次数, r.更新日期]);
  }
  return withFixedZipTimes(new Uint8Array(await book.xlsx.writeBuffer()));
}
