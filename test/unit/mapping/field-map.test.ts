import { describe, expect, it } from 'vitest';
import { compileFieldMap, type FieldMap } from '../../../src/mapping/field-map.js';
import { MappingError } from '../../../src/mapping/mapping-error.js';
import { recordTypeNamed } from '../../../src/records/registry.js';
import { demoMapping } from '../../support/mappings.js';

/** A property-rights exchange's export, mapped declaratively. */
const exchange: FieldMap = {
  id: 'test-exchange',
  version: 3,
  recordType: 'property-rights-transaction',
  fields: {
    projectNumber: { from: 'xmbh', as: 'upper' },
    projectName: { from: 'xmmc' },
    projectType: { from: 'xmlx', values: { 产权转让: 'equity-transfer', 资产转让: 'asset-transfer' } },
    'transferor.name': { from: 'zrf.mc' },
    'transferor.creditCode': { from: 'zrf.dm', as: 'upper' },
    assetType: { from: 'bdlx', values: { 股权: 'equity', 房产: 'real-estate' } },
    listingPriceYuan: { from: 'gpjg', as: 'yuan', unit: 'wan-yuan' },
    listingStartDate: { from: 'gpqsrq', as: 'date' },
    status: { from: 'zt', values: { '1': 'listed', '9': 'dealt' } },
    exchange: { value: '绍兴市产权交易有限公司' },
  },
};
const mapping = compileFieldMap(exchange);
const row = {
  xmbh: 'sxcq2025-gq-0042',
  xmmc: ' 某公司 20% 股权转让 ',
  xmlx: '产权转让',
  zrf: { mc: '绍兴市城市建设投资集团有限公司', dm: '91440300708461136t' },
  bdlx: '股权',
  gpjg: '1,250',
  gpqsrq: '二〇二五年四月一日',
  zt: 1,
};

