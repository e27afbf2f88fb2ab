import { describe, expect, it, vi } from 'vitest';

/** A workbook as exceljs' streaming reader hands it over when it met the sheets before the workbook's index: no names. */
vi.mock('exceljs', () => {
  const sheet = (rows: unknown[][]) => ({
    async *[Symbol.asyncIterator]() {
      for (const [i, cells] of rows.entries()) yield { number: i + 1, values: [undefined, ...cells] };
    },
  });
  class WorkbookReader {
    async *[Symbol.asyncIterator]() {
      yield sheet([['名称'], ['甲']]);
      yield sheet([
        ['字段标识', '中文名称', '英文名称', '类型', '分级', '说明', '代码与标签'],
        ['name', '名称', 'Name', '文本', 'L1', '当事人名称', ''],
      ]);
    }
  }
  return { default: { stream: { xlsx: { WorkbookReader } } } };
});

const { readXlsx } = await import('../../../../src/publish/gate/readers/xlsx.js');

describe('the gate reading an XLSX whose sheets come without names', () => {
  it('tells the field notes by their header: their header is no data column, their text is still read', async () => {
    const events = [];
    for await (const event of readXlsx('unused.xlsx')) events.push(event);
    expect(events.filter((e) => e.kind === 'header')).toEqual([{ kind: 'header', names: ['名称'] }]);
    expect(events.filter((e) => e.kind === 'row').map((e) => e.kind === 'row' && e.cells[0])).toEqual([
      ['名称', '甲'],
      ['字段说明:字段标识', 'name'],
    ]);
  });
});
