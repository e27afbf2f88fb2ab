import { describe, expect, it } from 'vitest';
import { toSgsRow } from '../../../src/exchange/sgs-profile.js';
import { YRD_COLUMNS } from '../../../src/feeds/yrd-codes.js';
import { toYrdRecord } from '../../../src/feeds/yrd-profile.js';
import { recordTypeNamed } from '../../../src/records/registry.js';

describe('Yangtze-Delta exchange profile', () => {
  it('a penalty is a row of the national 双公示 file', () => {
    const record = { decisionKind: 'penalty', decisionNumber: '绍市监罚〔2026〕1号', fineYuan: 50000, partyIdNumber: '330602199001011234' };
    const row = toYrdRecord('penalty-license', 'enforcement-decision', record);
    expect(row).toEqual(toSgsRow(record));
    expect(JSON.stringify(row)).toContain('5.000000');
    expect(JSON.stringify(row)).not.toContain('330602199001011234');
  });

  it('a credit record by its codes, code lists by their Chinese labels, dates as days', () => {
    const row = toYrdRecord('credit', 'credit-record', {
      subjectName: '绍兴某某有限公司',
      subjectType: 'legal-person',
      category: 'serious-dishonesty-list',
      decisionDate: '2026-03-02',
      repairStatus: 'not-repaired',
    });
    expect(row).toEqual({ XY_ZTMC: '绍兴某某有限公司', XY_ZTLB: '法人及非法人组织', XY_XXLB: '严重失信主体名单', XY_RDRQ: '2026-03-02', XY_XFZT: '未修复' });
  });

  it('a service item: lists joined, fees in 万元 by member codes, yes/no in Chinese', () => {
    const row = toYrdRecord('service-item', 'service-item', {
      itemCode: '330600-001',
      channels: ['window', 'online'],
      fees: [{ name: '工本费', amountYuan: 10, basis: '浙价费〔2020〕1号' }],
      materials: [{ name: '申请表', required: true, form: 'original' }],
      crossProvince: true,
    });
    expect(row).toEqual({
      SX_SXBM: '330600-001',
      SX_BLQD: '窗口;网上',
      SX_SFXM: [{ SFXMMC: '工本费', SFBZ: '0.001000', SFYJ: '浙价费〔2020〕1号' }],
      SX_SQCL: [{ CLMC: '申请表', SFBX: '是', CLXS: '原件' }],
      SX_KSTB: '是',
    });
  });

  it('a transferor object splits into its name and code', () => {
    const row = toYrdRecord('property-rights', 'property-rights-transaction', { transferor: { name: '绍兴某国资公司', creditCode: '91330600MA2D000000' } });
    expect(row).toEqual({ CQ_ZRFMC: '绍兴某国资公司', CQ_ZRFDM: '91330600MA2D000000' });
  });

  it('every code table names real fields of its record type, each code once, never an L4 field', () => {
    const types: Record<string, string> = { credit: 'credit-record', 'property-rights': 'property-rights-transaction', 'service-item': 'service-item' };
    for (const [entity, columns] of Object.entries(YRD_COLUMNS)) {
      const grades = recordTypeNamed(types[entity]!).grades();
      expect(new Set(columns.map((c) => c.code)).size, entity).toBe(columns.length);
      for (const column of columns) {
        const field = column.field.split('.')[0]!;
        expect(grades[field], `${entity} ${column.field}`).toBeDefined();
        expect(grades[field], `${entity} ${column.field}`).not.toBe('L4');
      }
    }
  });
});