describe('compiled field maps', () => {
  it('maps nested source fields to nested targets, with converters, code tables and constants', () => {
    const candidate = mapping.map(row);
    expect(candidate).toEqual({
      projectNumber: 'SXCQ2025-GQ-0042',
      projectName: '某公司 20% 股权转让',
      projectType: 'equity-transfer',
      transferor: { name: '绍兴市城市建设投资集团有限公司', creditCode: '91440300708461136T' },
      assetType: 'equity',
      listingPriceYuan: 12_500_000,
      listingStartDate: '2025-04-01',
      status: 'listed',
      exchange: '绍兴市产权交易有限公司',
    });
    expect(recordTypeNamed('property-rights-transaction').validate(candidate).valid).toBe(true);
  });

  it('names the source field behind every target path, nested and in lists', async () => {
    expect(mapping.sourceFieldOf('/transferor/creditCode')).toBe('zrf.dm');
    expect(mapping.sourceFieldOf('/listingPriceYuan')).toBe('gpjg');
    expect(mapping.sourceFieldOf('/exchange')).toBeUndefined();
    expect(mapping.sourceFieldOf('/unknown')).toBeUndefined();
    expect((await demoMapping('demo-enforcement')).sourceFieldOf('/penaltyTypes/1')).toBe('cf_cflb');
  });

  it('passes on what it cannot translate, and leaves out what is blank', () => {
    const candidate = mapping.map({ ...row, bdlx: '船舶', gpjg: '面议', gpqsrq: '  ', zrf: { mc: '某公司' } }) as Record<string, unknown>;
    expect(candidate).toMatchObject({ assetType: '船舶', listingPriceYuan: '面议', transferor: { name: '某公司' } });
    expect(candidate).not.toHaveProperty('listingStartDate');
  });

  it('builds lists of objects, booleans and integers', () => {
    const items = compileFieldMap({
      id: 'items',
      version: 1,
      recordType: 'normative-document',
      fields: {
        issuingAuthorities: { from: 'fwjg', as: 'list', each: 'name' },
        crossProvince: { from: 'kstb', as: 'boolean' },
        days: { from: 'sx', as: 'integer' },
      },
    });
    expect(items.map({ fwjg: '绍兴市人民政府、绍兴市财政局', kstb: '是', sx: '20' })).toEqual({
      issuingAuthorities: [{ name: '绍兴市人民政府' }, { name: '绍兴市财政局' }],
      crossProvince: true,
      days: 20,
    });
    expect(items.map({ kstb: '未知', sx: '20.5' })).toEqual({ crossProvince: '未知', days: '20.5' });
  });

  it('throws a MappingError naming the source field when the item has the wrong shape', () => {
    expect(() => mapping.map({ ...row, zrf: '某公司' })).toThrow(MappingError);
    try {
      mapping.map({ ...row, zrf: '某公司' });
    } catch (error) {
      expect((error as MappingError).sourceField).toBe('zrf.mc');
    }
    expect(() => mapping.map([] as unknown as Record<string, unknown>)).toThrow(/\(item\).*array/);
  });

  it('refuses an inconsistent map when it is compiled, naming the map and the field', () => {
    expect(() => compileFieldMap({ ...exchange, fields: { a: { from: 'x', as: 'nonsense' as never } } })).toThrow(
      /field map test-exchange: a: unknown converter "nonsense"/,
    );
    expect(() => compileFieldMap({ ...exchange, fields: { a: { from: 'x', each: 'name' } } })).toThrow(/"each" needs as: list/);
    expect(() => compileFieldMap({ ...exchange, version: 0 })).toThrow(/version must be a positive integer/);
  });

  it('parses text cells into lists of objects: empty words, named groups, a nested map, find and default', () => {
    const fees = compileFieldMap({
      id: 'cells',
      version: 1,
      fields: {
        fees: {
          from: 'sf',
          as: 'list',
          separators: '；',
          empty: ['不收费'],
          match: '^(?<name>.+?)(?<amount>\\d+)元$',
          each: { name: { from: 'name' }, amountYuan: { from: 'amount', as: 'number' }, kind: { value: 'fee' } },
        },
        form: { from: 'bz', find: '原件|复印件', values: { 原件: 'original', 复印件: 'copy' } },
        required: { from: 'bz', find: '非必需', values: { 非必需: false }, default: true },
      },
    });
    expect(fees.map({ sf: '工本费10元；邮寄费12元', bz: '复印件，非必需' })).toEqual({
      fees: [
        { name: '工本费', amountYuan: 10, kind: 'fee' },
        { name: '邮寄费', amountYuan: 12, kind: 'fee' },
      ],
      form: 'copy',
      required: false,
    });
    expect(fees.map({ sf: '不收费', bz: '原件' })).toEqual({ fees: [], form: 'original', required: true });
    // What does not match passes on for the validator to report; the nested field names the cell.
    expect(fees.map({ sf: '面议' })).toEqual({ fees: ['面议'], required: true });
    expect(fees.sourceFieldOf('/fees/0/amountYuan')).toBe('sf');
  });

  it("maps the service-item catalogue's text cells as its source file declares", async () => {
    const catalogue = await demoMapping('demo-service-items');
    expect(
      catalogue.map({
        事项编码: 'XK-001',
        事项名称: '食品经营许可',
        实施部门: '绍兴市市场监督管理局',
        部门代码: '11330600mb1234567x',
        事项类型: '行政许可',
        办理渠道: '窗口、网上、无人机',
        '办理时限（工作日）/法定': '20',
        '办理时限（工作日）/承诺': 5,
        收费: '工本费10元（依据：浙价费〔2017〕12号）',
        申请材料: '申请书（原件，必需）；授权委托书（复印件，非必需）；场所证明',
        跨省通办: '否',
        最多跑次数: '1',
        更新日期: '2025-03-01',
      }),
    ).toEqual({
      itemCode: 'XK-001',
      name: '食品经营许可',
      department: '绍兴市市场监督管理局',
      departmentCode: '11330600MB1234567X',
      itemType: '行政许可',
      channels: ['window', 'online', '无人机'],
      legalTimeLimitDays: 20,
      promisedTimeLimitDays: 5,
      fees: [{ name: '工本费', amountYuan: 10, basis: '浙价费〔2017〕12号' }],
      materials: [
        { name: '申请书', required: true, form: 'original' },
        { name: '授权委托书', required: false, form: 'copy' },
        { name: '场所证明', required: true },
      ],
      crossProvince: false,
      maxVisits: 1,
      sourceUpdatedAt: '2025-03-01T00:00:00+08:00',
    });
    expect(catalogue.map({ 收费: '免费' })).toMatchObject({ fees: [] });
  });
});
